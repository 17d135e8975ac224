import { parse } from 'csv-parse/sync';

import { prepareCsvFile } from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { mulberry32, pick, type Random } from './csvFixtures';
import { contactsErrorFrom, cutsAfterPad, PAD, padToCut, readCsv, uploaded, uploadedByGeneralReader, utf8 } from './uploadTestKit';

// Files from every spreadsheet: `;` and tab separators, Excel's `sep=` line, UTF-16 "Unicode
// Text". Whatever the layout, csv-parse of what is uploaded must equal csv-parse, with the
// file's own separator, of what the file held (blank lines and the sep= line aside).

type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
const LINE_BREAKS = ['\r\n', '\n', '\r'] as const;
const PIECES = ['a', 'Zoë', '中文', '😀', ',', ';', '\t', '"', '""', '\r', '\n', '\r\n', ' ', 'x y', "'", ''] as const;

interface LayoutFile {
	bytes: Uint8Array;
	/** What csv-parse reads in the file with its own separator, header first. */
	expected: string[][];
}

function randomCell(random: Random): string {
	let cell = '';
	for (let pieces = Math.floor(random() * 4); pieces > 0; pieces--) cell += pick(random, PIECES);
	return cell;
}

/** Quoted when it must be for `delimiter`, and now and then when it need not be. */
function writeCell(random: Random, cell: string, delimiter: Delimiter): string {
	const mustQuote = cell.includes(delimiter) || /["\r\n]/.test(cell) || cell === '';
	return mustQuote || random() < 0.2 ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function encodeUtf16le(text: string): Uint8Array {
	return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
}

/** A random contact file in one of the layouts spreadsheets write. */
function randomLayoutFile(random: Random): LayoutFile {
	const delimiter = pick(random, DELIMITERS);
	const lineBreak = pick(random, LINE_BREAKS);
	const width = 1 + Math.floor(random() * 3);
	const header = ['phone_number', ...Array.from({ length: width }, (_, index) => `c${index}`)];
	if (random() < 0.5) header.reverse();
	const rows = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, row) =>
		header.map((name) => (name === 'phone_number' ? `+1415555${1000 + row}` : randomCell(random))),
	);
	// One value holds the pad mark, which may grow until a slice of the general reader ends in the file.
	const padRow = rows[Math.floor(random() * rows.length)];
	const padColumn = header.findIndex((name) => name !== 'phone_number');
	padRow[padColumn] = PAD + padRow[padColumn];
	let text = '';
	for (const row of [header, ...rows]) {
		while (random() < 0.1) text += lineBreak;
		text += row.map((cell) => writeCell(random, cell, delimiter)).join(delimiter) + lineBreak;
	}
	if (random() < 0.3) text = text.slice(0, -lineBreak.length);
	const expected: string[][] = parse(text, { delimiter, skip_empty_lines: true });
	if (random() < 0.3) text = `sep=${delimiter}${lineBreak}${text}`;
	const utf16 = random() < 0.25;
	if (!utf16 && random() < 0.2) text = `\uFEFF${text}`;
	return { bytes: utf16 ? encodeUtf16le(text) : utf8(text), expected };
}

describe('prepareCsvFile: files separated by commas, semicolons or tabs', () => {
	test('keeps every value exactly, whatever the separator, quoting, line breaks, BOM, sep= line or UTF-16 (seeded)', async () => {
		const random = mulberry32(8);
		const layouts = new Set<string>();
		for (let file = 0; file < 400; file++) {
			const file0 = randomLayoutFile(random);
			let { bytes, expected } = file0;
			// Half the files are cut by a slice edge of the general reader, somewhere after the pad.
			const cut = random() < 0.5 ? pick(random, cutsAfterPad(bytes)) : undefined;
			if (cut !== undefined) {
				const padded = padToCut(bytes, cut);
				bytes = padded.bytes;
				expected = expected.map((row) => row.map((cell) => cell.replace(PAD, PAD.repeat(padded.padLength))));
			}
			let csv: Uint8Array;
			try {
				({ csv } = await (cut === undefined ? uploaded : uploadedByGeneralReader)(bytes, { invalidRows: 'fail' }));
			} catch (error) {
				throw new Error(`${String(error)} ${JSON.stringify(new TextDecoder().decode(file0.bytes))}`);
			}
			expect({ file, cut, rows: readCsv(csv) }).toEqual({ file, cut, rows: expected });
			layouts.add(new TextDecoder().decode(bytes.subarray(0, 6)).slice(0, 4));
		}
		// The generator did produce sep= lines and the other layouts.
		expect(layouts.has('sep=')).toBe(true);
	});

	test('reads an Excel "Unicode Text" export: UTF-16LE with a BOM, separated by tabs', async () => {
		const bytes = encodeUtf16le('phone_number\tfirst_name\tnote\r\n+14155550101\tZoë\t"a, b"\r\n');
		const { csv, report } = await uploaded(bytes, { invalidRows: 'fail' });
		expect(readCsv(csv)).toEqual([
			['phone_number', 'first_name', 'note'],
			['+14155550101', 'Zoë', 'a, b'],
		]);
		expect(report.warnings).toEqual([
			'The file is UTF-16; it was converted to UTF-8.',
			'The file separates its fields with tabs; it was sent to Trillet with commas.',
		]);
	});

	test.each([
		['sep=;', 'sep=;\r\nphone_number;name\r\n+14155550101;Ann\r\n', ["The first line of the file is Excel's separator hint (sep=;); it was not sent.", "The file separates its fields with ';'; it was sent to Trillet with commas."]],
		['sep=,', 'sep=,\nphone_number,name\n+14155550101,Ann\n', ["The first line of the file is Excel's separator hint (sep=,); it was not sent."]],
		['sep= and a tab', 'sep=\t\nphone_number\tname\n+14155550101\tAnn\n', ["The first line of the file is Excel's separator hint (sep=<tab>); it was not sent.", 'The file separates its fields with tabs; it was sent to Trillet with commas.']],
	])('honours a first line %s and leaves it out', async (_, text, warnings) => {
		const { csv, report } = await uploaded(utf8(text), { invalidRows: 'fail' });
		expect(readCsv(csv)).toEqual([
			['phone_number', 'name'],
			['+14155550101', 'Ann'],
		]);
		expect(report.warnings).toEqual(warnings);
	});

	test('counts lines from the sep= line, so errors name the line in the file', () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('sep=;\nphone_number;name\n12345;Ann\n'), { invalidRows: 'fail' }));
		expect(error.message).toMatch(/line 3: phone_number "12345"/);
	});

	test('reads with commas a file whose header has phone_number when read with commas, however many ; it holds', async () => {
		const { csv, report } = await uploaded(utf8('phone_number,"a;b;c"\n+14155550101,x;y;z\n'), { invalidRows: 'fail' });
		expect(readCsv(csv)).toEqual([
			['phone_number', 'a;b;c'],
			['+14155550101', 'x;y;z'],
		]);
		expect(report.warnings).toEqual([]);
	});

	test('finds the separator outside quotes', async () => {
		const { csv } = await uploaded(utf8('"name, full";phone_number\n"Smith, Ann";+14155550101\n'), { invalidRows: 'fail' });
		expect(readCsv(csv)).toEqual([
			['name, full', 'phone_number'],
			['Smith, Ann', '+14155550101'],
		]);
	});

	test('refuses a header that has phone_number read with ";" and read with tabs', () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('phone_number;a\tphone_number\n+14155550101;x\ty\n'), { invalidRows: 'fail' }));
		expect(error.message).toMatch(/separator is ambiguous/);
		expect(error.hint).toMatch(/sep=;/);
	});

	test('refuses a sep= line naming a separator it does not read', () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('sep=|\nphone_number|name\n+14155550101|Ann\n'), { invalidRows: 'fail' }));
		expect(error.message).toBe('The first line of the CSV, "sep=|", says its fields are separated by "|"; only commas, semicolons and tabs are read.');
	});

	test('names the columns a ;-separated header without phone_number has', () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('Phone;name\n+14155550101;Ann\n'), { invalidRows: 'fail' }));
		expect(error.message).toBe('The CSV has no "phone_number" column, but it has a column "Phone".');
	});
});

