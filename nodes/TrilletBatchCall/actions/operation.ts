import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** One operation of the node: its entry in the Operation list, its own fields and its behaviour. */
export interface TrilletOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** Its fields; `displayOptions` are added by the description so each file stays short. */
	properties: INodeProperties[];
	/** Starts or stops calls: refused when an AI agent runs the node, unless the user allowed it. */
	placesCalls?: boolean;
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** One resource of the node (Batch, Call) and its operations, in the order the list shows them. */
export interface TrilletResource {
	value: string;
	name: string;
	operations: TrilletOperation[];
	/** Its Operation list; written out in each resource file, as n8n's scanner wants a literal default. */
	operationField: INodeProperties;
}

/** The entries of an Operation list, from the operations themselves. */
export function operationOptions(operations: TrilletOperation[]): INodePropertyOptions[] {
	return operations.map(({ name, value, action, description }) => ({ name, value, action, description }));
}
