import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { trilletFileRequest } from '../../transport';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';
import { csvFileItem, outputBinaryField } from './csvFileOutput';

/** Get CSV Template: Trillet's sample contact list, with the columns a batch CSV takes. */
export const getTemplateOperation: TrilletOperation = {
	value: 'getTemplate',
	name: 'Get CSV Template',
	action: 'Get the CSV template',
	description: 'Download Trillet’s sample contact list, with the columns a batch CSV takes',
	properties: [outputBinaryField],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			const file = await trilletFileRequest.call(this, {
				method: 'GET',
				path: '/v1/api/batch-calls/template',
				action: 'get the CSV template',
				itemIndex,
			});
			return [await csvFileItem(this, itemIndex, file, { fileName: 'batch-calls-template.csv' })];
		});
	},
};
