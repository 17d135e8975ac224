import { parse } from 'csv-parse/sync';

import { useTrilletEmulator } from '../../../emulator';
import { binaryBytes, type BinaryDataMode } from '../../../engine/binaryDataMode';
import { csvFile, TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

// Default Country and the do-not-call list, through n8n's engine against the emulator: what the
// emulator parsed out of the multipart upload is the expectation.

const MODES: BinaryDataMode[] = ['default', 'filesystem'];
const US_SHEET = [
	'phone_number,first_name',
	'(415) 555-0101,Ann',
	'415.555.0102,Bob',
	'1 415 555 0103,Cy',
	'+44 20 7183 8750,Di',
	'',
].join('\n');

describe('Start Batch reads national numbers with Options → Default Country', () => {
	const emulator = useTrilletEmulator();

	test.each(MODES)('a US sheet of national numbers is sent in E.164 and the output counts them (%s binary data)', async (binaryDataMode) => {
		const run = await runStart(emulator, { files: [csvFile(US_SHEET)] }, { options: { defaultCountry: 'US' } }, { binaryDataMode });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.rows).toEqual([
			{ phone_number: '+14155550101', first_name: 'Ann' },
			{ phone_number: '+14155550102', first_name: 'Bob' },
			{ phone_number: '+14155550103', first_name: 'Cy' },
			{ phone_number: '+442071838750', first_name: 'Di' },
		]);
		expect(run.output(TRILLET)[0].json).toMatchObject({ rowsSent: 4, numbersCompletedWithDefaultCountry: 3, rowsExcluded: 0 });
	});

	test('without a default country the same sheet is refused, with the option named', async () => {
		const run = await runStart(emulator, { files: [csvFile(US_SHEET)] });

		expect(run.error(TRILLET)?.message).toMatch(/line 2: phone_number "\(415\) 555-0101" has no country code: .*Default Country/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('an expression may give the ISO code, in any case', async () => {
		const rows = [{ phone: '020 7183 8750' }];
		const run = await runStart(emulator, { rows }, { source: 'items', phoneField: 'phone', options: { defaultCountry: '={{ "gb" }}' } });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+442071838750' }]);
	});

	test('a code that is no country is refused before anything is read', async () => {
		const run = await runStart(emulator, { files: [csvFile(US_SHEET)] }, { options: { defaultCountry: 'UK' } });

		expect(run.error(TRILLET)?.message).toBe('"UK" is not a Default Country this node knows');
		expect(run.error(TRILLET)?.description).toMatch(/ISO 3166-1 alpha-2 code, e.g. US, GB or DE/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Start Batch checks every number against its country’s lengths', () => {
	const emulator = useTrilletEmulator();
	const sheet = 'phone_number,first_name\n415 555 012,Short\n+1 415 555 012,ShortIntl\n+14155550104,Ok\n07700 900123,Gb\n';

	test.each(MODES)('under Invalid Rows = fail nothing is sent and each bad row is named (%s binary data)', async (binaryDataMode) => {
		const run = await runStart(emulator, { files: [csvFile(sheet)] }, { options: { defaultCountry: 'US' } }, { binaryDataMode });

		const message = run.error(TRILLET)?.message ?? '';
		expect(message).toMatch(/^The file "contacts.csv": 3 of 4 rows cannot be called: /);
		expect(message).toMatch(/line 2: phone_number "415 555 012" is too short for United States \(\+1\): a number there has 10 digits .* this one has 9 \(read as a national number of the default country US\)/);
		expect(message).toMatch(/line 3: phone_number "\+1 415 555 012" is too short for United States/);
		expect(message).toMatch(/line 5: phone_number "07700 900123" is too long for United States/);
		expect(emulator.requests).toHaveLength(0);
	});

	test.each(MODES)('under Invalid Rows = skip only the right numbers are sent (%s binary data)', async (binaryDataMode) => {
		const run = await runStart(emulator, { files: [csvFile(sheet)] }, { options: { invalidRows: 'skip' } }, { binaryDataMode });

		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550104', first_name: 'Ok' }]);
		const skipped = run.output(TRILLET)[0].json.skippedRows as Array<{ line: number; value: string; reason: string }>;
		expect(skipped.map(({ line, value }) => ({ line, value }))).toEqual([
			{ line: 2, value: '415 555 012' },
			{ line: 3, value: '+1 415 555 012' },
			{ line: 5, value: '07700 900123' },
		]);
		expect(skipped[1].reason).toMatch(/^is too short for United States \(\+1\)/);
	});
});

describe('Start Batch never calls a number on the do-not-call list', () => {
	const emulator = useTrilletEmulator();
	const sheet = 'phone_number,first_name\n(415) 555-0101,Ann\n+1 415 555 0102,Bob\n415 555 0103,Cy\n';
	const doNotCall = (text: string) => csvFile(text, 'suppression.csv', { binaryPropertyName: 'dnc' });

	test.each([
		['fail', 'default'],
		['skip', 'filesystem'],
		['fail', 'filesystem'],
		['skip', 'default'],
	] as const)('from Exclude Numbers, whatever Invalid Rows (%s, %s binary data)', async (invalidRows, binaryDataMode) => {
		const options = { defaultCountry: 'US', invalidRows, excludeNumbers: '+14155550102,\n 415-555-0103' };
		const run = await runStart(emulator, { files: [csvFile(sheet)] }, { options }, { binaryDataMode });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550101', first_name: 'Ann' }]);
		expect(run.output(TRILLET)[0].json).toMatchObject({
			rowsRead: 3,
			rowsSent: 1,
			rowsSkipped: 0,
			rowsExcluded: 2,
			excludedRows: [
				{ row: 'line 3', line: 3, phone: '+14155550102' },
				{ row: 'line 4', line: 4, phone: '+14155550103' },
			],
		});
	});

	test.each(MODES)('from a second binary field holding a suppression CSV (%s binary data)', async (binaryDataMode) => {
		const file = { ...csvFile(sheet), more: [doNotCall('name,phone_number\nBob,(415) 555-0102\n,\n')] };
		const options = { defaultCountry: 'US', excludeBinaryPropertyName: 'dnc' };
		const run = await runStart(emulator, { files: [file] }, { options }, { binaryDataMode });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.rows).toEqual([
			{ phone_number: '+14155550101', first_name: 'Ann' },
			{ phone_number: '+14155550103', first_name: 'Cy' },
		]);
		expect(run.output(TRILLET)[0].json).toMatchObject({ rowsExcluded: 1, excludedRows: [{ line: 3, phone: '+14155550102' }] });
	});

	test('a do-not-call entry that cannot be read stops the batch and names the entry', async () => {
		const file = { ...csvFile(sheet), more: [doNotCall('phone_number\n+14155550102\ncall later\n')] };
		const options = { defaultCountry: 'US', excludeBinaryPropertyName: 'dnc', invalidRows: 'skip' };
		const run = await runStart(emulator, { files: [file] }, { options });

		expect(run.error(TRILLET)?.message).toMatch(/do-not-call list's line 3 of the file "suppression.csv", "call later", contains letters/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('a missing do-not-call field is named, with the fields the item has', async () => {
		const run = await runStart(emulator, { files: [csvFile(sheet)] }, { options: { excludeBinaryPropertyName: 'dnc' } });

		expect(run.error(TRILLET)?.message).toBe('Item 0 has no binary field "dnc" for the do-not-call list');
		expect(run.error(TRILLET)?.description).toMatch(/the item has: data/);
	});

	test('a list that excludes everyone starts nothing', async () => {
		const options = { defaultCountry: 'US', excludeNumbers: '4155550101, 4155550102, 4155550103' };
		const run = await runStart(emulator, { files: [csvFile(sheet)] }, { options });

		expect(run.error(TRILLET)?.message).toMatch(/No rows to call: all 3 numbers are on the do-not-call list/);
		expect(emulator.requests).toHaveLength(0);
	});

	test.each(['fail', 'skip'] as const)('in Input Items mode, with an expression giving an array (Invalid Rows = %s)', async (invalidRows) => {
		const rows = [{ phone: '(415) 555-0101' }, { phone: '415 555 0102' }, { phone: '+1 415 555 0103' }];
		const options = { defaultCountry: 'US', invalidRows, excludeNumbers: '={{ ["+1 415 555 0103", "(415) 555-0102"] }}' };
		const run = await runStart(emulator, { rows }, { source: 'items', phoneField: 'phone', options });

		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550101' }]);
		expect(run.output(TRILLET)[0].json).toMatchObject({
			rowsExcluded: 2,
			numbersCompletedWithDefaultCountry: 1,
			excludedRows: [
				{ row: 'item 1', item: 1, phone: '+14155550102' },
				{ row: 'item 2', item: 2, phone: '+14155550103' },
			],
		});
	});

	test('in Input Items mode a national number too short is refused under fail and skipped under skip', async () => {
		const rows = [{ phone: '(415) 555-010' }, { phone: '415 555 0102' }];
		const fail = await runStart(emulator, { rows }, { source: 'items', phoneField: 'phone', options: { defaultCountry: 'US' } });
		expect(fail.error(TRILLET)?.message).toMatch(/item 0: phone_number "\(415\) 555-010" is too short for United States/);
		expect(emulator.requests).toHaveLength(0);

		const options = { defaultCountry: 'US', invalidRows: 'skip' };
		await runStart(emulator, { rows }, { source: 'items', phoneField: 'phone', options });
		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550102' }]);
	});
});

describe('a Dry Run shows the completed and the excluded numbers', () => {
	const emulator = useTrilletEmulator();

	test.each(MODES)('US sheet with national numbers and a short do-not-call list (%s binary data)', async (binaryDataMode) => {
		const sheet = 'phone_number,first_name\n(415) 555-0101,Ann\n415.555.0102,Bob\n+1 415 555 0103,Cy\n';
		const options = { dryRun: true, defaultCountry: 'US', excludeNumbers: '415-555-0102' };
		const run = await runStart(emulator, { files: [csvFile(sheet, 'us-leads.csv')] }, { options }, { binaryDataMode });

		expect(emulator.requests).toHaveLength(0);
		const [item] = run.output(TRILLET);
		expect(item.json).toMatchObject({
			dryRun: true,
			message: 'Dry run: 2 calls would be started; nothing was sent to Trillet',
			rowsRead: 3,
			rowsSent: 2,
			rowsExcluded: 1,
			numbersCompletedWithDefaultCountry: 1,
			excludedRows: [{ row: 'line 3', line: 3, phone: '+14155550102' }],
			completedNumbers: [{ row: 'line 2', line: 2, value: '(415) 555-0101', phone: '+14155550101' }],
		});
		expect(parse(await binaryBytes(item.binary?.data))).toEqual([
			['phone_number', 'first_name'],
			['+14155550101', 'Ann'],
			['+14155550103', 'Cy'],
		]);
	});
});
