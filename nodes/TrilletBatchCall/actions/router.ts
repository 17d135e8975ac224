import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { operations } from './operations';

/** Hands the input items to the chosen operation; nothing else happens here. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const chosen = this.getNodeParameter('operation', 0) as string;
	const operation = operations.find(({ value }) => value === chosen);
	if (operation === undefined) {
		throw new NodeOperationError(this.getNode(), `The operation "${chosen}" is not supported`, {
			description: 'Choose an operation from the list; this workflow may come from a newer version of the node',
		});
	}
	return [await operation.execute.call(this, this.getInputData())];
}
