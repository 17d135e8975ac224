import { useTrilletEmulator } from '../../../emulator';
import { csvFile, TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

const ONE_CONTACT = { files: [csvFile('phone_number\n+14155550123\n')] };

describe('Start Batch sends the schedule as UTC YYYY-MM-DDTHH:MM:SSZ', () => {
	const emulator = useTrilletEmulator();

	test.each([
		['an ISO text with an offset', '2031-01-15T10:30:00+01:00', '2031-01-15T09:30:00Z'],
		['an ISO text with milliseconds', '2031-01-15T09:30:00.999Z', '2031-01-15T09:30:00Z'],
		['milliseconds since 1970', String(Date.UTC(2031, 0, 15, 9, 30, 5)), '2031-01-15T09:30:05Z'],
		['a Luxon date from an expression', '={{ DateTime.fromISO("2031-01-15T04:30:00", { zone: "America/New_York" }) }}', '2031-01-15T09:30:00Z'],
		['a number from an expression', `={{ ${Date.UTC(2031, 0, 15, 9, 30)} }}`, '2031-01-15T09:30:00Z'],
	])('%s', async (_, scheduledAt, expected) => {
		const run = await runStart(emulator, ONE_CONTACT, { schedule: 'at', scheduledAt });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].fields.scheduledAt).toBe(expected);
		expect(run.output(TRILLET)[0].json.scheduledAt).toBe(expected);
	});

	test('a date picked without a zone is read in the workflow’s time zone, summer time included', async () => {
		const json = (await import('../../../engine/trilletWorkflow')).trilletWorkflow(
			{ operation: 'start', agent: { __rl: true, mode: 'id', value: emulator.agents[0]._id }, schedule: 'at', scheduledAt: '2031-07-01T09:00:00' },
			ONE_CONTACT,
		);
		json.settings = { timezone: 'Europe/Berlin' };
		const { runWorkflow } = await import('../../../engine/runWorkflow');
		const { emulatorCredentials } = await import('../../../engine/trilletWorkflow');
		await runWorkflow(json, { credentials: emulatorCredentials(emulator) });

		expect(uploads(emulator)[0].fields.scheduledAt).toBe('2031-07-01T07:00:00Z');
	});

	test('a time in the past stops the node before anything is sent', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { schedule: 'at', scheduledAt: '2020-01-15T09:30:00Z' });

		expect(run.error(TRILLET)?.message).toMatch(/The scheduled time 2020-01-15T09:30:00Z is in the past/);
		expect(run.error(TRILLET)?.description).toMatch(/set Schedule to "Now"/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('text that is no date stops the node before anything is sent', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { schedule: 'at', scheduledAt: '={{ "next tuesday" }}' });

		expect(run.error(TRILLET)?.message).toMatch(/"next tuesday" is not a date and time/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Start Batch sends Smart Callback as the JSON text Trillet expects', () => {
	const emulator = useTrilletEmulator();

	test('with numbers as numbers, in the documented shape', async () => {
		await runStart(emulator, ONE_CONTACT, {
			smartCallback: true,
			maxAttempts: 3,
			callbackGaps: { gap: [{ days: 1, hours: 0 }, { days: 0, hours: 4 }] },
		});

		expect(uploads(emulator)[0].fields.smartCallbackConfig).toBe(
			'{"enabled":true,"maxAttempts":3,"gaps":[{"days":1,"hours":0},{"days":0,"hours":4}]}',
		);
	});

	test('numbers given by expressions as text are sent as numbers', async () => {
		await runStart(emulator, ONE_CONTACT, {
			smartCallback: true,
			maxAttempts: '={{ "2" }}',
			callbackGaps: { gap: [{ days: '={{ "2" }}', hours: 6 }] },
		});

		expect(JSON.parse(uploads(emulator)[0].fields.smartCallbackConfig)).toEqual({
			enabled: true,
			maxAttempts: 2,
			gaps: [{ days: 2, hours: 6 }],
		});
	});

	test('is not sent at all when off', async () => {
		await runStart(emulator, ONE_CONTACT, { smartCallback: false, maxAttempts: 5 });

		expect(uploads(emulator)[0].fields).not.toHaveProperty('smartCallbackConfig');
	});

	test('an impossible setting stops the node before anything is sent', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { smartCallback: true, maxAttempts: 50 });

		expect(run.error(TRILLET)?.message).toMatch(/Max Attempts must be a whole number from 1 to 10/);
		expect(emulator.requests).toHaveLength(0);
	});
});
