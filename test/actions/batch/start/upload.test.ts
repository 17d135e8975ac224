import { parse } from 'csv-parse/sync';

import { useTrilletEmulator } from '../../../emulator';
import { csvFile, TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

const CONTACTS = [
	'phone_number,first_name,last_name,email,plan',
	'+14155550123,Ann,Lee,ann@example.com,gold',
	'"+44 20 7946 0958","Bob ""Bobby""",Smith,bob@example.com,"silver, annual"',
	'+33612345678,Zoé,Martin,,',
].join('\n');

describe('Start Batch uploads a CSV exactly as Trillet documents it', () => {
	const emulator = useTrilletEmulator();

	test.each(['default', 'filesystem'] as const)(
		'in %s binary-data mode the server parses the same rows, with agentId and nothing unasked for',
		async (binaryDataMode) => {
			const run = await runStart(emulator, { files: [csvFile(CONTACTS, 'march.csv')] }, {}, { binaryDataMode });

			expect(run.error(TRILLET)).toBeUndefined();
			const [upload] = uploads(emulator);
			expect(uploads(emulator)).toHaveLength(1);
			expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
			expect(upload.fields).toEqual({ agentId: emulator.agents[0]._id });
			expect(upload.file?.fieldName).toBe('file');
			expect(upload.file?.fileName).toBe('march.csv');
			expect(upload.file?.mimeType).toBe('text/csv');
			const sent = parse(CONTACTS, { columns: true }) as Record<string, string>[];
			sent[1].phone_number = '+442079460958';
			expect(upload.file?.rows).toEqual(sent);
		},
	);

	test('the output is Trillet’s answer plus what the node checked, paired to its input item', async () => {
		const run = await runStart(emulator, { files: [csvFile(CONTACTS)] });

		const [item] = run.output(TRILLET);
		const batch = emulator.batches()[0];
		expect(item.json).toMatchObject({
			batchId: batch.id,
			totalCalls: 3,
			status: 'queued',
			message: 'Batch calls initiated successfully',
			agentId: emulator.agents[0]._id,
			scheduledAt: null,
			smartCallback: null,
			rowsRead: 3,
			rowsSent: 3,
			rowsSkipped: 0,
			phoneNumbersNormalised: 1,
			skippedRows: [],
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('several input files start one batch each, each output paired to its own file', async () => {
		const files = [csvFile('phone_number\n+14155550101\n', 'a.csv'), csvFile('phone_number\n+14155550102\n+14155550103\n', 'b.csv')];
		const run = await runStart(emulator, { files });

		const output = run.output(TRILLET);
		expect(output.map((item) => [item.json.fileName, item.json.totalCalls, item.pairedItem])).toEqual([
			['a.csv', 1, { item: 0 }],
			['b.csv', 2, { item: 1 }],
		]);
		expect(uploads(emulator).map((upload) => upload.file?.rows.length)).toEqual([1, 2]);
	});

	test('a file in another binary field is read when Input Binary Field names it', async () => {
		const run = await runStart(
			emulator,
			{ files: [csvFile('phone_number\n+14155550101\n', 'export.csv', { binaryPropertyName: 'attachment_0' })] },
			{ binaryPropertyName: 'attachment_0' },
		);

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550101' }]);
	});

	test('the File Name option names the upload', async () => {
		await runStart(emulator, { files: [csvFile('phone_number\n+14155550101\n', 'data')] }, { options: { fileName: 'Spring campaign' } });

		expect(uploads(emulator)[0].file?.fileName).toBe('Spring campaign.csv');
	});

	test('the agent can come from an expression on the input item', async () => {
		const agentId = emulator.agents[2]._id;
		const run = await runStart(
			emulator,
			{ files: [csvFile('phone_number\n+14155550101\n', 'a.csv', { json: { agent: agentId } })] },
			{ agent: { __rl: true, mode: 'id', value: '={{ $json.agent }}' } },
		);

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].fields.agentId).toBe(agentId);
	});
});
