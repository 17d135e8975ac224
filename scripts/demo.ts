// npm run demo: the package's main job, end to end on this machine. The example workflow
// examples/csv-to-batch.json runs in n8n's own engine, loading the node from dist/ as n8n
// would, against the local Trillet emulator; then it shows the contact list it started from,
// what the node returned, what the schedule means, and what "Trillet" received. Nobody is called.
import { startTrilletEmulator, type RecordedRequest } from '../test/emulator';
import { EXAMPLES_FOLDER, loadExample } from '../test/engine/examples';
import { runWorkflow } from '../test/engine/runWorkflow';
import { emulatorCredentials } from '../test/engine/trilletWorkflow';

const EXAMPLE = 'csv-to-batch.json';
const START_NODE = 'Call the renewals list';
const CSV_NODE = 'Sample CRM export';

/** The schedule in words, in the workflow's own time zone (as the node read it) and in UTC (as sent). */
function describeSchedule(scheduledAt: unknown, timeZone: string): string {
	if (typeof scheduledAt !== 'string') return 'The batch starts as soon as Trillet receives it.';
	const when = new Date(scheduledAt);
	const local = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(when);
	return `The batch is scheduled for ${local} in the workflow's time zone (${timeZone}), sent to Trillet as ${scheduledAt} (UTC).`;
}

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
		const workflow = loadExample(EXAMPLE, emulator.agents[0]._id);
		const run = await runWorkflow(workflow, {
			credentials: emulatorCredentials(emulator),
			packageFrom: 'dist',
			binaryDataMode: 'filesystem',
			workflowFolder: EXAMPLES_FOLDER,
		});

		console.log(`Nodes executed: ${run.executedNodes.join(' → ')}\n`);
		console.log(`The contact list it started from (the CSV the "${CSV_NODE}" node holds):`);
		console.log(String(run.output(CSV_NODE)[0]?.json.csv ?? '(none)'));
		const error = run.error(START_NODE);
		if (error) {
			console.error(`The node failed: ${error.message}\n${error.description ?? ''}`);
			process.exitCode = 1;
			return;
		}
		const output = run.output(START_NODE).map((item) => item.json);
		console.log('What the Trillet Batch Call node returned:');
		console.log(JSON.stringify(output, null, 2));
		const settings = (workflow as { settings?: { timezone?: string } }).settings;
		console.log(`\n${describeSchedule(output[0]?.scheduledAt, settings?.timezone ?? 'UTC')}`);
		console.log('\nWhat Trillet (the emulator) received:');
		for (const request of emulator.requests) showRequest(request);
		console.log(
			`\nNo real call was placed: "Trillet" here is the local emulator at ${emulator.url}, and nothing left this machine.`,
		);
	} finally {
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
