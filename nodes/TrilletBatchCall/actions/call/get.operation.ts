import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { trilletRequest } from '../../transport';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';
import { batchIdField, batchPath, jobIdField, readBatchId, readJobId } from '../batch/batchFields';

/** Get Call: one call of a batch in detail, with its transcript and outcome once it is over. */
export const getCallOperation: TrilletOperation = {
	value: 'getCall',
	name: 'Get Call',
	action: 'Get a call of a batch',
	description: 'Get one call of a batch in detail, with its transcript and outcome once it has ended',
	properties: [batchIdField, jobIdField],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			const batchId = readBatchId(this, itemIndex);
			const jobId = readJobId(this, itemIndex);
			const call = (await trilletRequest.call(this, {
				method: 'GET',
				path: batchPath(batchId, 'calls', jobId),
				action: `get call ${jobId} of batch ${batchId}`,
				notFound: `Call ${jobId} not found in batch ${batchId}`,
				itemIndex,
			})) as IDataObject;
			return [{ json: { batchId, ...call } }];
		});
	},
};
