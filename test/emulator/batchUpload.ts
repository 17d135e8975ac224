// The multipart routes: start a batch (POST /v1/api/batch-calls), and the undocumented
// validate and preview routes that read the same CSV without starting anything.
import type { SmartCallbackConfig } from './types';
import type { RouteContext } from './context';
import { type EmulatorResponse, errorResponse, jsonResponse } from './http';
import type { RequestBody, UploadedFile } from './requestBody';
import { type CsvCheck, checkContactsCsv, describeCsvFailure } from './csvRules';

const EXACT_UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const CALLBACK_FORMAT = '{"enabled": boolean, "maxAttempts": number, "gaps": [{"days": number, "hours": number}]}';
const PREVIEW_ROWS = 10;

/** The uploaded `file`, or the answer to a request that has none, or one too large. */
function requireCsvFile(body: RequestBody): UploadedFile | EmulatorResponse {
	if (!body.multipart) {
		// The API reads uploads with a multipart parser; anything else reaches it without a file.
		return errorResponse(400, 'No file uploaded', 'The request must be multipart/form-data with a boundary');
	}
	if (body.multipartError !== undefined) {
		return errorResponse(400, 'No file uploaded', `The multipart body could not be read: ${body.multipartError}`);
	}
	if (body.files.some((file) => file.truncated)) return errorResponse(413, 'File size exceeds 20MB limit');
	const file = body.files.find((candidate) => candidate.fieldName === 'file');
	return file ?? errorResponse(400, 'No file uploaded');
}

function isResponse(value: object): value is EmulatorResponse {
	return 'status' in value && 'body' in value;
}

/** An empty form field counts as absent, as `if (req.body.scheduledAt)` would read it. */
function optionalField(fields: Record<string, string>, name: string): string | undefined {
	const value = fields[name];
	return value === undefined || value === '' ? undefined : value;
}

function isExactUtcTimestamp(value: string): boolean {
	if (!EXACT_UTC_TIMESTAMP.test(value)) return false;
	const date = new Date(value);
	// The round trip rejects dates that do not exist (2025-02-30, 24:00:00 …).
	return !Number.isNaN(date.getTime()) && date.toISOString() === value.replace('Z', '.000Z');
}

function isNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function isGap(value: unknown): value is { days: number; hours: number } {
	if (typeof value !== 'object' || value === null) return false;
	const gap = value as Record<string, unknown>;
	return isNumber(gap.days) && isNumber(gap.hours);
}

function parseSmartCallbackConfig(text: string): SmartCallbackConfig | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null) return undefined;
	const { enabled, maxAttempts, gaps } = value as Record<string, unknown>;
	if (typeof enabled !== 'boolean' || !isNumber(maxAttempts) || !Array.isArray(gaps) || !gaps.every(isGap)) {
		return undefined;
	}
	return { enabled, maxAttempts, gaps: gaps.map(({ days, hours }) => ({ days, hours })) };
}

function csvFailure(check: CsvCheck): EmulatorResponse | undefined {
	if (check.fatal === undefined && check.problems.length === 0) return undefined;
	return errorResponse(400, 'CSV validation failed', describeCsvFailure(check));
}

/**
 * `POST /v1/api/batch-calls`. Checked in the order an upload middleware and then the handler would:
 * size (413), file, agentId, scheduledAt, smartCallbackConfig, the CSV rows, then the agent (404).
 * A scheduledAt in the past is accepted and the batch starts at once (the documented example is 2024).
 */
export function startBatch({ body, state }: RouteContext): EmulatorResponse {
	const file = requireCsvFile(body);
	if (isResponse(file)) return file;
	const agentId = body.fields.agentId ?? '';
	if (agentId === '') return errorResponse(400, 'No agent ID provided');
	const scheduledAt = optionalField(body.fields, 'scheduledAt');
	if (scheduledAt !== undefined && !isExactUtcTimestamp(scheduledAt)) {
		return errorResponse(400, 'Invalid scheduledAt', 'scheduledAt must be a UTC date and time as YYYY-MM-DDTHH:MM:SSZ');
	}
	const callbackText = optionalField(body.fields, 'smartCallbackConfig');
	const smartCallbackConfig = callbackText === undefined ? null : parseSmartCallbackConfig(callbackText);
	if (smartCallbackConfig === undefined) {
		const message = `smartCallbackConfig must be a JSON string of ${CALLBACK_FORMAT}`;
		return errorResponse(400, 'Invalid smartCallbackConfig', message);
	}
	if (state.benchCountLinesOnly) return countLinesOnly(file.bytes);
	const check = checkContactsCsv(file.bytes);
	const invalid = csvFailure(check);
	if (invalid !== undefined) return invalid;
	// ASSUMPTION (undocumented): an unknown agent is refused with 404 "Agent not found", as GET /agents/{id} does.
	if (!state.agents.some((agent) => agent._id === agentId)) return errorResponse(404, 'Agent not found');
	const batch = state.store.create({
		agentId,
		scheduledAt: scheduledAt ?? null,
		smartCallbackConfig,
		fileName: file.fileName,
		columns: check.columns,
		rows: check.rows,
	});
	return jsonResponse(200, {
		batchId: batch.id,
		totalCalls: batch.calls.length,
		status: batch.status,
		message: 'Batch calls initiated successfully',
	});
}

/** BENCH MODE: the answer to an upload whose CSV is not parsed, only its lines counted. */
function countLinesOnly(bytes: Buffer): EmulatorResponse {
	let lines = 0;
	for (let lf = bytes.indexOf(0x0a); lf !== -1; lf = bytes.indexOf(0x0a, lf + 1)) lines++;
	if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
	const totalCalls = Math.max(0, lines - 1);
	return jsonResponse(200, { batchId: 'bench', totalCalls, status: 'pending', message: 'Batch calls initiated successfully' });
}

/** The report validate and preview share (their shape is undocumented; this one is ours). */
function validationReport(check: CsvCheck) {
	const fileErrors = check.fatal === undefined ? [] : [{ row: null, field: 'file', value: '', message: check.fatal }];
	const invalidRows = new Set(check.problems.map((problem) => problem.row)).size;
	return {
		valid: check.fatal === undefined && check.problems.length === 0,
		totalRows: check.rows.length,
		validRows: check.fatal === undefined ? check.rows.length - invalidRows : 0,
		invalidRows: check.fatal === undefined ? invalidRows : check.rows.length,
		columns: check.columns,
		errors: [...fileErrors, ...check.problems],
	};
}

/** `POST /v1/api/batch-calls/validate`: 200 with `valid: false` for a bad CSV, 400/413 for no or a too-large file. */
export function validateCsv({ body }: RouteContext): EmulatorResponse {
	const file = requireCsvFile(body);
	if (isResponse(file)) return file;
	return jsonResponse(200, validationReport(checkContactsCsv(file.bytes)));
}

/** `POST /v1/api/batch-calls/preview`: the validation report plus the first rows as the API read them. */
export function previewCsv({ body }: RouteContext): EmulatorResponse {
	const file = requireCsvFile(body);
	if (isResponse(file)) return file;
	const check = checkContactsCsv(file.bytes);
	return jsonResponse(200, { ...validationReport(check), preview: check.rows.slice(0, PREVIEW_ROWS) });
}
