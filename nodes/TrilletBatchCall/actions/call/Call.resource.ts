import { operationOptions, type TrilletResource } from '../operation';
import { getCallOperation } from './get.operation';
import { getManyCallsOperation } from './getMany.operation';
import { getRecordingOperation } from './getRecording.operation';

const operations = [getManyCallsOperation, getCallOperation, getRecordingOperation];

/** A call: one of a batch, or any call of the workspace's call history. */
export const callResource: TrilletResource = {
	value: 'call',
	name: 'Call',
	operations,
	operationField: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		default: 'getMany',
		options: operationOptions(operations),
	},
};
