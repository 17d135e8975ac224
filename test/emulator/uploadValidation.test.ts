// What the emulated batch POST accepts and refuses beyond the documented examples.
import { useTrilletEmulator } from './index';
import { batchForm, callApi, contactsCsv, csvOfSize, startBatch } from './testClient';

const UPLOAD_LIMIT = 20 * 1024 * 1024;
const NOW = new Date('2025-06-01T12:00:00Z');
let clock = NOW;
const emulator = useTrilletEmulator({ now: () => clock });
afterEach(() => (clock = NOW));

describe('scheduledAt', () => {
	it.each(['2025-07-01T09:00:00.000Z', '2025-07-01T09:00:00+02:00', '2025-07-01 09:00:00Z', '2025-02-30T09:00:00Z', 'tomorrow'])(
		'%s is refused with 400, as the field must be exactly YYYY-MM-DDTHH:MM:SSZ',
		async (scheduledAt) => {
			const answer = await startBatch(emulator, contactsCsv(2), { scheduledAt });

			expect(answer.status).toBe(400);
			expect(answer.body).toEqual({ error: 'Invalid scheduledAt', message: expect.stringContaining('YYYY-MM-DDTHH:MM:SSZ') });
		},
	);

	it('an empty scheduledAt counts as absent and the batch starts at once', async () => {
		const answer = await startBatch(emulator, contactsCsv(2), { scheduledAt: '' });

		expect(answer.status).toBe(200);
		expect(emulator.batches()[0].scheduledAt).toBeNull();
	});
});

describe('smartCallbackConfig', () => {
	it.each([
		['not JSON', '{enabled: true}'],
		['numbers sent as strings', '{"enabled": true, "maxAttempts": "3", "gaps": [{"days": 1, "hours": 0}]}'],
		['enabled missing', '{"maxAttempts": 3, "gaps": []}'],
		['a gap without hours', '{"enabled": true, "maxAttempts": 2, "gaps": [{"days": 1}]}'],
		['gaps not a list', '{"enabled": true, "maxAttempts": 2, "gaps": {"days": 1, "hours": 0}}'],
	])('a configuration with %s is refused with 400', async (_case, smartCallbackConfig) => {
		const answer = await startBatch(emulator, contactsCsv(2), { smartCallbackConfig });

		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ error: 'Invalid smartCallbackConfig' });
		expect(emulator.batches()).toEqual([]);
	});

	it('a well-formed configuration is stored parsed', async () => {
		const config = { enabled: false, maxAttempts: 1, gaps: [] };
		await startBatch(emulator, contactsCsv(1), { smartCallbackConfig: JSON.stringify(config) });

		expect(emulator.batches()[0].smartCallbackConfig).toEqual(config);
	});
});

describe('the request itself', () => {
	it('a JSON body instead of a multipart form is answered 400 "No file uploaded"', async () => {
		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls', {
			body: JSON.stringify({ agentId: emulator.agents[0]._id }),
			headers: { 'content-type': 'application/json' },
		});

		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ error: 'No file uploaded', message: expect.stringContaining('multipart/form-data') });
		expect(emulator.requests[0].json).toEqual({ agentId: emulator.agents[0]._id });
	});

	it('a multipart Content-Type without a boundary is answered 400', async () => {
		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls', {
			body: '--x\r\n',
			headers: { 'content-type': 'multipart/form-data' },
		});

		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ error: 'No file uploaded' });
	});

	it('a multipart body cut off before its closing boundary is answered 400 with the parser’s reason', async () => {
		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls', {
			body: '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nphone_number\n',
			headers: { 'content-type': 'multipart/form-data; boundary=XX' },
		});

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ error: 'No file uploaded', message: expect.stringContaining('could not be read') });
	});

	it('a CSV sent under another field name than "file" is not an upload', async () => {
		const form = batchForm(contactsCsv(1), { agentId: emulator.agents[0]._id }, 'csv');
		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls', { body: form });

		expect(answer.body).toEqual({ error: 'No file uploaded' });
		expect(emulator.requests[0].file).toMatchObject({ fieldName: 'csv', fileName: 'contacts.csv' });
	});

	it('an agent the workspace does not have is answered 404 "Agent not found"', async () => {
		const answer = await startBatch(emulator, contactsCsv(1), { agentId: '000000000000000000000000' });

		expect(answer).toMatchObject({ status: 404, body: { error: 'Agent not found' } });
	});
});

describe('the CSV rules', () => {
	it.each([
		['an empty file', '', 'empty'],
		['a header without rows', 'phone_number,first_name\n', 'no rows'],
		['a quote that is never closed', 'phone_number\n"+14155550101\n', 'could not be read as CSV'],
		['a row with more fields than the header', 'phone_number\n+14155550101,extra\n', 'could not be read as CSV'],
	])('%s fails CSV validation with a message that says so', async (_case, csv, expected) => {
		const answer = await startBatch(emulator, csv);

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ error: 'CSV validation failed', message: expect.stringContaining(expected) });
	});

	it('every invalid row up to five is named, the rest are counted', async () => {
		const rows = ['+14155550100', ...Array.from({ length: 7 }, (_, i) => `555-010${i}`)];
		const answer = await startBatch(emulator, `phone_number\n${rows.join('\n')}\n`);
		const { message } = answer.body as { message: string };

		expect(message).toContain('Row 2: phone_number "555-0100" is not a valid E.164 number');
		expect(message).toContain('Row 6:');
		expect(message).not.toContain('Row 7:');
		expect(message).toContain('and 2 more invalid rows');
	});

	it('numbers are not tidied up: a space around an E.164 number makes the row invalid', async () => {
		const answer = await startBatch(emulator, 'phone_number\n +14155550101\n');

		expect(answer.body).toMatchObject({ error: 'CSV validation failed', message: expect.stringContaining('Row 1') });
	});

	it('a UTF-8 byte order mark, CRLF line ends and blank lines are read as a spreadsheet writes them', async () => {
		const csv = '\uFEFFphone_number,first_name\r\n+14155550101,Zoë\r\n\r\n+14155550102,José\r\n';
		const answer = await startBatch(emulator, csv);

		expect(answer.body).toMatchObject({ totalCalls: 2 });
		expect(emulator.batches()[0].calls.map((call) => call.metadata.first_name)).toEqual(['Zoë', 'José']);
	});

	it('every other column of a row becomes that call’s metadata', async () => {
		await startBatch(emulator, 'first_name,phone_number,plan\nAda,+14155550101,gold\n');

		expect(emulator.batches()[0].calls[0]).toMatchObject({
			phone_number: '+14155550101',
			metadata: { first_name: 'Ada', plan: 'gold' },
		});
	});
});

describe('the 20 MiB limit', () => {
	it('a file of 20 MiB less one byte is accepted', async () => {
		const answer = await startBatch(emulator, csvOfSize(UPLOAD_LIMIT - 1));

		expect(answer.body).toMatchObject({ totalCalls: 1, status: 'queued' });
	});

	it('a file of exactly 20 MiB is refused with 413, as busboy (and multer on it) count the limit as reached', async () => {
		const answer = await startBatch(emulator, csvOfSize(UPLOAD_LIMIT));

		expect(answer).toMatchObject({ status: 413, body: { error: 'File size exceeds 20MB limit' } });
	});
});
