import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { trilletFileRequest } from '../../transport';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';
import { batchIdField, batchNotFound, batchPath, readBatchId } from './batchFields';
import { csvFileItem, outputBinaryField } from './csvFileOutput';

/** Export Results: Trillet's CSV of every call of the batch and how it went, as a file. */
export const exportResultsOperation: TrilletOperation = {
	value: 'exportResults',
	name: 'Export Results',
	action: 'Export the results of a batch',
	description: 'Download the results of every call of a batch as a CSV file',
	properties: [batchIdField, outputBinaryField],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			const batchId = readBatchId(this, itemIndex);
			const file = await trilletFileRequest.call(this, {
				method: 'GET',
				path: batchPath(batchId, 'export-results'),
				action: `export the results of batch ${batchId}`,
				notFound: batchNotFound(batchId),
				itemIndex,
				timeoutMs: 120_000,
			});
			return [await csvFileItem(this, itemIndex, file, { batchId, fileName: `batch-${batchId}-results.csv` })];
		});
	},
};