describe('prepareCsvFile: line breaks read one way by csv-parse and another by line splitters', () => {
	test.each([
		['a bare LF in a CRLF file', 'phone_number,note\r\n+14155550101,one\ntwo\r\n', /ends its lines with CRLF .*line 2 ends with a bare LF/],
		['a bare CR in an LF file', 'phone_number,note\n+14155550101,one\rtwo\n', /ends its lines with a bare LF .*line 2 ends with a bare CR/],
		['a CRLF in an LF file', 'phone_number;note\n+14155550101;one\r\n+14155550102;two\n', /line 2 ends with CRLF/],
		['a bare LF in a CRLF file after a sep= line', 'sep=;\r\nphone_number;note\r\n+14155550101;one\ntwo\r\n', /line 3 ends with a bare LF/],
	])('refuses %s, naming the line and how to fix it', (_, text, message) => {
		for (const invalidRows of ['fail', 'skip'] as const) {
			const error = contactsErrorFrom(() => prepareCsvFile(utf8(text), { invalidRows }));
			expect(error.message).toMatch(message);
			expect(error.hint).toMatch(/put the whole value in double quotes; otherwise remove the line break/);
		}
	});

	test('refuses blanks and then a quote in an unquoted field, which trimming readers read as a quoted value', () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('phone_number,name\n+14155550101, "Smith, Ann"\n'), { invalidRows: 'skip' }));
		expect(error.message).toBe(
			'The CSV has a field on line 2 that starts with blanks and then a quote (" \\"Smith"): some programs read it as a quoted value, others keep the blanks and the quotes as part of the value.',
		);
		expect(error.hint).toMatch(/^Remove the blanks before the opening quote/);
	});

	test('keeps a quote inside an unquoted value, which every reader that reads it keeps, and sends it quoted', async () => {
		const { csv } = await uploaded(utf8('phone_number;note\n+14155550101;He said "hi", twice\n'), { invalidRows: 'fail' });
		expect(new TextDecoder().decode(csv)).toBe('phone_number,note\r\n+14155550101,"He said ""hi"", twice"\r\n');
	});

	test('a file csv-parse and line splitters read alike goes out as its own bytes', async () => {
		const bytes = utf8('phone_number,note\r\n+14155550101,"one\ntwo"\r\n');
		const { csv } = await uploaded(bytes, { invalidRows: 'fail' });
		expect(Buffer.from(csv).equals(bytes)).toBe(true);
	});
});

describe('prepareCsvFile: a sep= line and nothing else', () => {
	test.each(['sep=;', 'sep=;\n', 'sep=,\r\n\r\n'])('refuses %j, saying the header is missing', (text) => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8(text), { invalidRows: 'fail' }));
		expect(error.message).toBe('The CSV has only its first line, sep=…, and no header line below it.');
	});
});

describe('prepareCsvFile: rows of a ;-separated file', () => {
	test('names the separator in the advice for a row with too many fields', () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('phone_number;name\n+14155550101;Smith; Ann\n'), { invalidRows: 'fail' }));
		expect(error.message).toMatch(/line 2.*3 fields, the header has 2: quote fields that contain ';'/);
	});
});
