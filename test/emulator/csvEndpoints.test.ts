// The CSV routes: the template download, the results export, and the validate and preview checks.
import { parse } from 'csv-parse/sync';
import { useTrilletEmulator } from './index';
import { batchForm, callApi, startedBatchId } from './testClient';

const NOW = new Date('2025-06-01T12:00:00Z');
const emulator = useTrilletEmulator({ now: () => NOW });

describe('the template', () => {
	it('is a CSV download with the documented columns and one example row', async () => {
		const answer = await callApi(emulator, 'GET', '/v1/api/batch-calls/template');

		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(answer.headers.get('content-disposition')).toBe('attachment; filename="batch-calls-template.csv"');
		expect(answer.text.trimEnd().split('\n')).toEqual([
			'phone_number,first_name,last_name,email',
			'+14155550123,John,Doe,john.doe@example.com',
		]);
	});
});

describe('the results export', () => {
	it('lists every call with its status and outcome, then the CSV’s own columns', async () => {
		const csv = 'phone_number,first_name,notes\n+14155550101,Ada,"prefers mornings, not Mondays"\n+14155550109,Grace,\n';
		const id = await startedBatchId(emulator, csv);
		emulator.advance(id, 2);

		const answer = await callApi(emulator, 'GET', `/v1/api/batch-calls/${id}/export-results`);
		const rows = parse<Record<string, string>>(answer.text, { columns: true });

		expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="batch-${id}-results.csv"`);
		expect(rows).toEqual([
			{
				jobId: `${id}_1`,
				phone_number: '+14155550101',
				status: 'completed',
				outcome: 'answered',
				duration: '30',
				error: '',
				startTime: NOW.toISOString(),
				endTime: NOW.toISOString(),
				first_name: 'Ada',
				notes: 'prefers mornings, not Mondays',
			},
			expect.objectContaining({ phone_number: '+14155550109', status: 'failed', outcome: '', error: 'no-answer', first_name: 'Grace' }),
		]);
	});
});

describe('validate and preview', () => {
	const csv = 'phone_number,first_name\n+14155550101,Ada\n12345,Bob\n+14155550103,Cy\n';

	it('validate reports each bad row without starting a batch', async () => {
		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls/validate', { body: batchForm(csv) });

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			valid: false,
			totalRows: 3,
			validRows: 2,
			invalidRows: 1,
			columns: ['phone_number', 'first_name'],
			errors: [{ row: 2, field: 'phone_number', value: '12345', message: expect.stringContaining('Row 2') }],
		});
		expect(emulator.batches()).toEqual([]);
	});

	it('validate reports a file without a phone_number column as a file error', async () => {
		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls/validate', { body: batchForm('name\nAda\n') });

		expect(answer.body).toMatchObject({
			valid: false,
			validRows: 0,
			invalidRows: 1,
			errors: [{ row: null, field: 'file', message: expect.stringContaining('phone_number') }],
		});
	});

	it('preview adds the first rows as the API read them', async () => {
		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls/preview', { body: batchForm(csv) });

		expect(answer.body).toMatchObject({
			valid: false,
			totalRows: 3,
			preview: [
				{ phone_number: '+14155550101', first_name: 'Ada' },
				{ phone_number: '12345', first_name: 'Bob' },
				{ phone_number: '+14155550103', first_name: 'Cy' },
			],
		});
	});

	it('validate without a file is answered 400 "No file uploaded"', async () => {
		const form = new FormData();
		form.append('agentId', emulator.agents[0]._id);

		const answer = await callApi(emulator, 'POST', '/v1/api/batch-calls/validate', { body: form });

		expect(answer).toMatchObject({ status: 400, body: { error: 'No file uploaded' } });
	});
});
