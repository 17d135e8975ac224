import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { afterPage, MAX_PAGES, MAX_PAGE_SIZE } from '../actions/call/callsPagination';
import { trilletRequest } from '../transport';
import { historyRecordsFrom, recordKey, type HistoryRecord } from './historyRecords';

/** Which calls of the workspace's history to read. */
export interface HistoryQuery {
	agentId?: string;
	batchId?: string;
	/** Only calls made at or after this time. */
	from?: Date;
	/** Only calls made at or before this time. */
	to?: Date;
}

type HistoryContext = IExecuteFunctions | IPollFunctions;

/** The documented query: `dateRange` is JSON text with ISO `from` and `to`. */
export function historyQs(query: HistoryQuery, page: number, limit: number): IDataObject {
	const qs: IDataObject = { page, limit };
	if (query.agentId) qs.agentId = query.agentId;
	if (query.batchId) qs.batchId = query.batchId;
	if (query.from || query.to) {
		qs.dateRange = JSON.stringify({ from: query.from?.toISOString(), to: query.to?.toISOString() });
	}
	return qs;
}

export async function requestHistoryPage(
	context: HistoryContext,
	query: HistoryQuery,
	page: number,
	limit: number,
	itemIndex?: number,
	extraQs: IDataObject = {},
): Promise<HistoryRecord[]> {
	const body = await trilletRequest.call(context, {
		method: 'GET',
		path: '/v2/api/call-history',
		qs: { ...historyQs(query, page, limit), ...extraQs },
		action: 'read the call history',
		itemIndex,
		// without a list, an empty answer would look like a quiet workspace
		checkAnswer: (answer) => (historyRecordsFrom(answer) ? undefined : 'The answer has no list of calls'),
	});
	return historyRecordsFrom(body) ?? [];
}

/**
 * Reads page after page until `wanted` records passed `keep`, or the history ends. Each record
 * is kept once, also when new calls shift the pages while they are read.
 */
export async function readHistory(
	context: HistoryContext,
	query: HistoryQuery,
	options: { wanted: number; keep?: (record: HistoryRecord) => boolean; itemIndex?: number },
): Promise<HistoryRecord[]> {
	const seen = new Set<string>();
	const kept: HistoryRecord[] = [];
	for (let page = 1; ; page++) {
		const received = await requestHistoryPage(context, query, page, MAX_PAGE_SIZE, options.itemIndex);
		const fresh = received.filter((record) => !seen.has(recordKey(record)));
		for (const record of fresh) seen.add(recordKey(record));
		kept.push(...fresh.filter((record) => options.keep?.(record) ?? true));
		const verdict = afterPage({
			page,
			pageSize: MAX_PAGE_SIZE,
			received: received.length,
			fresh: fresh.length,
			collected: kept.length,
			wanted: options.wanted,
		});
		if (verdict === 'done') return kept.slice(0, options.wanted);
		if (verdict !== 'next') throw historyPagingFault(context, verdict, page, seen.size, options.itemIndex);
	}
}

function historyPagingFault(
	context: HistoryContext,
	verdict: 'repeating' | 'tooManyPages',
	page: number,
	received: number,
	itemIndex?: number,
): NodeOperationError {
	const message =
		verdict === 'repeating'
			? 'Trillet kept sending the same page of the call history'
			: `The call history holds more calls than this node reads at once (${MAX_PAGES} pages of ${MAX_PAGE_SIZE})`;
	const description =
		verdict === 'repeating'
			? `Page ${page} held only calls already received (${received} different calls so far). Try again later.`
			: `The node stopped after ${received} calls. Narrow the query: pick an agent or a batch, set "Started After" and "Started Before", or choose outcomes.`;
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}
