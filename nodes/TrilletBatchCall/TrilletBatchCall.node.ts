import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, operationSubtitle } from './actions/description';
import { router } from './actions/router';
import { searchAgents } from './methods/listSearch';
import { CREDENTIAL_TYPE } from './transport';

export class TrilletBatchCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Trillet Batch Call',
		name: 'trilletBatchCall',
		icon: { light: 'file:trillet.svg', dark: 'file:trillet.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle,
		description: 'Have a Trillet AI voice agent call a whole contact list, follow the batch, and read calls and recordings',
		defaults: { name: 'Trillet Batch Call' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// As a tool an agent may read freely; starting or cancelling calls needs the user's explicit consent (actions/aiAgentGuard.ts).
		usableAsTool: true,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		// Each operation keeps its own fields beside its code, in actions/<resource>/.
		properties: nodeProperties,
	};

	methods = { listSearch: { searchAgents } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
