import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { trilletRequest } from '../../transport';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';
import { batchIdField, batchNotFound, batchPath, readBatchId } from '../batch/batchFields';
import {
	afterPage,
	MAX_PAGES,
	pageSizeFor,
	wantedCalls,
	type CallsPagination,
	type PageVerdict,
} from './callsPagination';

const callsFields: INodeProperties[] = [
	batchIdField,
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'all',
		description: 'Only the calls in this state',
		options: [
			{ name: 'Active', value: 'active', description: 'Calls in progress' },
			{ name: 'All', value: 'all' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Failed', value: 'failed', description: 'Calls that could not be made or were not answered' },
			{ name: 'Waiting', value: 'waiting', description: 'Calls not made yet' },
		],
	},
];

/** Get Calls: one item per call of the batch, page after page. */
export const getCallsOperation: TrilletOperation = {
	value: 'getCalls',
	name: 'Get Calls',
	action: 'Get the calls of a batch',
	description: 'Get the calls of a batch, one item per call, optionally only those in one state',
	properties: callsFields,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			const query: CallsQuery = {
				batchId: readBatchId(this, itemIndex),
				status: this.getNodeParameter('status', itemIndex, 'all') as string,
				wanted: wantedCalls(
					this.getNodeParameter('returnAll', itemIndex, false) as boolean,
					this.getNodeParameter('limit', itemIndex, 50),
				),
			};
			const calls = await readCalls(this, query, itemIndex);
			return calls.map((call) => ({ json: { batchId: query.batchId, ...call } }));
		});
	},
};

interface CallsQuery {
	batchId: string;
	status: string;
	/** How many calls to return; Infinity for all. */
	wanted: number;
}

interface CallsPage {
	calls?: IDataObject[];
	pagination?: CallsPagination;
}

/** Asks for page after page until the stop rules say so; each call is kept once. */
async function readCalls(context: IExecuteFunctions, query: CallsQuery, itemIndex: number): Promise<IDataObject[]> {
	const pageSize = pageSizeFor(query.wanted);
	const seen = new Set<string>();
	const collected: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const answer = await requestPage(context, query, page, pageSize, itemIndex);
		const received = Array.isArray(answer.calls) ? answer.calls : [];
		const fresh = received.filter((call) => !seen.has(callKey(call)));
		for (const call of fresh) seen.add(callKey(call));
		collected.push(...fresh);
		const verdict = afterPage({
			page,
			pageSize,
			received: received.length,
			fresh: fresh.length,
			collected: collected.length,
			wanted: query.wanted,
			pagination: answer.pagination,
		});
		if (verdict === 'done') return collected.slice(0, query.wanted);
		if (verdict !== 'next') throw pagingFault(context, verdict, { query, page, collected: collected.length, itemIndex });
	}
}

async function requestPage(
	context: IExecuteFunctions,
	query: CallsQuery,
	page: number,
	limit: number,
	itemIndex: number,
): Promise<CallsPage> {
	return (await trilletRequest.call(context, {
		method: 'GET',
		path: batchPath(query.batchId, 'calls'),
		qs: { page, limit, status: query.status },
		action: `list the calls of batch ${query.batchId}`,
		notFound: batchNotFound(query.batchId),
		itemIndex,
		// without a list, an empty report would look like a batch with no calls
		checkAnswer: (body) => (Array.isArray((body as { calls?: unknown }).calls) ? undefined : 'The answer has no list of calls'),
	})) as CallsPage;
}

/** A call is known by its jobId; one without is known by its whole content. */
function callKey(call: IDataObject): string {
	return typeof call.jobId === 'string' ? call.jobId : JSON.stringify(call);
}

/**
 * A server that does not page properly fails the item rather than returning what came so far:
 * a partial list that looks complete would silently drop calls from a report.
 */
function pagingFault(
	context: IExecuteFunctions,
	verdict: Exclude<PageVerdict, 'next' | 'done'>,
	where: { query: CallsQuery; page: number; collected: number; itemIndex: number },
): NodeOperationError {
	const { query, page, collected, itemIndex } = where;
	const message =
		verdict === 'repeating'
			? `Trillet kept sending the same page of calls for batch ${query.batchId}`
			: `Batch ${query.batchId} has more calls than this node reads (${MAX_PAGES} pages)`;
	const description =
		verdict === 'repeating'
			? `Page ${page} held only calls already received on earlier pages while Trillet still said there were more, so the node stopped instead of asking forever (${collected} different calls received). Try again later; if it keeps happening, use Export Results for the full list.`
			: `The node stopped after ${collected} calls. Use the Status filter to read fewer, or Export Results for the full list.`;
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}
