// The bench's third baseline: Start Batch's own upload with the check left out. A node that does
// what Start Batch does once the file is checked, and nothing more: a Blob of the file's bytes
// (Node's Blob copies them), the form built by the package's startForm and posted by the package's
// transport, both loaded from dist/ as the Trillet node is. It keeps to the package's rules (Node's
// FormData and Blob, no runtime dependency), so its time and memory are the least a node built
// under them can take: what Start Batch takes above it is the check. It reads the file in one of
// two ways, each the least of one measure:
// - "whole": getBinaryDataBuffer, as Start Batch does (the faster);
// - "stream": getBinaryStream in filesystem mode, each chunk copied into the Blob as it comes, so
//   the whole file is never held twice (the smaller peak; in default mode n8n has no stream to
//   give, and it reads the whole file).
import path from 'node:path';
import type { IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { trilletNode } from '../../test/engine/trilletWorkflow';
import { REPO_ROOT } from './childProcess';
import type { EmulatorAddress } from './emulatorAddress';

export const UNCHECKED_UPLOAD = 'Unchecked upload';
const UNCHECKED_UPLOAD_TYPE = 'bench.uncheckedUpload';
const BUILT_NODE = path.join(REPO_ROOT, 'dist', 'nodes', 'TrilletBatchCall');

/** How the unchecked upload reads the file. */
export type UncheckedRead = 'whole' | 'stream';

type Transport = typeof import('../../nodes/TrilletBatchCall/transport');
type StartRequestModule = typeof import('../../nodes/TrilletBatchCall/actions/batch/start/startRequest');

/** The transport and the form from the built package, the modules the Trillet node runs with. */
function builtUpload(): Pick<Transport, 'trilletRequest'> & Pick<StartRequestModule, 'startForm'> {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { trilletRequest } = require(path.join(BUILT_NODE, 'transport')) as Transport;
	const { startForm } = require(path.join(BUILT_NODE, 'actions', 'batch', 'start', 'startRequest')) as StartRequestModule;
	/* eslint-enable @typescript-eslint/no-require-imports */
	return { trilletRequest, startForm };
}

class UncheckedUpload implements INodeType {
	description: INodeTypeDescription = {
		displayName: UNCHECKED_UPLOAD,
		name: UNCHECKED_UPLOAD_TYPE,
		group: ['output'],
		version: 1,
		description: "Posts the input's CSV as Start Batch does, unchecked (bench only)",
		defaults: { name: UNCHECKED_UPLOAD },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'trilletApi', required: true }],
		properties: [
			{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '' },
			{ displayName: 'Read', name: 'read', type: 'string', default: 'whole' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { trilletRequest, startForm } = builtUpload();
		const file = new Blob(await blobParts(this, this.getNodeParameter('read', 0) as UncheckedRead), { type: 'text/csv' });
		const fields = { agentId: this.getNodeParameter('agentId', 0) as string, scheduledAt: undefined, smartCallbackConfig: undefined };
		const answer = await trilletRequest.call(this, {
			method: 'POST',
			path: '/v1/api/batch-calls',
			body: startForm({ fields, file, fileName: 'contacts.csv', fingerprint: '' }),
			action: 'start the batch',
			startsCalls: true,
			timeoutMs: 300_000,
		});
		return [[{ json: answer as INodeExecutionData['json'] }]];
	}
}

/** The file of the first item's `data`, as Blob parts. */
async function blobParts(context: IExecuteFunctions, read: UncheckedRead): Promise<Blob[] | Buffer[]> {
	const id = context.getInputData()[0].binary?.data.id;
	if (read === 'whole' || id === undefined) return [await context.helpers.getBinaryDataBuffer(0, 'data')];
	const parts: Blob[] = [];
	for await (const chunk of await context.helpers.getBinaryStream(id)) parts.push(new Blob([chunk as Buffer]));
	return parts;
}

export function uncheckedUploadNodeTypes(): Record<string, INodeType> {
	return { [UNCHECKED_UPLOAD_TYPE]: new UncheckedUpload() };
}

/** The node in a workflow, posting to the emulator with the Trillet credential (as the Trillet node is set up). */
export function uncheckedUploader(emulator: EmulatorAddress, read: UncheckedRead): INode {
	return trilletNode({ agentId: emulator.agentId, read }, { id: 'unchecked', name: UNCHECKED_UPLOAD, type: UNCHECKED_UPLOAD_TYPE });
}
