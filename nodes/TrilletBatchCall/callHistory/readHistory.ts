import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGES, MAX_PAGE_SIZE, readPages, trilletRequest } from '../transport';
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
	const { wanted, keep, itemIndex } = options;
	return readPages(async (page, pageSize) => ({ items: await requestHistoryPage(context, query, page, pageSize, itemIndex) }), {
		pageSize: MAX_PAGE_SIZE,
		wanted,
		key: recordKey,
		keep,
		fault: ({ verdict, page, distinct }) => historyPagingFault(context, verdict, page, distinct, itemIndex),
	});
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
