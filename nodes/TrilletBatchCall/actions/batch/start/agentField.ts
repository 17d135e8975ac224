import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const agentField: INodeProperties = {
	displayName: 'Agent',
	name: 'agent',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Trillet voice agent that makes the calls',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAgents', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 66a1b2c3d4e5f60718293a4b',
		},
	],
};

/** The agent ID the user picked or typed, for the item being processed. */
export function readAgentId(context: IExecuteFunctions, itemIndex: number): string {
	const agentId = context.getNodeParameter('agent', itemIndex, '', { extractValue: true }) as unknown;
	// An expression that finds nothing gives undefined, which must not become the ID "undefined".
	return agentId === undefined || agentId === null ? '' : String(agentId).trim();
}
