import { testCredential } from '../engine/credentialTest';
import { useTrilletEmulator } from '../emulator';

describe('the Trillet API credential', () => {
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
