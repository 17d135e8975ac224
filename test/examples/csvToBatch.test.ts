import { useTrilletEmulator } from '../emulator';
import { loadExample } from '../engine/examples';
import { runWorkflow, type WorkflowRun } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';

describe('the example "call a CRM export tomorrow at 9, retry twice" runs as imported', () => {
	const emulator = useTrilletEmulator(undefined, { resetBeforeEach: false });
	let run: WorkflowRun;

	beforeAll(async () => {
		run = await runWorkflow(loadExample('csv-to-batch.json', emulator.agents[0]._id), {
			credentials: emulatorCredentials(emulator),
			binaryDataMode: 'filesystem',
		});
	});

	test('the export is uploaded once, cleaned to E.164, without the rows that cannot be called', () => {
		expect(emulator.requests).toHaveLength(1);
		const rows = emulator.requests[0].file?.rows ?? [];
		expect(rows.map((row) => row.phone_number)).toEqual([
			'+14155550132',
			'+442079460958',
			'+33612345678',
			'+61293744000',
			'+4930901820',
		]);
		expect(rows[1]).toEqual({
			phone_number: '+442079460958',
			first_name: 'Ben',
			last_name: "O'Neil",
			email: 'ben@example.co.uk',
			plan: 'Silver, annual',
			renewal_date: '2026-12-20',
		});
		expect(rows[4].plan).toBe('Platinum "VIP"');
	});

	test('the batch is scheduled for 9:00 tomorrow in the workflow’s time zone, sent in UTC', () => {
		const scheduledAt = emulator.requests[0].fields.scheduledAt;
		expect(scheduledAt).toMatch(/^\d{4}-\d{2}-\d{2}T1[34]:00:00Z$/);
		const hoursAhead = (Date.parse(scheduledAt) - Date.now()) / 3_600_000;
		expect(hoursAhead).toBeGreaterThan(0);
		expect(hoursAhead).toBeLessThan(48);
	});

	test('nobody who does not answer is left at one try: three attempts, four hours apart', () => {
		expect(JSON.parse(emulator.requests[0].fields.smartCallbackConfig)).toEqual({
			enabled: true,
			maxAttempts: 3,
			gaps: [{ days: 0, hours: 4 }],
		});
	});

	test('the output tells which rows were skipped and why', () => {
		const [item] = run.output('Call the renewals list');
		expect(item.json).toMatchObject({ status: 'queued', totalCalls: 5, rowsRead: 7, rowsSent: 5, rowsSkipped: 2 });
		expect(item.json.skippedRows).toEqual([
			expect.objectContaining({ row: 'line 6', value: '4155550199', reason: expect.stringMatching(/country code/) }),
			expect.objectContaining({ row: 'line 7', reason: expect.stringMatching(/duplicate of line 2/) }),
		]);
	});
});
