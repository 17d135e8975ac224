// Runs an example workflow on n8n-core 1.x against the emulator and prints what happened as
// JSON: started by test/compat/n8nV1.test.ts in its own process, with useN8nV1 preloaded.
import { startTrilletEmulator } from '../emulator';
import { EXAMPLES_FOLDER, loadExample } from '../engine/examples';
import { runWorkflow } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';

async function main(): Promise<void> {
	const [example, nodeName, binaryDataMode, startNode, seed] = process.argv.slice(2);
	const emulator = await startTrilletEmulator();
	try {
		// a call that has ended, for the trigger's "Fetch Test Event" to find
		if (seed === 'finishedCall') {
			emulator.callHistory.add({ status: 'completed', variables: { first_name: 'Ada', crm_id: 'CRM-7' } });
		}
		const run = await runWorkflow(loadExample(example, emulator.agents[0]._id), {
			credentials: emulatorCredentials(emulator),
			packageFrom: 'dist',
			binaryDataMode: binaryDataMode === 'filesystem' ? 'filesystem' : 'default',
			workflowFolder: EXAMPLES_FOLDER,
			startNode: startNode || undefined,
		});
		const error = run.error(nodeName);
		process.stdout.write(
			JSON.stringify({
				engine: require('n8n-core/package.json').version as string,
				workflow: require('n8n-workflow/package.json').version as string,
				executedNodes: run.executedNodes,
				output: run.output(nodeName).map((item) => item.json),
				error: error ? { message: error.message, description: error.description } : null,
				requests: emulator.requests.map(({ method, path, fields, file, headers }) => ({
					method,
					path,
					fields,
					rows: file?.rows ?? null,
					authenticated: headers['x-api-key'] === emulator.apiKey && headers['x-workspace-id'] === emulator.workspaceId,
				})),
			}),
		);
	} finally {
		await emulator.close();
	}
}

// n8n-core 1.x leaves timers running after a workflow; the answer is written, so stop here.
main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(String((error as Error)?.stack ?? error));
		process.exit(1);
	},
);
