import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../helpers/nodeErrors';
import { trilletRequest } from '../../transport';
import { apiErrorText } from '../../transport/apiFailure';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';
import { batchIdField, batchNotFound, batchPath, readBatchId } from './batchFields';

// Cancelling is idempotent in effect: a batch cancelled twice is simply cancelled. Trillet does
// not document its answer to a second DELETE; we expect a 400 whose text says "already
// cancelled" (as our emulator answers) and report that as success (`alreadyCancelled: true`).
// That is also what makes it safe that the transport repeats a DELETE after a 502/503/504 or a
// dropped connection: if the first one did cancel, the repeat finds the batch cancelled and the
// item still succeeds. A batch that ended on its own (completed or failed) cannot be cancelled
// any more: that is an error, in words.

type FinishedState = 'completed' | 'cancelled' | 'failed';

/** Cancel Batch: the calls not made yet are cancelled; calls in progress finish. */
export const cancelOperation: TrilletOperation = {
	value: 'cancel',
	name: 'Cancel Batch',
	action: 'Cancel a batch',
	description: 'Stop a batch: calls not made yet are cancelled, calls in progress finish; it cannot be undone',
	placesCalls: true,
	properties: [batchIdField],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			const batchId = readBatchId(this, itemIndex);
			try {
				const cancelled = (await trilletRequest.call(this, {
					method: 'DELETE',
					path: batchPath(batchId),
					action: `cancel batch ${batchId}`,
					notFound: batchNotFound(batchId),
					itemIndex,
				})) as IDataObject;
				return [{ json: { batchId, ...cancelled } }];
			} catch (error) {
				const finished = finishedStateOf(error);
				if (finished === undefined) throw asNodeError(this.getNode(), error, itemIndex);
				if (finished === 'cancelled') return [{ json: alreadyCancelled(batchId) }];
				throw nothingToCancel(this, batchId, finished, itemIndex);
			}
		});
	},
};

/** The state named by Trillet's 400 for a batch that is over, e.g. "Batch is already completed". */
function finishedStateOf(error: unknown): FinishedState | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return undefined;
	const text = apiErrorText(error.errorResponse?.body);
	const match = /already\s+(?:been\s+)?(completed|cancell?ed|failed)/i.exec(text);
	if (match === null) return undefined;
	const state = match[1].toLowerCase();
	return state.startsWith('cancel') ? 'cancelled' : (state as FinishedState);
}

function alreadyCancelled(batchId: string): IDataObject {
	return {
		batchId,
		status: 'cancelled',
		alreadyCancelled: true,
		message: `Batch ${batchId} was already cancelled; nothing changed`,
	};
}

function nothingToCancel(
	context: IExecuteFunctions,
	batchId: string,
	state: Exclude<FinishedState, 'cancelled'>,
	itemIndex: number,
): NodeOperationError {
	const was = state === 'failed' ? 'has already failed' : 'is already completed';
	return new NodeOperationError(context.getNode(), `Batch ${batchId} ${was}, so there is nothing to cancel`, {
		itemIndex,
		description: 'A batch can be cancelled only while it is queued or processing. Use Get Batch or Export Results to see how its calls went.',
	});
}
