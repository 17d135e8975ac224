import { parse } from 'csv-parse/sync';

import { useTrilletEmulator } from '../../../emulator';
import type { TestFile } from '../../../engine/standInNodes';
import { TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

// Files from every spreadsheet, through n8n's engine: `;`, tabs, Excel's "Unicode Text"
// (UTF-16 with tabs) and its `sep=` line are sent with commas; a file that csv-parse and line
// splitters read differently is refused. The rows the server parsed are the expectation, and
// they must be what csv-parse reads in the user's file with its own separator.

function bytesFile(bytes: Buffer): TestFile {
	return { fileName: 'contacts.csv', mimeType: 'text/csv', base64: bytes.toString('base64') };
}

/** The rows csv-parse reads in `text` with `delimiter`, as the server gives them (objects by column). */
function rowsIn(text: string, delimiter: string): Array<Record<string, string>> {
	return parse(text, { delimiter, columns: true, skip_empty_lines: true });
}

const SEMICOLONS = 'phone_number;first_name;note\r\n+14155550123;Ann;"a; b, c"\r\n+14155550124;Bob;"say ""hi"""\r\n';
const TABS = 'phone_number\tfirst_name\tnote\n+14155550123\tAnn\t"a\tb, c"\n+14155550124\tBob\tsay, hi\n';

const LAYOUTS = [
	{
		name: "';'",
		bytes: Buffer.from(SEMICOLONS),
		rows: rowsIn(SEMICOLONS, ';'),
		warnings: ["The file separates its fields with ';'; it was sent to Trillet with commas."],
	},
	{
		name: 'tabs',
		bytes: Buffer.from(TABS),
		rows: rowsIn(TABS, '\t'),
		warnings: ['The file separates its fields with tabs; it was sent to Trillet with commas.'],
	},
	{
		name: 'tabs in UTF-16 ("Unicode Text")',
		bytes: Buffer.from(`\uFEFF${TABS}`, 'utf16le'),
		rows: rowsIn(TABS, '\t'),
		warnings: ['The file is UTF-16; it was converted to UTF-8.', 'The file separates its fields with tabs; it was sent to Trillet with commas.'],
	},
	{
		name: 'a sep=; line',
		bytes: Buffer.from(`sep=;\r\n${SEMICOLONS}`),
		rows: rowsIn(SEMICOLONS, ';'),
		warnings: [
			"The first line of the file is Excel's separator hint (sep=;); it was not sent.",
			"The file separates its fields with ';'; it was sent to Trillet with commas.",
		],
	},
	{
		name: 'a sep=, line',
		bytes: Buffer.from('sep=,\nphone_number,first_name\n+14155550123,Ann\n'),
		rows: [{ phone_number: '+14155550123', first_name: 'Ann' }],
		warnings: ["The first line of the file is Excel's separator hint (sep=,); it was not sent."],
	},
];

describe.each(['default', 'filesystem'] as const)('Start Batch in %s binary-data mode: files from every spreadsheet', (binaryDataMode) => {
	const emulator = useTrilletEmulator();

	describe.each(LAYOUTS)('a file with $name', ({ bytes, rows, warnings }) => {
		test.each(['fail', 'skip'])('is sent with commas, every value kept (Invalid Rows = %s)', async (invalidRows) => {
			const run = await runStart(emulator, { files: [bytesFile(bytes)] }, { options: { invalidRows } }, { binaryDataMode });

			expect(run.error(TRILLET)).toBeUndefined();
			const [upload] = uploads(emulator);
			expect(upload.file?.rows).toEqual(rows);
			expect(run.output(TRILLET)[0].json.warnings).toEqual(warnings);
		});
	});

	test.each(['fail', 'skip'])('skips a ;-separated row that cannot be called, or refuses the file, as Invalid Rows says (%s)', async (invalidRows) => {
		const file = bytesFile(Buffer.from('phone_number;first_name\n+14155550123;Ann\n12345;Bob\n'));
		const run = await runStart(emulator, { files: [file] }, { options: { invalidRows } }, { binaryDataMode });

		if (invalidRows === 'fail') {
			expect(run.error(TRILLET)?.message).toMatch(/line 3: phone_number "12345"/);
			expect(uploads(emulator)).toHaveLength(0);
		} else {
			expect(run.error(TRILLET)).toBeUndefined();
			expect(uploads(emulator)[0].file?.rows).toEqual([{ phone_number: '+14155550123', first_name: 'Ann' }]);
		}
	});

	test.each(['fail', 'skip'])('refuses a bare LF inside an unquoted value of a CRLF file, naming the line (Invalid Rows = %s)', async (invalidRows) => {
		const file = bytesFile(Buffer.from('phone_number;note\r\n+14155550123;first\r\n+14155550124;one\ntwo\r\n'));
		const run = await runStart(emulator, { files: [file] }, { options: { invalidRows } }, { binaryDataMode });

		const error = run.error(TRILLET);
		expect(error?.message).toMatch(/ends its lines with CRLF .*line 3 ends with a bare LF/);
		expect(error?.description).toMatch(/put the whole value in double quotes; otherwise remove the line break on line 3/);
		expect(uploads(emulator)).toHaveLength(0);
	});
});
