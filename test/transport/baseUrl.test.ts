import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { baseUrlExpression, baseUrlOf } from '../../nodes/TrilletBatchCall/transport/baseUrl';
import { mulberry32, pick } from '../contacts/csvFixtures';
import { useTrilletEmulator } from '../emulator';
import { testCredential } from '../engine/credentialTest';
import { TestNodeTypes } from '../engine/nodeTypes';
import { standInNodeTypes } from '../engine/standInNodes';
import { runTrilletWorkflow, TRILLET } from '../engine/trilletWorkflow';

// One Base URL rule: whatever the user types, "Test credential" and the node's own requests go
// to the same address.

describe('a Base URL works the same in "Test credential" and in the node', () => {
	const emulator = useTrilletEmulator();

	test.each([
		['as given', ''],
		['with a trailing slash', '/'],
		['with several trailing slashes', '///'],
		['with the API root pasted', '/v1/api'],
		['with the API root and a slash', '/v1/api/'],
		['with the API root in capitals', '/V1/API'],
	])('%s', async (_, suffix) => {
		const baseUrl = ` ${emulator.url}${suffix} `;
		const credentials = { apiKey: emulator.apiKey, workspaceId: emulator.workspaceId, baseUrl };

		const tested = await testCredential('trilletApi', credentials);
		const run = await runTrilletWorkflow(emulator, { operation: 'getTemplate' }, { items: [{}] }, { credentials: { trilletApi: credentials } });

		expect(tested).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(run.error(TRILLET)).toBeUndefined();
		expect(emulator.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'GET /v1/api/agents 200',
			'GET /v1/api/batch-calls/template 200',
		]);
	});
});

describe('the credential’s test request uses the node’s rule', () => {
	const node: INode = { id: 'n', name: 'N', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes(standInNodeTypes(process.cwd())) });
	const evaluate = (baseUrl: unknown) =>
		workflow.expression.getSimpleParameterValue(node, baseUrlExpression(), 'internal', { $credentials: { baseUrl } });

	test('property: n8n’s evaluation of the expression equals the node’s rule on 500 seeded Base URLs', () => {
		const random = mulberry32(0xba5e);
		const parts = ['https://', 'http://', 'api.trillet.ai', 'proxy.example.com', ':8443', '/trillet', '/v1', '/api', '/v1/api', '/V1/Api', '/', '//', ' ', '\t', 'v1api', '/v2/api'];
		const differences: string[] = [];
		for (let index = 0; index < 500; index++) {
			const raw = Array.from({ length: Math.floor(random() * 6) }, () => pick(random, parts)).join('');
			const evaluated = evaluate(raw);
			if (evaluated !== baseUrlOf(raw)) differences.push(`${JSON.stringify(raw)}: Test uses ${JSON.stringify(evaluated)}, the node ${JSON.stringify(baseUrlOf(raw))}`);
		}
		expect(differences).toEqual([]);
	});

	test('a cleared field means Trillet’s own API, in both', () => {
		expect(evaluate('')).toBe('https://api.trillet.ai');
		expect(evaluate(undefined)).toBe('https://api.trillet.ai');
		expect(baseUrlOf(undefined)).toBe('https://api.trillet.ai');
	});
});
