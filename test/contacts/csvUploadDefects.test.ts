import { readerWork } from '../../nodes/TrilletBatchCall/contacts/csv';
import { prepareCsvFile } from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { mulberry32, pick, randomTable } from './csvFixtures';
import { contactsErrorFrom, cutsAfterPad, PAD, padToCut, preparedOn, readCsv, uploaded, uploadedByGeneralReader, utf8 } from './uploadTestKit';

// Files the fuzzer found read wrongly: each case here failed before its fix.

const UTF8_BOM = '\uFEFF';

describe('a file starting with more than one byte order mark', () => {
	test('is uploaded without any, and the report says how many were removed', async () => {
		const { csv, report } = await uploaded(utf8(`${UTF8_BOM}${UTF8_BOM}phone_number,name\n+14155550123,Ada\n`), { invalidRows: 'fail' });
		expect(Array.from(csv.subarray(0, 3))).not.toEqual([0xef, 0xbb, 0xbf]);
		expect(readCsv(csv)).toEqual([['phone_number', 'name'], ['+14155550123', 'Ada']]);
		expect(report.warnings).toEqual(['The file starts with 2 byte order marks (BOM), which were removed before the upload.']);
	});

	test('any number of them, before any content, in any reading (seeded)', async () => {
		const random = mulberry32(55);
		for (let file = 0; file < 60; file++) {
			const marks = 1 + Math.floor(random() * 4);
			const rows = randomTable(random, 1 + Math.floor(random() * 5), 1).map((cells, index) => [`+1415555${1000 + index}`, ...cells]);
			rows[0][1] = PAD + rows[0][1];
			const text = ['phone_number,note', ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))].join('\r\n');
			const bytes = utf8(UTF8_BOM.repeat(marks) + text);
			// The fast path, the general reader, and the general reader with a slice ending in the first row.
			const padded = padToCut(bytes, pick(random, cutsAfterPad(bytes)));
			const long = [rows[0][0], rows[0][1].replace(PAD, PAD.repeat(padded.padLength))];
			for (const [read, file, expected] of [
				[uploaded, bytes, rows],
				[uploadedByGeneralReader, bytes, rows],
				[uploadedByGeneralReader, padded.bytes, [long, ...rows.slice(1)]],
			] as const) {
				const { csv, report } = await read(file, { invalidRows: 'skip' });
				expect(csv[0]).not.toBe(0xef);
				expect(readCsv(csv)).toEqual([['phone_number', 'note'], ...expected]);
				expect(report.warnings[0]).toMatch(marks === 1 ? /^The file starts with a byte order mark/ : new RegExp(`^The file starts with ${marks} byte order marks`));
			}
		}
	});
});

describe('a quoted field made of escaped quotes', () => {
	test.each([10, 1_000, 1_000_000])('of %i pairs is read as one value in a few strings, not one per pair, whatever the slicing', async (pairs) => {
		const value = '"'.repeat(pairs);
		// The general reader, with a slice ending (for a million pairs, many slices) before the
		// value's opening quote, after it, between two escaped pairs, inside a pair, or before its closing quote.
		const bytes = utf8(`phone_number,filler,note\n+14155550123,${PAD},"${'""'.repeat(pairs)}"\n`);
		const open = bytes.indexOf(0x22);
		const close = bytes.lastIndexOf(0x22);
		const cuts = [open, open + 1, open + 2, open + 3, open + 1001, close].filter((cut) => cut <= close && cut - open < 30_000);
		for (const cut of [undefined, ...cuts]) {
			const padded = cut === undefined ? { bytes, padLength: 1 } : padToCut(bytes, cut);
			const before = readerWork.quotedValueStrings;
			const { csv, report } = await uploadedByGeneralReader(padded.bytes, { invalidRows: 'fail' });
			// A slice edge before the value or inside a pair costs a few more strings (measured: up to
			// 10 for 2 MB of pairs), never one per pair or per slice.
			const strings = readerWork.quotedValueStrings - before;
			if (strings > 12) expect({ cut, strings }).toEqual({ cut, strings: 'at most 12' });
			expect(report.rowsSent).toBe(1);
			expect(readCsv(csv)[1]).toEqual(['+14155550123', PAD.repeat(padded.padLength), value]);
		}
	});
});

