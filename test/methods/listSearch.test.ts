import { searchList } from '../engine/listSearch';
import { emulatorCredentials } from '../engine/trilletWorkflow';
import { startTrilletEmulator } from '../emulator';

describe('the Agent picker', () => {
	const shapes = ['array', 'data', 'agents'] as const;

	test.each(shapes)('lists the workspace’s agents by name with their ID as value (%s response)', async (shape) => {
		const emulator = await startTrilletEmulator({ agentsShape: shape });
		try {
			const { results } = await searchList('searchAgents', emulatorCredentials(emulator));

			const expected = [...emulator.agents]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((agent) => ({ name: agent.name, value: agent._id }));
			expect(results).toEqual(expected);
			expect(emulator.requests[0].headers['x-api-key']).toBe(emulator.apiKey);
			expect(emulator.requests[0].headers['x-workspace-id']).toBe(emulator.workspaceId);
		} finally {
			await emulator.close();
		}
	});

	test('keeps only the agents whose name or ID contains the typed text, ignoring case', async () => {
		const emulator = await startTrilletEmulator();
		try {
			const target = emulator.agents[1];
			const { results } = await searchList(
				'searchAgents',
				emulatorCredentials(emulator),
				target.name.slice(1, 5).toUpperCase(),
			);

			expect(results.map((result) => result.value)).toContain(target._id);
			for (const result of results) {
				expect(`${result.name} ${String(result.value)}`.toLowerCase()).toContain(target.name.slice(1, 5).toLowerCase());
			}
		} finally {
			await emulator.close();
		}
	});

	test('says plainly when the API key is refused', async () => {
		const emulator = await startTrilletEmulator();
		try {
			const credentials = emulatorCredentials(emulator);
			credentials.trilletApi.apiKey = 'tk_wrong';
			await expect(searchList('searchAgents', credentials)).rejects.toThrow('Trillet did not accept the API key');
		} finally {
			await emulator.close();
		}
	});
});
