import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation of the node: its entry in the Operation list, its own fields and its behaviour. */
export interface TrilletOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** Its fields; `displayOptions` are added by the description so each file stays short. */
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** Shows a field only for the given operation(s), merged with any conditions the field has. */
export function forOperations(operations: string[], properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, operation: operations },
		},
	}));
}
