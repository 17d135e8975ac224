// The handlers of the emulated /v2/api: the call history and recordings.
import type { RouteHandler } from './context';
import { type EmulatorResponse, errorResponse, jsonResponse } from './http';
import { type HistoryFilter, recordingBytes } from './callHistory';

// Documented: limit defaults to 10. ASSUMPTION (undocumented): a limit over 100 is cut to 100.
const DEFAULT_HISTORY_LIMIT = 10;
const MAX_HISTORY_LIMIT = 100;

function positive(value: string | undefined, fallback: number): number {
	const parsed = Number(value);
	return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** `dateRange` is documented as JSON text `{"from","to"}` of ISO times; either end may be missing. */
function parseDateRange(text: string | undefined): { from?: number; to?: number } | 'invalid' {
	if (text === undefined) return {};
	try {
		const range = JSON.parse(text) as { from?: unknown; to?: unknown };
		const time = (value: unknown) => (typeof value === 'string' && value !== '' ? Date.parse(value) : undefined);
		const from = time(range.from);
		const to = time(range.to);
		if (Number.isNaN(from) || Number.isNaN(to)) return 'invalid';
		return { from, to };
	} catch {
		return 'invalid';
	}
}

function parseCallIds(text: string | undefined): string[] | undefined | 'invalid' {
	if (text === undefined) return undefined;
	try {
		const ids = JSON.parse(text) as unknown;
		return Array.isArray(ids) ? ids.map(String) : 'invalid';
	} catch {
		return 'invalid';
	}
}

export const listCallHistory: RouteHandler = ({ state, query }) => {
	const range = parseDateRange(query.dateRange);
	const callIds = parseCallIds(query.callIds);
	if (range === 'invalid') return errorResponse(400, 'Invalid dateRange', 'dateRange must be JSON with ISO "from" and "to"');
	if (callIds === 'invalid') return errorResponse(400, 'Invalid callIds', 'callIds must be a JSON array of call IDs');
	const filter: HistoryFilter = { agentId: query.agentId, batchId: query.batchId, status: query.status, ...range, callIds };
	const matching = state.history.query(filter);
	const page = positive(query.page, 1);
	const limit = Math.min(positive(query.limit, DEFAULT_HISTORY_LIMIT), MAX_HISTORY_LIMIT);
	const records = matching.slice((page - 1) * limit, page * limit);
	if (state.historyShape === 'array') return jsonResponse(200, records);
	// ASSUMPTION (undocumented): a paged wrapper, as other Trillet lists use, for clients that meet one.
	const totalPages = Math.max(1, Math.ceil(matching.length / limit));
	return jsonResponse(200, {
		data: records,
		pagination: { page, limit, total: matching.length, totalPages, hasNext: page < totalPages, hasPrev: page > 1 },
	});
};

export const getCallHistory: RouteHandler = ({ state, params }) => {
	const record = state.history.find(params.id ?? '');
	return record === undefined ? errorResponse(404, 'Call history not found') : jsonResponse(200, record);
};

/** Documented: the audio of one call, `audio/mpeg`, named in Content-Disposition. */
export const getRecording: RouteHandler = ({ state, params }): EmulatorResponse => {
	const record = state.history.find(params.id ?? '');
	if (record === undefined || record.recordingUrl === null) return errorResponse(404, 'Recording not found');
	return {
		status: 200,
		headers: { 'content-type': 'audio/mpeg', 'content-disposition': `inline; filename="${record.callId}.mp3"` },
		body: recordingBytes(record),
	};
};
