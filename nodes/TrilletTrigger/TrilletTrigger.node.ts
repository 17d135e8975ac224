import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { agentFilterField, batchFilterField, outcomesField } from '../TrilletBatchCall/callHistory';
import { searchAgents } from '../TrilletBatchCall/methods/listSearch';
import { CREDENTIAL_TYPE } from '../TrilletBatchCall/transport';
import { pollFinishedCalls } from './pollFinishedCalls';

export class TrilletTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Trillet Trigger',
		name: 'trilletTrigger',
		icon: { light: 'file:trillet.svg', dark: 'file:trillet.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Call Finished" }}',
		description: 'Starts the workflow when a Trillet AI call ends, with its transcript, summary and the batch’s columns',
		defaults: { name: 'Trillet Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		polling: true,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'Trillet has no webhooks yet, so this node asks for new finished calls at the interval set under "Poll Times". When the workflow is activated it starts from that moment: earlier calls are not sent.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'callFinished',
				options: [
					{
						name: 'Call Finished',
						value: 'callFinished',
						description: 'A call ended: answered, not answered, voicemail or failed',
					},
				],
			},
			agentFilterField,
			batchFilterField,
			outcomesField,
		],
	};

	methods = { listSearch: { searchAgents } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollFinishedCalls(this);
	}
}
