import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TrilletOperation, TrilletResource } from './operation';

// An AI agent may read batches, calls and recordings freely, but starting or cancelling calls
// costs money and reaches real people: as a tool, those operations refuse unless the user
// turned this on (Trillet's own MCP server asks for an explicit confirmation for the same reason).

const ALLOW_FIELD = 'allowAiAgentToPlaceCalls';

/** The switch, shown only when the node is used as an AI agent's tool and on an operation that places calls. */
export function aiAgentField(resources: TrilletResource[]): INodeProperties {
	const guarded = resources.flatMap((resource) =>
		resource.operations.filter((operation) => operation.placesCalls).map((operation) => [resource.value, operation.value]),
	);
	return {
		displayName: 'Allow an AI Agent to Start or Cancel Calls',
		name: ALLOW_FIELD,
		type: 'boolean',
		default: false,
		displayOptions: {
			show: {
				'@tool': [true],
				resource: [...new Set(guarded.map(([resource]) => resource))],
				operation: guarded.map(([, operation]) => operation),
			},
		},
		description:
			'Whether the AI agent may run this operation. Off by default: an agent could otherwise call a whole contact list, or stop a batch, on its own judgement.',
	};
}

/** Whether n8n runs this node as an AI agent's tool: its type then ends in "Tool", in n8n 1.x and 2.x alike. */
export function runsAsAiTool(context: IExecuteFunctions): boolean {
	const asTool = (context as { isToolExecution?: () => boolean }).isToolExecution?.() === true;
	return asTool || context.getNode().type.endsWith('Tool');
}

/** Throws unless the node runs as a plain node, or the user allowed the agent to place calls. */
export function refuseUnallowedAgent(context: IExecuteFunctions, operation: TrilletOperation): void {
	if (!runsAsAiTool(context)) return;
	if (context.getNodeParameter(ALLOW_FIELD, 0, false) === true) return;
	throw new NodeOperationError(context.getNode(), `An AI agent may not run "${operation.name}" here: it would start or stop real phone calls`, {
		description:
			'Turn on "Allow an AI Agent to Start or Cancel Calls" on this tool if the agent should be able to do this. Reading batches, calls and recordings is always allowed.',
	});
}
