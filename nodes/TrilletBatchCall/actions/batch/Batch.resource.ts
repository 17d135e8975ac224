import { operationOptions, type TrilletResource } from '../operation';
import { cancelOperation } from './cancel.operation';
import { exportResultsOperation } from './exportResults.operation';
import { getOperation } from './get.operation';
import { getTemplateOperation } from './getTemplate.operation';
import { startOperation } from './start/start.operation';

const operations = [startOperation, getOperation, cancelOperation, exportResultsOperation, getTemplateOperation];

/** A batch: one contact list called by one agent. */
export const batchResource: TrilletResource = {
	value: 'batch',
	name: 'Batch',
	operations,
	operationField: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batch'] } },
		default: 'start',
		options: operationOptions(operations),
	},
};
