import type { INodeProperties } from 'n8n-workflow';

import type { TrilletOperation } from './operation';
import { forOperations } from './operation';
import { cancelOperation } from './batch/cancel.operation';
import { exportResultsOperation } from './batch/exportResults.operation';
import { getOperation } from './batch/get.operation';
import { getCallOperation } from './call/get.operation';
import { getCallsOperation } from './call/getMany.operation';
import { getTemplateOperation } from './batch/getTemplate.operation';
import { startOperation } from './batch/start/start.operation';

/** Every operation of the node, in the order the Operation list shows them. */
export const operations: TrilletOperation[] = [
	startOperation,
	getOperation,
	getCallsOperation,
	getCallOperation,
	cancelOperation,
	exportResultsOperation,
	getTemplateOperation,
];

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'start',
	options: operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
};

/** The Operation list, then each operation's own fields, shown only under it. */
export const operationProperties: INodeProperties[] = [
	operationField,
	...operations.flatMap((operation) => forOperations([operation.value], operation.properties)),
];

/** The node's subtitle on the canvas: the chosen operation's name, e.g. "Start Batch". */
export const operationSubtitle = `={{ ${JSON.stringify(
	Object.fromEntries(operations.map(({ value, name }) => [value, name])),
)}[$parameter["operation"]] }}`;
