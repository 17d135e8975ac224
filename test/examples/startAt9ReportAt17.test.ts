import { useTrilletEmulator } from '../emulator';
import { loadExample } from '../engine/examples';
import { runWorkflow, type WorkflowRun } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';

describe('the example "start at 9, report at 17" runs as imported', () => {
	const emulator = useTrilletEmulator(undefined, { resetBeforeEach: false });
	let run: WorkflowRun;
	let batchId: string;

	beforeAll(async () => {
		run = await runWorkflow(loadExample('start-at-9-report-at-17.json', emulator.agents[0]._id), {
			startNode: 'Every day at 9:00',
			credentials: emulatorCredentials(emulator),
		});
		batchId = String(run.output("Call today's contacts")[0]?.json.batchId);
	});

	test('every node ran, from the 9:00 trigger to the report', () => {
		expect(run.executedNodes).toEqual([
			'Every day at 9:00',
			"Read today's contacts",
			"Call today's contacts",
			'Wait until 17:00',
			'Check the batch',
			'Read every call',
			'Report',
		]);
	});

	test('the sheet’s rows became one batch, the row with no phone number skipped', () => {
		const [upload] = emulator.requests;
		expect(upload.method).toBe('POST');
		expect(upload.file?.rows).toEqual([
			{ phone_number: '+14155550101', first_name: 'Ada', last_name: 'Lovelace', row_number: '2', plan: 'Pro' },
			{ phone_number: '+14155550102', first_name: 'Alan', last_name: 'Turing', row_number: '3', plan: 'Team' },
			{ phone_number: '+14155550103', first_name: 'Grace', last_name: 'Hopper', row_number: '4', plan: 'Pro' },
		]);
		expect(run.output("Call today's contacts")[0].json).toMatchObject({ rowsRead: 4, rowsSent: 3, rowsSkipped: 1 });
	});

	test('after the wait, Trillet is asked for the batch’s status and then for all its calls', () => {
		expect(emulator.requests.slice(1).map(({ method, path, query }) => [method, path, query])).toEqual([
			['GET', `/v1/api/batch-calls/${batchId}`, {}],
			['GET', `/v1/api/batch-calls/${batchId}/calls`, { page: '1', limit: '100', status: 'all' }],
		]);
		expect(run.output('Check the batch')[0].json).toMatchObject({ batchId, totalCalls: 3 });
	});

	test('the report receives one item per call, with its number and state', () => {
		expect(run.output('Report').map((item) => [item.json.batchId, item.json.phone_number, item.json.status])).toEqual([
			[batchId, '+14155550101', 'active'],
			[batchId, '+14155550102', 'active'],
			[batchId, '+14155550103', 'active'],
		]);
	});
});
