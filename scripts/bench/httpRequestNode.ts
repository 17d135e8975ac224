// The bench's second baseline: n8n's own HTTP Request node posting the same file, in the same
// engine, as a user would without this package. n8n-nodes-base is not a devDependency (with n8n it
// is a ~2 GB install with native builds, more than `npm ci` should carry); the bench loads it from
// the real n8n that `npm run test:n8n` installs into its cache, and says so when there is none.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INode, IVersionedNodeType } from 'n8n-workflow';

import { CACHE_FOLDER, N8N_VERSIONS } from '../n8n/install';
import type { EmulatorAddress } from './emulatorAddress';

export const HTTP_REQUEST = 'HTTP Request';
const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
/** A version both n8n majors the package is proven in still offer. */
const HTTP_REQUEST_VERSION = 4.2;

export interface HttpRequestNodeSource {
	/** The n8n whose n8n-nodes-base it comes from. */
	n8nVersion: string;
	file: string;
}

/** The HTTP Request node of a cached n8n, the engine's own major first; undefined when none is installed. */
export function findHttpRequestNode(): HttpRequestNodeSource | undefined {
	const newestFirst = [...N8N_VERSIONS].reverse();
	for (const { version } of newestFirst) {
		const folder = path.join(CACHE_FOLDER, `n8n-${version}`);
		const file = path.join(folder, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
		if (existsSync(path.join(folder, '.installed')) && existsSync(file)) return { n8nVersion: version, file };
	}
	return undefined;
}

/** Where the second baseline came from, or why there is none, for the bench's report. */
export function describeHttpRequestNode(source: HttpRequestNodeSource | undefined): string {
	if (source) return `n8n's HTTP Request node (version ${HTTP_REQUEST_VERSION}) from n8n ${source.n8nVersion}, the copy \`npm run test:n8n\` installed.`;
	return "n8n's HTTP Request node was not measured: no n8n is installed yet. Run `npm run test:n8n` once (n8n-nodes-base is not a devDependency).";
}

export function loadHttpRequestNode(source: HttpRequestNodeSource): Record<string, IVersionedNodeType> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(source.file) as { HttpRequest: new () => IVersionedNodeType };
	return { [HTTP_REQUEST_TYPE]: new HttpRequest() };
}

/**
 * POST /v1/api/batch-calls as multipart with the item's binary `data` as `file` and `agentId`,
 * the keys as headers: what a user would build to start a batch by hand.
 */
export function httpRequestUploader(emulator: EmulatorAddress): INode {
	return {
		id: 'http',
		name: HTTP_REQUEST,
		type: HTTP_REQUEST_TYPE,
		typeVersion: HTTP_REQUEST_VERSION,
		position: [0, 0],
		parameters: {
			method: 'POST',
			url: `${emulator.url}/v1/api/batch-calls`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'x-api-key', value: emulator.apiKey },
					{ name: 'x-workspace-id', value: emulator.workspaceId },
				],
			},
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: {
				parameters: [
					{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' },
					{ parameterType: 'formData', name: 'agentId', value: emulator.agentId },
				],
			},
			options: {},
		},
	};
}
