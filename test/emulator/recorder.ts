// The record of one request: made on arrival (so the order is the arrival order, and a hanging
// request is visible), completed when its body is read and when it is answered.
import type { IncomingMessage } from 'node:http';
import type { RecordedFile, RecordedRequest } from './types';
import type { RequestBody, UploadedFile } from './requestBody';
import { parseCsvLeniently } from './csvRules';

export function startRecord(req: IncomingMessage, path: string, query: Record<string, string>): RecordedRequest {
	return {
		method: req.method ?? 'GET',
		path,
		query,
		headers: { ...req.headers },
		contentType: req.headers['content-type'],
		fields: {},
		status: 0,
	};
}

export function recordBody(record: RecordedRequest, body: RequestBody): void {
	record.fields = { ...body.fields };
	if (body.json !== undefined) record.json = body.json;
	// The upload the API reads is the `file` field; any other file is recorded when it is the only one.
	const file = body.files.find((candidate) => candidate.fieldName === 'file') ?? body.files[0];
	if (file !== undefined) record.file = toRecordedFile(file);
}

function toRecordedFile(file: UploadedFile): RecordedFile {
	const { fieldName, fileName, mimeType, bytes } = file;
	const recorded: RecordedFile = { fieldName, fileName, mimeType, bytes, rows: [] };
	if (file.truncated) {
		recorded.truncated = true;
		return recorded;
	}
	// Parsed when first read: a benchmark's large uploads are not parsed twice for nothing.
	let rows: Record<string, string>[] | undefined;
	Object.defineProperty(recorded, 'rows', {
		enumerable: true,
		get: () => (rows ??= parseCsvLeniently(bytes)),
	});
	return recorded;
}
