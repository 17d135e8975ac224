import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeCall, hasOutcome, isFinished, readHistory, readHistoryFilters } from '../../callHistory';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';
import { batchIdField, batchNotFound, batchPath, readBatchId } from '../batch/batchFields';
import { historyFields, readStartedRange } from './historyFields';
import {
	MAX_PAGES,
	pageSizeFor,
	readPages,
	trilletRequest,
	wantedCalls,
	type CallsPagination,
	type PageVerdict,
} from '../../transport';

const ofBatch = { displayOptions: { show: { callsOf: ['batch'] } } };

const callsFields: INodeProperties[] = [
	{
		displayName: 'Calls Of',
		name: 'callsOf',
		type: 'options',
		default: 'batch',
		options: [
			{ name: 'One Batch', value: 'batch', description: 'Every call of a batch, made or not yet made' },
			{
				name: 'Call History',
				value: 'history',
				description: 'Finished calls of the whole workspace, with their transcript, summary and variables',
			},
		],
	},
	{ ...batchIdField, ...ofBatch },
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
		...ofBatch,
		description: 'Only the calls in this state',
		options: [
			{ name: 'Active', value: 'active', description: 'Calls in progress' },
			{ name: 'All', value: 'all' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Failed', value: 'failed', description: 'Calls that could not be made or were not answered' },
			{ name: 'Waiting', value: 'waiting', description: 'Calls not made yet' },
		],
	},
	...historyFields,
];

/** Get Many Calls: one item per call, of a batch or of the workspace's call history, page after page. */
export const getManyCallsOperation: TrilletOperation = {
	value: 'getMany',
	name: 'Get Many Calls',
	action: 'Get many calls',
	description: 'Get the calls of a batch, or the finished calls of the call history, one item per call',
	properties: callsFields,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			if (this.getNodeParameter('callsOf', itemIndex, 'batch') === 'history') return await readHistoryCalls(this, itemIndex);
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

/** Finished calls of the call history that pass the filters, newest first as Trillet sends them. */
async function readHistoryCalls(context: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = readHistoryFilters(context, itemIndex);
	const wanted = wantedCalls(
		context.getNodeParameter('returnAll', itemIndex, false) as boolean,
		context.getNodeParameter('limit', itemIndex, 50),
	);
	const records = await readHistory(
		context,
		{ agentId: filters.agentId, batchId: filters.batchId, ...readStartedRange(context, itemIndex) },
		{ wanted, keep: (record) => isFinished(record) && hasOutcome(record, filters.outcomes), itemIndex },
	);
	return records.map((record) => ({ json: describeCall(record) }));
}

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
	return readPages(
		async (page, pageSize) => {
			const answer = await requestPage(context, query, page, pageSize, itemIndex);
			return { items: Array.isArray(answer.calls) ? answer.calls : [], pagination: answer.pagination };
		},
		{
			pageSize: pageSizeFor(query.wanted),
			wanted: query.wanted,
			key: callKey,
			fault: ({ verdict, page, kept }) => pagingFault(context, verdict, { query, page, collected: kept, itemIndex }),
		},
	);
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
			: `The node stopped after ${collected} calls. Use the Status filter to read fewer, or Export Results for the full list as one file.`;
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}
