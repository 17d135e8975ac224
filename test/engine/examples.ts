import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from './nodePackage';
import type { WorkflowJson } from './runWorkflow';
import { agentById, TRILLET_NODE_TYPE } from './trilletWorkflow';

/** The folder of importable example workflows; relative file paths in them point here. */
export const EXAMPLES_FOLDER = path.join(PACKAGE_ROOT, 'examples');

/**
 * An example as a user imports it into n8n, then picks their agent in every Start Batch node
 * (the files leave the Agent empty for them to choose, and the credential unset).
 */
export function loadExample(fileName: string, agentId: string): WorkflowJson {
	const json = JSON.parse(readFileSync(path.join(EXAMPLES_FOLDER, fileName), 'utf8')) as WorkflowJson;
	const starts = json.nodes.filter(
		(node) => node.type === TRILLET_NODE_TYPE && (node.parameters.operation ?? 'start') === 'start',
	);
	const trillet = json.nodes.filter((node) => node.type.startsWith('n8n-nodes-trillet.'));
	if (trillet.length === 0) throw new Error(`${fileName} has no Trillet node`);
	for (const node of starts) node.parameters.agent = agentById(agentId);
	return json;
}
