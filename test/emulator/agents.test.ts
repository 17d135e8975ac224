// The agent routes, the credential checks every /v1/api route makes, and what the recorder keeps.
import { createDefaultAgents, startTrilletEmulator, useTrilletEmulator } from './index';
import { callApi } from './testClient';

const emulator = useTrilletEmulator();

describe('listing agents', () => {
	it('by default answers a bare array of three ready voice agents of the workspace', async () => {
		const answer = await callApi(emulator, 'GET', '/v1/api/agents');
		const agents = answer.body as Array<Record<string, unknown>>;

		expect(answer.status).toBe(200);
		expect(agents).toHaveLength(3);
		for (const agent of agents) {
			expect(agent).toMatchObject({
				_id: expect.stringMatching(/^[0-9a-f]{24}$/),
				name: expect.any(String),
				workspaceId: emulator.workspaceId,
				type: 'voice',
				status: 'ready',
				ttsModel: expect.objectContaining({ provider: expect.any(String), voiceId: expect.any(String) }),
				createdAt: expect.any(String),
				updatedAt: expect.any(String),
			});
		}
	});

	it.each(['data', 'agents'] as const)('can wrap the list as {%s: [...]}, as some clients meet it', async (shape) => {
		const wrapped = await startTrilletEmulator({ agentsShape: shape });
		try {
			const answer = await callApi(wrapped, 'GET', '/v1/api/agents');

			expect(answer.body).toEqual({ [shape]: wrapped.agents });
		} finally {
			await wrapped.close();
		}
	});

	it('uses the credentials and agents it is given', async () => {
		const workspaceId = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		const agents = createDefaultAgents(workspaceId).slice(0, 1);
		const custom = await startTrilletEmulator({ apiKey: 'tk_custom', workspaceId, agents });
		try {
			const answer = await callApi(custom, 'GET', '/v1/api/agents');

			expect(custom).toMatchObject({ apiKey: 'tk_custom', workspaceId });
			expect(answer.body).toEqual([expect.objectContaining({ workspaceId })]);
		} finally {
			await custom.close();
		}
	});
});

describe('one agent', () => {
	it('is answered by its id', async () => {
		const [, second] = emulator.agents;

		const answer = await callApi(emulator, 'GET', `/v1/api/agents/${second._id}`);

		expect(answer).toMatchObject({ status: 200, body: second });
	});

	it('an unknown id is answered 404 "Agent not found"', async () => {
		const answer = await callApi(emulator, 'GET', '/v1/api/agents/ffffffffffffffffffffffff');

		expect(answer).toMatchObject({ status: 404, body: { error: 'Agent not found' } });
	});
});

describe('credentials', () => {
	it.each([
		[
			'a wrong x-api-key',
			{ 'x-api-key': 'tk_wrong' },
			401,
			{ error: { code: 'unauthorized', message: 'Invalid or missing API key' } },
		],
		['an empty x-workspace-id', { 'x-workspace-id': '' }, 400, { error: 'Workspace ID is required' }],
		[
			'a wrong x-workspace-id',
			{ 'x-workspace-id': '000000000000000000000000' },
			403,
			{ error: 'Workspace not found or access denied' },
		],
	])('%s is refused with %s', async (_case, headers, status, body) => {
		const answer = await callApi(emulator, 'GET', '/v1/api/agents', { headers });

		expect(answer).toMatchObject({ status, body });
	});

	it('a request without x-workspace-id at all is refused with 400', async () => {
		const answer = await fetch(`${emulator.url}/v1/api/agents`, { headers: { 'x-api-key': emulator.apiKey } });

		expect(answer.status).toBe(400);
		expect(await answer.json()).toMatchObject({ error: 'Workspace ID is required' });
	});

	it('an unknown /v1/api route is answered 404 "Not found" once the credentials pass', async () => {
		const known = await callApi(emulator, 'GET', '/v1/api/unknown');
		const anonymous = await callApi(emulator, 'GET', '/v1/api/unknown', { headers: { 'x-api-key': '' } });
		const outside = await fetch(`${emulator.url}/health`);

		expect(known).toMatchObject({ status: 404, body: { error: 'Not found' } });
		expect(anonymous.status).toBe(401);
		expect(outside.status).toBe(404);
		await outside.text();
	});
});

describe('the recorder', () => {
	it('keeps every request in order with its method, path, query, headers and answer', async () => {
		await callApi(emulator, 'GET', '/v1/api/agents?x=1');
		await callApi(emulator, 'GET', '/v1/api/agents', { headers: { 'x-api-key': 'nope' } });

		expect(emulator.requests).toEqual([
			expect.objectContaining({ method: 'GET', path: '/v1/api/agents', query: { x: '1' }, status: 200, fields: {} }),
			expect.objectContaining({ method: 'GET', path: '/v1/api/agents', query: {}, status: 401 }),
		]);
		expect(emulator.requests[1].headers['x-api-key']).toBe('nope');
	});

	it('reset() forgets the requests', async () => {
		await callApi(emulator, 'GET', '/v1/api/agents');
		const kept = emulator.requests;

		emulator.reset();

		expect(kept).toHaveLength(0);
	});
});
