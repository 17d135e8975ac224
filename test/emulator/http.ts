// What a route answers, built as a value so the server can send it, or drop it (dropAfterCreate).
import type { ServerResponse } from 'node:http';

export interface EmulatorResponse {
	status: number;
	headers: Record<string, string>;
	body: string | Buffer;
}

export function jsonResponse(
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
): EmulatorResponse {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
		body: JSON.stringify(value),
	};
}

/** `{"error": "…"}` or `{"error": "…", "message": "…"}`: the batch pages' error shape. */
export function errorResponse(status: number, error: string, message?: string): EmulatorResponse {
	return jsonResponse(status, message === undefined ? { error } : { error, message });
}

export function csvDownload(fileName: string, csv: string): EmulatorResponse {
	return {
		status: 200,
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
		},
		body: csv,
	};
}

export function writeResponse(res: ServerResponse, response: EmulatorResponse): void {
	const body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body, 'utf8');
	res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
	res.end(body);
}
