import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { aiAgentField } from './aiAgentGuard';
import { batchResource } from './batch/Batch.resource';
import { callResource } from './call/Call.resource';
import type { TrilletOperation, TrilletResource } from './operation';

/** Every resource of the node, in the order the Resource list shows them. */
export const resources: TrilletResource[] = [batchResource, callResource];

export const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'batch',
	options: resources.map(({ name, value }) => ({ name, value })),
};

function operationFields(resource: TrilletResource, operation: TrilletOperation): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource.value], operation: [operation.value] } }, operation.properties);
}

/** Resource, then each resource's Operation list, then each operation's own fields, shown only under it. */
export const nodeProperties: INodeProperties[] = [
	resourceField,
	...resources.map(({ operationField }) => operationField),
	...resources.flatMap((resource) => resource.operations.flatMap((operation) => operationFields(resource, operation))),
	aiAgentField(resources),
];

/** The chosen resource and operation, or undefined when this version of the node has no such pair. */
export function findOperation(resource: string, operation: string): TrilletOperation | undefined {
	return resources.find(({ value }) => value === resource)?.operations.find(({ value }) => value === operation);
}

/** The node's subtitle on the canvas: the chosen operation's name, e.g. "Start Batch". */
export const operationSubtitle = `={{ ${JSON.stringify(
	Object.fromEntries(resources.map(({ value, operations }) => [value, Object.fromEntries(operations.map((op) => [op.value, op.name]))])),
)}[$parameter["resource"]][$parameter["operation"]] }}`;
