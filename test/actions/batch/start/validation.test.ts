import { useTrilletEmulator } from '../../../emulator';
import { csvFile, TRILLET } from '../../../engine/trilletWorkflow';
import type { TestFile } from '../../../engine/standInNodes';
import { runStart, uploads } from './startHelpers';

/** A file as bytes, for content that is not UTF-8 text. */
function bytesFile(bytes: Buffer, fileName: string, mimeType = 'text/csv'): TestFile {
	return { fileName, mimeType, base64: bytes.toString('base64') };
}

describe('Start Batch stops wrong contact lists before a single call is paid for', () => {
	const emulator = useTrilletEmulator();

	async function expectRefused(files: TestFile[], message: RegExp, description?: RegExp, extra = {}) {
		const run = await runStart(emulator, { files }, extra);
		const error = run.error(TRILLET);
		expect(error?.message).toMatch(message);
		if (description) expect(error?.description).toMatch(description);
		expect(emulator.requests).toHaveLength(0);
		return error;
	}

	test('an item without the binary field says which fields it has', async () => {
		await expectRefused(
			[csvFile('phone_number\n+14155550123\n', 'a.csv', { binaryPropertyName: 'file' })],
			/Item 0 has no binary field "data" \(it has: file\)/,
			/Set "Input Binary Field" to "file"/,
		);
	});

	test('an empty file is refused', async () => {
		await expectRefused([csvFile('', 'empty.csv')], /The file "empty.csv": .*empty/i);
	});

	test('an Excel workbook is refused with the advice to export CSV', async () => {
		const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]);
		await expectRefused(
			[bytesFile(xlsx, 'contacts.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
			/The file "contacts.xlsx": .*(Excel|zip)/i,
			/CSV/,
		);
	});

	test('a PDF is refused', async () => {
		await expectRefused([bytesFile(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'list.pdf', 'application/pdf')], /PDF/);
	});

	test('Excel’s Windows-1252 "CSV" is refused with how to export UTF-8, never sent garbled', async () => {
		const latin = Buffer.from([...Buffer.from('phone_number,first_name\n+14155550123,Jos'), 0xe9, 0x0a]);
		await expectRefused([bytesFile(latin, 'excel.csv')], /not valid UTF-8/i, /CSV UTF-8/);
	});

	test('the same file is converted when File Encoding says Windows-1252', async () => {
		const latin = Buffer.from([...Buffer.from('phone_number,first_name\n+14155550123,Jos'), 0xe9, 0x0a]);
		const run = await runStart(emulator, { files: [bytesFile(latin, 'excel.csv')] }, { options: { encoding: 'windows-1252' } });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550123', first_name: 'José' }]);
	});

	test('a file over 20 MB is refused with its size and the limit', async () => {
		// Distinct numbers: the size of what would be sent is judged once the rows are checked.
		const rows = Array.from({ length: 21 * 1024 }, (_, index) => `+1415${String(index).padStart(7, '0')},${'x'.repeat(1000)}\n`);
		const big = `phone_number,notes\n${rows.join('')}`;
		await expectRefused([csvFile(big, 'big.csv')], /is 20\.8 MB \(21,\d{3},\d{3} bytes\); Trillet accepts files under 20 MB/, /split/i);
	});

	test('a near-miss header names the column to rename', async () => {
		await expectRefused(
			[csvFile('Phone Number,first_name\n+14155550123,Ann\n')],
			/phone_number/,
			/Rename the column "Phone Number" to "phone_number"/,
		);
	});

	test('an Excel byte order mark does not hide the phone_number header', async () => {
		const run = await runStart(emulator, { files: [csvFile('\uFEFFphone_number,first_name\r\n+14155550123,Ann\r\n')] });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.bytes.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550123', first_name: 'Ann' }]);
	});

	test('invalid numbers are listed by line and value, with the count of all', async () => {
		const rows = ['phone_number,first_name', '+14155550123,Ann', '4155550124,Bob', '+1 415 555 0125,Cy', 'call me,Dee', '+14155550126,Eve'];
		const error = await expectRefused([csvFile(rows.join('\n'))], /2 of 5 rows cannot be called/, /Invalid Rows/);

		expect(error?.message).toMatch(/line 3: phone_number "4155550124"/);
		expect(error?.message).toMatch(/line 5: phone_number "call me"/);
	});

	test('a duplicate number is reported so nobody is called twice', async () => {
		const error = await expectRefused(
			[csvFile('phone_number\n+14155550123\n+1 (415) 555-0123\n')],
			/1 of 2 rows cannot be called/,
		);
		expect(error?.message).toMatch(/line 3.*duplicate of line 2/);
	});

	test('a quote left open is reported with its line', async () => {
		await expectRefused([csvFile('phone_number,note\n+14155550123,"never closed\n+14155550124,x\n')], /line 2/);
	});

	test('a row with more fields than the header is reported', async () => {
		await expectRefused([csvFile('phone_number,first_name\n+14155550123,Ann,Lee\n')], /line 2.*3 fields/);
	});

	test('under "Skip Them" only the valid rows are uploaded and the skipped ones are listed', async () => {
		const rows = ['phone_number,first_name', '+14155550123,Ann', '12,Bob', '+14155550123,Ann again', '0044 20 7946 0958,Cy'];
		const run = await runStart(emulator, { files: [csvFile(rows.join('\r\n'))] }, { options: { invalidRows: 'skip' } });

		expect(uploads(emulator)[0].file?.rows).toEqual([
			{ phone_number: '+14155550123', first_name: 'Ann' },
			{ phone_number: '+442079460958', first_name: 'Cy' },
		]);
		const output = run.output(TRILLET)[0].json;
		expect(output).toMatchObject({ rowsRead: 4, rowsSent: 2, rowsSkipped: 2, totalCalls: 2 });
		expect(output.skippedRows).toEqual([
			expect.objectContaining({ row: 'line 3', line: 3, column: 'phone_number', value: '12' }),
			expect.objectContaining({ row: 'line 4', line: 4, reason: expect.stringMatching(/duplicate of line 2/) }),
		]);
	});

	test('with Continue On Fail a bad file becomes an error item and the other files still start', async () => {
		const files = [csvFile('phone_number\n+14155550101\n', 'good.csv'), csvFile('phone_number\nnope\n', 'bad.csv'), csvFile('phone_number\n+14155550103\n', 'good2.csv')];
		const run = await runStart(emulator, { files }, {}, { nodeSettings: { continueOnFail: true } });

		const output = run.output(TRILLET);
		expect(output).toHaveLength(3);
		expect(output[0].json.batchId).toEqual(expect.any(String));
		expect(output[1].json.error).toMatch(/The file "bad.csv": 1 of 1 row cannot be called: line 2: phone_number "nope"/);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.batchId).toEqual(expect.any(String));
		expect(uploads(emulator).map((upload) => upload.file?.fileName)).toEqual(['good.csv', 'good2.csv']);
	});

	test('an agent expression that gives nothing stops the node before anything is sent', async () => {
		await expectRefused([csvFile('phone_number\n+14155550123\n')], /No agent was chosen/, /Pick the agent/, {
			agent: { __rl: true, mode: 'id', value: '={{ $json.agentId }}' },
		});
	});
});
