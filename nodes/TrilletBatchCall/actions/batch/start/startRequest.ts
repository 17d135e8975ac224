import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

// A Start Batch request is ONE value. The form fields sent, the fingerprint that stops the same
// batch being started twice, and the fields echoed in the output are all built from `fields`, so
// a field added later cannot be sent yet left out of the fingerprint or the output.

/** Every form field sent beside the file; a field left undefined is not sent. */
export interface StartFields {
	agentId: string;
	scheduledAt: string | undefined;
	smartCallbackConfig: string | undefined;
}

/** Everything one `POST /v1/api/batch-calls` sends. */
export interface StartRequest {
	fields: StartFields;
	/** The CSV exactly as it is sent, typed text/csv. */
	file: Blob;
	fileName: string;
	/** Same fingerprint, same batch: the CSV's SHA-256 and every field. */
	fingerprint: string;
}

export function startRequest(fields: StartFields, csv: { file: Blob; sha256: string }, fileName: string): StartRequest {
	return { fields, file: csv.file, fileName, fingerprint: fingerprintOf(csv.sha256, fields) };
}

function definedFields(fields: StartFields): Array<[string, string]> {
	return Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function fingerprintOf(csvSha256: string, fields: StartFields): string {
	const named = definedFields(fields).sort(([a], [b]) => a.localeCompare(b));
	return createHash('sha256').update(JSON.stringify([csvSha256, named])).digest('hex');
}

/** The multipart body; Node's own FormData writes the boundary, so no Content-Type is set by hand. */
export function startForm(request: StartRequest): FormData {
	const form = new FormData();
	form.append('file', request.file, request.fileName);
	for (const [name, value] of definedFields(request.fields)) form.append(name, value);
	return form;
}

/** What was asked of Trillet, echoed so later nodes need not look back; absent fields as null. */
export function echoStartRequest(request: StartRequest): IDataObject {
	const echo: IDataObject = {};
	for (const [name, value] of Object.entries(request.fields) as Array<[string, string | undefined]>) {
		// The callback settings go out as JSON text; the output shows them as an object.
		if (name === 'smartCallbackConfig') echo.smartCallback = value === undefined ? null : (JSON.parse(value) as IDataObject);
		else echo[name] = value ?? null;
	}
	return { ...echo, fileName: request.fileName };
}
