import type { ICredentialDataDecryptedObject, INode, INodeListSearchResult, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { useBinaryDataMode } from './binaryDataMode';
import { TestCredentialsHelper } from './credentialsHelper';
import { loadNodePackage } from './nodePackage';
import { TestNodeTypes } from './nodeTypes';
import { executeAdditionalData } from './runWorkflow';
import { TRILLET_NODE_TYPE } from './trilletWorkflow';

/**
 * Opens a searchable list in the node's editor, as n8n does when the user clicks the field:
 * the node's `methods.listSearch[method]` runs in n8n-core's own LoadOptionsContext.
 */
export async function searchList(
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
): Promise<INodeListSearchResult> {
	await useBinaryDataMode('default');
	const pkg = loadNodePackage('source');
	const nodeType = pkg.nodes[TRILLET_NODE_TYPE] as INodeType;
	const node: INode = {
		id: 'trillet',
		name: 'Trillet',
		type: TRILLET_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { operation: 'start' },
		credentials: { trilletApi: { id: 'cred-1', name: 'Trillet account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes(pkg.nodes) });
	const helper = new TestCredentialsHelper(pkg.credentials, credentials, () => ({ workflow, node }));
	const context = new LoadOptionsContext(workflow, node, executeAdditionalData(helper), 'parameters.agent');
	const search = nodeType.methods?.listSearch?.[method];
	if (search === undefined) throw new Error(`The node has no list search "${method}"`);
	return await search.call(context, filter);
}
