// Clicks Test credential on n8n-core 1.x against the emulator, with good values and with each
// kind of wrong one, and prints what n8n answered as JSON: started by
// test/credentials/TrilletApi.test.ts in its own process, with useN8nV1 preloaded.
import { startTrilletEmulator } from '../emulator';
import { testCredential } from '../engine/credentialTest';

async function main(): Promise<void> {
	const emulator = await startTrilletEmulator();
	try {
		const valid = { apiKey: emulator.apiKey, workspaceId: emulator.workspaceId, baseUrl: emulator.url };
		const cases = [
			valid,
			{ ...valid, apiKey: 'tk_wrong' },
			{ ...valid, workspaceId: 'ffffffffffffffffffffffff' },
			{ ...valid, baseUrl: `${emulator.url}/elsewhere` },
		];
		const results = [];
		for (const values of cases) results.push(await testCredential('trilletApi', values));
		process.stdout.write(
			JSON.stringify({
				workflow: require('n8n-workflow/package.json').version as string,
				results,
				statuses: emulator.requests.map((request) => request.status),
			}),
		);
	} finally {
		await emulator.close();
	}
}

// n8n-core 1.x leaves a handle open after a credential test; this process has said all it has to.
main().then(
	() => process.exit(),
	(error: unknown) => {
		process.stderr.write(String((error as Error).stack ?? error));
		process.exit(1);
	},
);
