import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { INodeCredentialTestResult } from 'n8n-workflow';

import { testCredential } from '../engine/credentialTest';
import { PACKAGE_ROOT } from '../engine/nodePackage';
import { useTrilletEmulator } from '../emulator';

// Test credential as n8n's CredentialsTester runs it: the credential's request through
// n8n-core's RoutingNode, its `rules` read from the failed request's error. n8n 2.x keeps the
// HTTP answer on that error, so the credential's own words show; n8n 1.x's NodeApiError drops it
// (n8n-workflow 1.x re-declares `cause`), so 1.x shows its generic texts, which the
// credential's second notice explains. npm run test:n8n shows the same in real n8n servers.

describe('the Trillet API credential on n8n 2.x', () => {
	const emulator = useTrilletEmulator();
	let valid: { apiKey: string; workspaceId: string; baseUrl: string };

	beforeAll(() => {
		valid = { apiKey: emulator.apiKey, workspaceId: emulator.workspaceId, baseUrl: emulator.url };
	});

	test('"Test credential" succeeds with a valid key and workspace, sending both headers to the agents list', async () => {
		const result = await testCredential('trilletApi', valid);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests).toHaveLength(1);
		const [request] = emulator.requests;
		expect([request.method, request.path, request.status]).toEqual(['GET', '/v1/api/agents', 200]);
		expect(request.headers['x-api-key']).toBe(emulator.apiKey);
		expect(request.headers['x-workspace-id']).toBe(emulator.workspaceId);
	});

	test('a wrong API key is reported as such', async () => {
		const result = await testCredential('trilletApi', { ...valid, apiKey: 'tk_wrong' });

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not accept the API key/);
		expect(emulator.requests[0].status).toBe(401);
	});

	test('a workspace the key cannot reach is reported as a workspace problem', async () => {
		const result = await testCredential('trilletApi', { ...valid, workspaceId: 'ffffffffffffffffffffffff' });

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/no access to this Workspace ID/);
		expect(emulator.requests[0].status).toBe(403);
	});

	test('a base URL where no Trillet API answers is reported as a base URL problem', async () => {
		const result = await testCredential('trilletApi', { ...valid, baseUrl: `${emulator.url}/elsewhere` });

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/check the Base URL/);
	});

	test('a trailing slash on the base URL is harmless', async () => {
		const result = await testCredential('trilletApi', { ...valid, baseUrl: `${emulator.url}/` });

		expect(result.status).toBe('OK');
		expect(emulator.requests[0].path).toBe('/v1/api/agents');
	});

	test('the base URL defaults to Trillet’s public API', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { TrilletApi } = require('../../credentials/TrilletApi.credentials') as typeof import('../../credentials/TrilletApi.credentials');
		const baseUrl = new TrilletApi().properties.find((property) => property.name === 'baseUrl');
		expect(baseUrl?.default).toBe('https://api.trillet.ai');
	});
});

interface V1CredentialTests {
	workflow: string;
	results: INodeCredentialTestResult[];
	statuses: number[];
}

/** Good values, a wrong key, a wrong workspace, a wrong Base URL: tested on n8n 1.x in a process of its own. */
function testOnN8nV1(): V1CredentialTests {
	const compat = path.join(__dirname, '..', 'compat');
	const child = spawnSync(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', '-r', path.join(compat, 'useN8nV1.ts'), path.join(compat, 'credentialTestOnN8nV1.ts')],
		{ cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, N8N_LOG_LEVEL: 'silent' } },
	);
	if (child.status !== 0) throw new Error(`The n8n 1.x credential test failed: ${child.stderr || child.error?.message}`);
	return JSON.parse(child.stdout) as V1CredentialTests;
}

describe('the Trillet API credential on n8n 1.x', () => {
	test('Test credential succeeds with good values and shows n8n’s generic text for each failure, as the notice says', () => {
		const run = testOnN8nV1();

		expect(run.workflow).toBe('1.120.31');
		expect(run.results).toEqual([
			{ status: 'OK', message: 'Connection successful!' },
			{ status: 'Error', message: expect.stringMatching(/^Authorization failed/) },
			{ status: 'Error', message: expect.stringMatching(/^Forbidden/) },
			{ status: 'Error', message: expect.stringMatching(/could not be found/) },
		]);
		// n8n 1.x sends a request refused with 401 a second time before giving up
		expect([...new Set(run.statuses)]).toEqual([200, 401, 403, 404]);
	}, 250_000);

	test('the credential shows, not only in a tooltip, where to find its values and what those texts mean', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { TrilletApi } = require('../../credentials/TrilletApi.credentials') as typeof import('../../credentials/TrilletApi.credentials');
		const notices = new TrilletApi().properties.filter((property) => property.type === 'notice').map((notice) => notice.displayName);

		expect(notices).toEqual([
			expect.stringMatching(/Settings → Workspace → Developer → API Keys.*tk_.*24-character Workspace ID/),
			expect.stringMatching(/"Authorization failed".*API key.*"Forbidden".*Workspace ID.*"could not be found".*Base URL/),
		]);
	});
});
