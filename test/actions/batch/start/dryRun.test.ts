import { parse } from 'csv-parse/sync';

import { useTrilletEmulator } from '../../../emulator';
import { binaryBytes } from '../../../engine/binaryDataMode';
import { csvFile, TRILLET } from '../../../engine/trilletWorkflow';
import { runStart } from './startHelpers';

describe('a dry run checks everything and calls no one', () => {
	const emulator = useTrilletEmulator();

	test.each(['default', 'filesystem'] as const)(
		'from a CSV (%s binary-data mode): the report and the exact CSV that would be sent, no request',
		async (binaryDataMode) => {
			const text = 'phone_number,first_name\n+1 415 555 0101,Ann\nnope,Bob\n+14155550102,"Cy, Jr."\n';
			const run = await runStart(
				emulator,
				{ files: [csvFile(text, 'list.csv')] },
				{ schedule: 'at', scheduledAt: '2031-03-01T09:00:00Z', options: { dryRun: true, invalidRows: 'skip' } },
				{ binaryDataMode },
			);

			expect(emulator.requests).toHaveLength(0);
			const [item] = run.output(TRILLET);
			expect(item.json).toMatchObject({
				dryRun: true,
				message: 'Dry run: 2 calls would be started; nothing was sent to Trillet',
				scheduledAt: '2031-03-01T09:00:00Z',
				rowsRead: 3,
				rowsSent: 2,
				rowsSkipped: 1,
				skippedRows: [expect.objectContaining({ row: 'line 3', value: 'nope' })],
			});
			expect(item.json).not.toHaveProperty('batchId');
			expect(item.binary?.data.mimeType).toBe('text/csv');
			expect(parse(await binaryBytes(item.binary?.data))).toEqual([
				['phone_number', 'first_name'],
				['+14155550101', 'Ann'],
				['+14155550102', 'Cy, Jr.'],
			]);
		},
	);

	test('from input items: one item with the CSV that would be sent', async () => {
		const rows = [{ phone: '+14155550101', city: 'Oslo' }, { phone: '+14155550102', city: 'Lima' }];
		const run = await runStart(emulator, { rows }, { source: 'items', phoneField: 'phone', options: { dryRun: true } });

		expect(emulator.requests).toHaveLength(0);
		const output = run.output(TRILLET);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(parse(await binaryBytes(output[0].binary?.data))).toEqual([
			['phone_number', 'city'],
			['+14155550101', 'Oslo'],
			['+14155550102', 'Lima'],
		]);
	});

	test('a dry run still refuses what a real run would refuse', async () => {
		const run = await runStart(emulator, { files: [csvFile('phone_number\n12\n')] }, { options: { dryRun: true } });

		expect(run.error(TRILLET)?.message).toMatch(/1 of 1 row cannot be called: line 2/);
		expect(emulator.requests).toHaveLength(0);
	});
});
