// Every examples/*.json, made ready for `n8n import:workflow` + `n8n execute` against the emulator.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { EXAMPLES_FOLDER } from '../../test/engine/examples';
import type { WorkflowJson } from '../../test/engine/runWorkflow';

type WorkflowNode = WorkflowJson['nodes'][number];

/** The placeholder an example leaves where the user picks their agent. */
export const AGENT_PLACEHOLDER = 'YOUR_AGENT_ID';
const TRILLET_PREFIX = 'n8n-nodes-trillet.';
/** The nodes `n8n execute` can start from (n8n's STARTING_NODES). */
const CLI_STARTS = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.start'];

export interface PreparedExample {
	file: string;
	id: string;
	workflow: WorkflowJson & { id: string; active: false };
	/** Start Batch nodes: each must put out a batch ID. */
	startBatchNodes: string[];
	/** What was changed so that the CLI can run it, in words. */
	changes: string[];
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_FOLDER).filter((file) => file.endsWith('.json')).sort();
}

/** A file the examples read (a sample CSV), to copy where n8n may read files. */
export function exampleDataFiles(): string[] {
	return readdirSync(EXAMPLES_FOLDER).filter((file) => !file.endsWith('.json')).map((file) => path.join(EXAMPLES_FOLDER, file));
}

function useCredentialAndAgent(node: WorkflowNode, credential: { id: string; name: string }, agentId: string): void {
	if (!node.type.startsWith(TRILLET_PREFIX)) return;
	node.credentials = { trilletApi: credential };
	const agent = node.parameters.agent as { value?: unknown } | undefined;
	if (agent && typeof agent === 'object' && (agent.value === '' || agent.value === undefined)) agent.value = agentId;
}

/** `n8n execute` ignores pinned data: a pinned node becomes a Code node that returns the pinned items. */
function replacePinnedNode(node: WorkflowNode, items: unknown[]): WorkflowNode {
	return {
		...node,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return ${JSON.stringify(items)};` },
		credentials: undefined,
	};
}

export function prepareExample(file: string, index: number, credential: { id: string; name: string }, agentId: string): PreparedExample {
	const text = readFileSync(path.join(EXAMPLES_FOLDER, file), 'utf8').split(AGENT_PLACEHOLDER).join(agentId);
	const json = JSON.parse(text) as WorkflowJson;
	const changes: string[] = [];
	const pinData = json.pinData ?? {};
	json.nodes = json.nodes.map((node) => {
		useCredentialAndAgent(node, credential, agentId);
		if (pinData[node.name]) {
			changes.push(`pinned "${node.name}" → Code node returning its ${pinData[node.name].length} pinned items`);
			return replacePinnedNode(node, pinData[node.name]);
		}
		return node;
	});
	delete json.pinData;
	if (!json.nodes.some((node) => CLI_STARTS.includes(node.type))) {
		const trigger = json.nodes.find((node) => /trigger/i.test(node.type));
		if (trigger) {
			changes.push(`trigger "${trigger.name}" (${trigger.type}) → Manual Trigger, as n8n execute needs`);
			Object.assign(trigger, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
		}
	}
	const startBatchNodes = json.nodes
		.filter((node) => node.type.startsWith(TRILLET_PREFIX) && (node.parameters.operation ?? 'start') === 'start')
		.map((node) => node.name);
	const id = `trilletex${String(index).padStart(3, '0')}`;
	return { file, id, workflow: { ...json, id, active: false }, startBatchNodes, changes };
}
