// npm run demo: the package's main job, end to end on this machine. The example workflow
// examples/csv-to-batch.json runs in n8n's own engine, loading the node from dist/ as n8n
// would, against the local Trillet emulator; then it shows what the node returned and what
// "Trillet" received.
import { startTrilletEmulator, type RecordedRequest } from '../test/emulator';
import { EXAMPLES_FOLDER, loadExample } from '../test/engine/examples';
import { runWorkflow } from '../test/engine/runWorkflow';
import { emulatorCredentials } from '../test/engine/trilletWorkflow';

const EXAMPLE = 'csv-to-batch.json';

function masked(secret: unknown): string {
	const text = String(secret ?? '');
	return `${text.slice(0, 8)}…(${text.length} characters)`;
}

function showRequest(request: RecordedRequest): void {
	console.log(`${request.method} ${request.path} → HTTP ${request.status}`);
	console.log(`  x-api-key: ${masked(request.headers['x-api-key'])}`);
	console.log(`  x-workspace-id: ${String(request.headers['x-workspace-id'])}`);
	console.log(`  Content-Type: ${request.contentType ?? '(none)'}`);
	for (const [name, value] of Object.entries(request.fields)) console.log(`  field ${name}: ${value}`);
	if (request.file) {
		const { fileName, mimeType, bytes, rows } = request.file;
		console.log(`  file: ${fileName} (${mimeType}, ${bytes.length} bytes, ${rows.length} rows as the server parsed them):`);
		console.table(rows);
	}
}

async function main(): Promise<void> {
	const emulator = await startTrilletEmulator();
	try {
		console.log(`Trillet emulator listening on ${emulator.url}`);
		console.log(`Running examples/${EXAMPLE} in n8n-core's WorkflowExecute (node loaded from dist/)…\n`);
		const run = await runWorkflow(loadExample(EXAMPLE, emulator.agents[0]._id), {
			credentials: emulatorCredentials(emulator),
			packageFrom: 'dist',
			binaryDataMode: 'filesystem',
			workflowFolder: EXAMPLES_FOLDER,
		});

		console.log(`Nodes executed: ${run.executedNodes.join(' → ')}\n`);
		const error = run.error('Call the renewals list');
		if (error) {
			console.error(`The node failed: ${error.message}\n${error.description ?? ''}`);
			process.exitCode = 1;
			return;
		}
		console.log('What the Trillet Batch Call node returned:');
		console.log(JSON.stringify(run.output('Call the renewals list').map((item) => item.json), null, 2));
		console.log('\nWhat Trillet (the emulator) received:');
		for (const request of emulator.requests) showRequest(request);
	} finally {
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
