import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	describeCall,
	hasOutcome,
	isFinished,
	readHistory,
	readHistoryFilters,
	requestHistoryPage,
	startedAtMs,
	type HistoryQuery,
} from '../TrilletBatchCall/callHistory';
import { MAX_PAGE_SIZE } from '../TrilletBatchCall/transport';
import { advanceCursor, newCursor, readCursor } from './finishedCallsCursor';

/**
 * One poll. "Fetch Test Event" returns the newest matching finished call and leaves the state
 * alone. An active workflow reads every call made since the cursor and emits each finished one
 * once; its first poll only sets the cursor (calls that ended before activation are not sent).
 * A poll that fails throws before the state changes, so the next one reads the same calls again:
 * n8n fails the activation on a first poll's error and reports a later poll's error.
 */
export async function pollFinishedCalls(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const filters = readHistoryFilters(context);
	const query: HistoryQuery = { agentId: filters.agentId, batchId: filters.batchId };
	if (context.getMode() === 'manual') return [[await newestFinishedCall(context, query, filters.outcomes)]];

	const state = context.getWorkflowStaticData('node');
	const now = Date.now();
	// Other filters read other calls: a changed Agent or Batch ID starts afresh, as a new activation.
	const queryKey = JSON.stringify([query.agentId, query.batchId]);
	const saved = state.queryKey === queryKey ? readCursor(state.cursor) : undefined;
	const cursor = saved ?? newCursor(now);
	const records = await readHistory(context, { ...query, from: new Date(cursor.from), to: new Date(now) }, { wanted: Infinity });
	const step = advanceCursor(cursor, records, now);
	state.cursor = step.cursor as unknown as IDataObject;
	state.queryKey = queryKey;
	if (saved === undefined) return null;

	const items = step.finished.filter((record) => hasOutcome(record, filters.outcomes)).map((record) => ({ json: describeCall(record) }));
	return items.length > 0 ? [items] : null;
}

/** The newest finished call among the latest page of the history that passes the filters. */
async function newestFinishedCall(context: IPollFunctions, query: HistoryQuery, outcomes: string[]): Promise<INodeExecutionData> {
	const records = await requestHistoryPage(context, query, 1, MAX_PAGE_SIZE);
	const [newest] = records
		.filter((record) => isFinished(record) && hasOutcome(record, outcomes))
		.sort((a, b) => startedAtMs(b) - startedAtMs(a));
	if (newest === undefined) {
		throw new NodeOperationError(context.getNode(), 'No finished call matches this trigger yet', {
			description:
				'Place a call with the chosen agent (or start a batch), wait until it ends, then fetch again. If calls did end, check the Agent, Batch ID and Outcomes filters.',
		});
	}
	return { json: describeCall(newest) };
}
