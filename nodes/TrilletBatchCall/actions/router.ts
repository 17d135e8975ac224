import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { refuseUnallowedAgent } from './aiAgentGuard';
import { findOperation } from './description';

/** Hands the input items to the chosen operation; nothing else happens here. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0, 'batch') as string;
	const chosen = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, chosen);
	if (operation === undefined) {
		throw new NodeOperationError(this.getNode(), `The operation "${chosen}" of "${resource}" is not supported`, {
			description: 'Choose a resource and an operation from the lists; this workflow may come from a newer version of the node',
		});
	}
	if (operation.placesCalls) refuseUnallowedAgent(this, operation);
	return [await operation.execute.call(this, this.getInputData())];
}
