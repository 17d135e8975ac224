import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { trilletRequest } from '../../transport';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';
import { batchIdField, batchNotFound, batchPath, readBatchId } from './batchFields';

/** Get Batch: the batch's status and counters, as Trillet gives them. */
export const getOperation: TrilletOperation = {
	value: 'get',
	name: 'Get Batch',
	action: 'Get the status of a batch',
	description: 'Get a batch’s status, call counters and whether it is complete',
	properties: [batchIdField],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			const batchId = readBatchId(this, itemIndex);
			const batch = (await trilletRequest.call(this, {
				method: 'GET',
				path: batchPath(batchId),
				action: `get batch ${batchId}`,
				notFound: batchNotFound(batchId),
				itemIndex,
			})) as IDataObject;
			// The API names the batch `id`; `batchId` is added so the next node's default finds it.
			return [{ json: { batchId, ...batch } }];
		});
	},
};