describe('control characters Trillet cannot use', () => {
	const CONTROLS = [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f];

	test('are refused wherever they are, with their line, in any reading (seeded)', () => {
		const random = mulberry32(88);
		for (let file = 0; file < 40; file++) {
			const rows = 1 + Math.floor(random() * 4000);
			const lines = Array.from({ length: rows }, (_, index) => `+1${2_012_000_000 + index},Name ${index}`);
			const at = Math.floor(random() * rows);
			const control = CONTROLS[Math.floor(random() * CONTROLS.length)];
			lines[at] = `${lines[at]}${String.fromCharCode(control)}x`;
			const bytes = utf8(`phone_number,name\n${lines.join('\n')}\n`);
			// The binary-file check names a NUL in the first 8 KB differently; past it, every control is the same.
			if (control === 0 && bytes.indexOf(0) < 8192) continue;
			// Up to 4,000 rows: the character lies in any of the general reader's first slices.
			for (const path of ['fast', 'general'] as const) {
				const error = contactsErrorFrom(() => preparedOn(path, bytes, { invalidRows: 'skip' }));
				expect(error.message).toContain(`control character (U+${control.toString(16).toUpperCase().padStart(4, '0')}`);
				expect(error.message).toContain(`on line ${at + 2},`);
			}
		}
	});

	test('a NUL byte far into the file is refused, not uploaded', () => {
		const lines = Array.from({ length: 5000 }, (_, index) => `+1${2_012_000_000 + index},Name ${index}`);
		lines[4000] = '+14155550123,Ada\u0000';
		const error = contactsErrorFrom(() => prepareCsvFile(utf8(`phone_number,name\n${lines.join('\n')}\n`), { invalidRows: 'skip' }));
		expect(error.message).toMatch(/^The CSV has a control character \(U\+0000, a NUL byte\) on line 4002,/);
	});

	test('are refused in a UTF-16 file too, on their line', () => {
		const text = 'phone_number,name\r\n+14155550123,Ada\r\n+14155550124,B\u0007ob\r\n';
		const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
		const error = contactsErrorFrom(() => prepareCsvFile(utf16, { invalidRows: 'skip' }));
		expect(error.message).toContain('(U+0007) on line 3,');
	});

	test('tab, CR and LF are not control characters to refuse', async () => {
		const { report } = await uploaded(utf8('phone_number,name\r\n+14155550123,"A\tda\r\nLovelace"\r\n'), { invalidRows: 'fail' });
		expect(report.rowsSent).toBe(1);
	});
});

describe('a header ending in a comma', () => {
	test('with every value under it empty: the column is left out with a warning', async () => {
		const { csv, report } = await uploaded(utf8('phone_number,first_name,\n+14155550101,Ann,\n+14155550102,Bob,\n'), { invalidRows: 'fail' });
		expect(readCsv(csv)).toEqual([['phone_number', 'first_name'], ['+14155550101', 'Ann'], ['+14155550102', 'Bob']]);
		expect(report.columns).toEqual(['phone_number', 'first_name']);
		expect(report.warnings).toEqual(['The header line ends with a comma (a column with no name), empty in every row: it was left out.']);
	});

	test.each([
		[';', 'a semicolon'],
		['\t', 'a tab'],
	])('or in the file\'s own separator %j: the warning names that separator', async (separator, named) => {
		const text = ['phone_number', 'first_name', ''].join(separator) + '\n' + ['+14155550101', 'Ann', ''].join(separator) + '\n';
		const { csv, report } = await uploaded(utf8(text), { invalidRows: 'fail' });
		expect(readCsv(csv)).toEqual([['phone_number', 'first_name'], ['+14155550101', 'Ann']]);
		expect(report.warnings).toContain(`The header line ends with ${named} (a column with no name), empty in every row: it was left out.`);
	});

	test('with a value under it: refused, naming the column and the line', () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('phone_number,first_name,\n+14155550101,Ann,\n+14155550102,Bob,x\n'), { invalidRows: 'skip' }));
		expect(error.message).toBe('Column 3 of the CSV header has no name, and line 3 has a value in it.');
	});

	test('header and rows with any number of trailing separators, agreeing with csv-parse (seeded)', async () => {
		const random = mulberry32(606);
		for (let file = 0; file < 80; file++) {
			const headerCommas = Math.floor(random() * 3);
			const rows = randomTable(random, 1 + Math.floor(random() * 6), 1).map((cells, index) => [`+1415555${1000 + index}`, ...cells]);
			const general = random() < 0.5;
			// On the general reader, the first row's note holds a pad that grows until a slice ends in that row.
			if (general) rows[0][1] = PAD + rows[0][1];
			const lines = rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',') + ','.repeat(Math.floor(random() * (headerCommas + 2))));
			let bytes = utf8([`phone_number,note${','.repeat(headerCommas)}`, ...lines].join('\n'));
			if (general) {
				const padded = padToCut(bytes, pick(random, cutsAfterPad(bytes)));
				bytes = padded.bytes;
				rows[0][1] = rows[0][1].replace(PAD, PAD.repeat(padded.padLength));
			}
			const { csv } = await (general ? uploadedByGeneralReader : uploaded)(bytes, { invalidRows: 'fail' });
			expect(readCsv(csv)).toEqual([['phone_number', 'note'], ...rows]);
		}
	});
});
