import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { EXAMPLES_FOLDER } from '../engine/examples';
import type { WorkflowJson } from '../engine/runWorkflow';

// What every example promises a user who imports it: it runs wherever it is imported (no file
// read from disk), and it asks for the same two things in the same way: an agent and a credential.

const examples = readdirSync(EXAMPLES_FOLDER).filter((name) => name.endsWith('.json'));

function load(name: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(EXAMPLES_FOLDER, name), 'utf8')) as WorkflowJson;
}

describe.each(examples)('the example %s', (name) => {
	const workflow = load(name);
	const trillet = workflow.nodes.filter((node) => node.type.startsWith('n8n-nodes-trillet.'));

	test('reads no file from disk, so it runs wherever it is imported', () => {
		expect(workflow.nodes.map((node) => node.type)).not.toContain('n8n-nodes-base.readWriteFile');
		expect(readdirSync(EXAMPLES_FOLDER).filter((file) => !file.endsWith('.json'))).toEqual([]);
	});

	test('leaves the agent and the credential for the user to pick, the same way in every example', () => {
		for (const node of trillet) {
			expect(node.credentials).toEqual({ trilletApi: { id: '', name: 'Trillet account' } });
			if (node.parameters.agent !== undefined) expect(node.parameters.agent).toEqual({ __rl: true, mode: 'list', value: '' });
		}
	});

	test('names its Trillet nodes after what they do, not after the operation the canvas already shows', () => {
		const operationNames = ['Start Batch', 'Get Batch', 'Cancel Batch', 'Get Many Calls', 'Get Call', 'Get Recording', 'Trillet Trigger'];
		for (const node of trillet) expect(operationNames).not.toContain(node.name);
	});
});

test('there are examples to check', () => {
	expect(examples.length).toBeGreaterThanOrEqual(4);
});
