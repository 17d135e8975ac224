// Small helpers for the emulator's own tests: authenticated fetch calls and contact CSVs.
import type { TrilletEmulator } from './index';

export interface ApiAnswer {
	status: number;
	headers: Headers;
	text: string;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	body: unknown;
}

export function credentialHeaders(emulator: TrilletEmulator): Record<string, string> {
	return { 'x-api-key': emulator.apiKey, 'x-workspace-id': emulator.workspaceId };
}

export async function callApi(
	emulator: TrilletEmulator,
	method: string,
	path: string,
	init: { body?: FormData | string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		body: init.body,
		headers: { ...credentialHeaders(emulator), ...init.headers },
	});
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, text, body };
}

/** A multipart form as the node would send it: the CSV as `file`, then the other fields. */
export function batchForm(csv: string | Buffer, fields: Record<string, string> = {}, fileField = 'file'): FormData {
	const form = new FormData();
	form.append(fileField, new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return form;
}

export function startBatch(
	emulator: TrilletEmulator,
	csv: string | Buffer,
	fields: Record<string, string> = {},
): Promise<ApiAnswer> {
	const form = batchForm(csv, { agentId: emulator.agents[0]._id, ...fields });
	return callApi(emulator, 'POST', '/v1/api/batch-calls', { body: form });
}

/** The id of a batch just started, failing the test with the API's answer if it was not. */
export async function startedBatchId(emulator: TrilletEmulator, csv: string, fields?: Record<string, string>): Promise<string> {
	const answer = await startBatch(emulator, csv, fields);
	if (answer.status !== 200) throw new Error(`batch not started: ${answer.status} ${answer.text}`);
	return (answer.body as { batchId: string }).batchId;
}

/** A contacts CSV of `count` rows; the n-th (1-based) number ends in the last digit of n. */
export function contactsCsv(count: number): string {
	const lines = ['phone_number,first_name,last_name,email'];
	for (let n = 1; n <= count; n++) {
		lines.push(`+1415555${String(n).padStart(4, '0')},First${n},Last${n},contact${n}@example.com`);
	}
	return `${lines.join('\n')}\n`;
}

/** A one-row CSV of exactly `size` bytes (the row's notes column takes up the room). */
export function csvOfSize(size: number): Buffer {
	const head = Buffer.from('phone_number,notes\n+14155550123,');
	const tail = Buffer.from('\n');
	return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 'x'), tail]);
}
