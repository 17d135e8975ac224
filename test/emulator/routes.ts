// The route table of the emulated /v1/api and /v2/api, and the handlers for agents and for following a batch.
import type { EmulatedBatch } from './types';
import type { RouteContext, RouteHandler } from './context';
import { type EmulatorResponse, csvDownload, errorResponse, jsonResponse } from './http';
import { previewCsv, startBatch, validateCsv } from './batchUpload';
import {
	CALL_FILTERS,
	type CallFilter,
	batchDetail,
	batchStatus,
	callDetail,
	callsPage,
	exportResultsCsv,
} from './batchViews';
import { getCallHistory, getRecording, listCallHistory } from './historyRoutes';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const TEMPLATE_CSV = 'phone_number,first_name,last_name,email\n+14155550123,John,Doe,john.doe@example.com\n';

interface Route {
	method: string;
	pattern: RegExp;
	handler: RouteHandler;
}

export interface RouteMatch {
	handler: RouteHandler;
	params: Record<string, string>;
}

/** `/a/:id/b` → a pattern with a named group per parameter; a trailing slash is tolerated, as Express does. */
function route(method: string, template: string, handler: RouteHandler): Route {
	const source = template.replace(/:(\w+)/g, '(?<$1>[^/]+)');
	return { method, pattern: new RegExp(`^${source}/?$`), handler };
}

function withBatch(handler: (context: RouteContext, batch: EmulatedBatch) => EmulatorResponse): RouteHandler {
	return (context) => {
		const batch = context.state.store.get(context.params.batchId ?? '');
		return batch === undefined ? errorResponse(404, 'Batch not found') : handler(context, batch);
	};
}

const listAgents: RouteHandler = ({ state }) => {
	if (state.agentsShape === 'data') return jsonResponse(200, { data: state.agents });
	if (state.agentsShape === 'agents') return jsonResponse(200, { agents: state.agents });
	return jsonResponse(200, state.agents);
};

const getAgent: RouteHandler = ({ state, params }) => {
	const agent = state.agents.find((candidate) => candidate._id === params.agentId);
	return agent === undefined ? errorResponse(404, 'Agent not found') : jsonResponse(200, agent);
};

/** Polling makes progress: each read of a due batch moves it one step, so a demo's loop ends. */
const getBatch = withBatch(({ state }, batch) => {
	state.store.advance(batch, 1);
	return jsonResponse(200, batchDetail(batch, state.now()));
});

const getBatchStatus = withBatch(({ state }, batch) => jsonResponse(200, batchStatus(batch, state.now())));

function positiveInteger(value: string | undefined, fallback: number): number {
	const parsed = Number(value);
	return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** page and limit that are not positive integers fall back to 1 and 20; a limit over 100 is cut to 100. */
const listCalls = withBatch(({ state, query }, batch) => {
	const status = query.status ?? 'all';
	if (!(CALL_FILTERS as readonly string[]).includes(status)) {
		return errorResponse(400, 'Invalid status filter', `status must be one of: ${CALL_FILTERS.join(', ')}`);
	}
	const page = positiveInteger(query.page, 1);
	const limit = Math.min(positiveInteger(query.limit, DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
	const request = { page, limit, status: status as CallFilter, repeatFirstPage: state.repeatCallsPage };
	return jsonResponse(200, callsPage(batch, request));
});

const getCall = withBatch(({ params }, batch) => {
	const call = batch.calls.find((candidate) => candidate.jobId === params.jobId);
	return call === undefined ? errorResponse(404, 'Call not found') : jsonResponse(200, callDetail(call));
});

const cancelBatch = withBatch(({ state }, batch) => {
	const outcome = state.store.cancel(batch);
	if (!outcome.cancelled) return errorResponse(400, outcome.error);
	return jsonResponse(200, {
		batchId: batch.id,
		status: 'cancelled',
		message: 'Batch cancelled successfully',
		details: outcome.details,
	});
});

const exportResults = withBatch((_context, batch) =>
	csvDownload(`batch-${batch.id}-results.csv`, exportResultsCsv(batch)),
);

const ROUTES: Route[] = [
	route('GET', '/v1/api/agents', listAgents),
	route('GET', '/v1/api/agents/:agentId', getAgent),
	route('POST', '/v1/api/batch-calls', startBatch),
	// The fixed paths come before /:batchId, which would otherwise swallow them.
	route('GET', '/v1/api/batch-calls/template', () => csvDownload('batch-calls-template.csv', TEMPLATE_CSV)),
	route('POST', '/v1/api/batch-calls/validate', validateCsv),
	route('POST', '/v1/api/batch-calls/preview', previewCsv),
	route('GET', '/v1/api/batch-calls/:batchId', getBatch),
	route('DELETE', '/v1/api/batch-calls/:batchId', cancelBatch),
	route('GET', '/v1/api/batch-calls/:batchId/status', getBatchStatus),
	route('GET', '/v1/api/batch-calls/:batchId/calls', listCalls),
	route('GET', '/v1/api/batch-calls/:batchId/calls/:jobId', getCall),
	route('GET', '/v1/api/batch-calls/:batchId/export-results', exportResults),
	route('GET', '/v2/api/call-history', listCallHistory),
	route('GET', '/v2/api/call-history/:id', getCallHistory),
	route('GET', '/v2/api/recordings/:id', getRecording),
];

export function findRoute(method: string, path: string): RouteMatch | undefined {
	for (const candidate of ROUTES) {
		if (candidate.method !== method) continue;
		const match = candidate.pattern.exec(path);
		if (match === null) continue;
		const params: Record<string, string> = {};
		for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = safeDecode(value);
		return { handler: candidate.handler, params };
	}
	return undefined;
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
