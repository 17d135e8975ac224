// The baseline: the same CSV posted straight to the emulator with the `form-data` package, as a
// hand-written script would, with no validation and no n8n in between.
import { request } from 'node:http';
import FormData from 'form-data';

import type { EmulatorAddress } from './emulatorAddress';

export interface UploadAnswer {
	status: number;
	body: unknown;
}

/** POST /v1/api/batch-calls with the fields `file` and `agentId`; resolves with the parsed answer. */
export function postBatchWithFormData(emulator: EmulatorAddress, csv: Buffer, fileName: string): Promise<UploadAnswer> {
	const form = new FormData();
	form.append('file', csv, { filename: fileName, contentType: 'text/csv', knownLength: csv.length });
	form.append('agentId', emulator.agentId);
	return new Promise((resolve, reject) => {
		const req = request(`${emulator.url}/v1/api/batch-calls`, {
			method: 'POST',
			headers: {
				...form.getHeaders(),
				'content-length': String(form.getLengthSync()),
				'x-api-key': emulator.apiKey,
				'x-workspace-id': emulator.workspaceId,
			},
		});
		req.once('error', reject);
		req.once('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.once('error', reject);
			res.once('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				try {
					resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
				} catch {
					resolve({ status: res.statusCode ?? 0, body: text });
				}
			});
		});
		form.pipe(req);
	});
}
