import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

import { forEachCsvRecord } from '../../../nodes/TrilletBatchCall/contacts/csv/read';
import {
	escapeCsvField,
	maxEscapedUtf8Bytes,
	writeEscapedUtf8,
} from '../../../nodes/TrilletBatchCall/contacts/csv/quoting';
import { CsvBlobWriter, CsvWriter } from '../../../nodes/TrilletBatchCall/contacts/csv/write';
import { mulberry32, pick, randomTable } from '../csvFixtures';

const decoder = new TextDecoder('utf-8', { fatal: true });

function writeTable(columns: string[], rows: readonly string[][]): Uint8Array {
	const writer = new CsvWriter(columns);
	for (const row of rows) writer.addRow(row);
	return writer.finish();
}

describe('escapeCsvField', () => {
	test.each([
		['+14155550123', '+14155550123'],
		['José 😀', 'José 😀'],
		['', ''],
		['in the middle', 'in the middle'],
	])('leaves %j as it is', (value, expected) => {
		expect(escapeCsvField(value)).toBe(expected);
	});

	test.each([
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['carriage\rreturn', '"carriage\rreturn"'],
		['crlf\r\n', '"crlf\r\n"'],
		[' leading space', '" leading space"'],
		['trailing space ', '"trailing space "'],
		['\ttab', '"\ttab"'],
		['"', '""""'],
	])('quotes %j so a parser reads it back unchanged', (value, expected) => {
		expect(escapeCsvField(value)).toBe(expected);
		expect(parse(`${expected}\r\n`)).toEqual([[value]]);
	});
});

describe('writeEscapedUtf8', () => {
	const encoder = new TextEncoder();

	/** The bytes writeEscapedUtf8 writes for `value`, between bytes it must leave alone. */
	function written(value: string): number[] {
		const bytes = new Uint8Array(2 + maxEscapedUtf8Bytes(value.length) + 2).fill(0xaa);
		const end = writeEscapedUtf8(value, bytes, 2);
		expect(Array.from(bytes.subarray(0, 2))).toEqual([0xaa, 0xaa]);
		expect(Array.from(bytes.subarray(end))).toEqual(new Array(bytes.length - end).fill(0xaa));
		return Array.from(bytes.subarray(2, end));
	}

	test.each([
		['+14155550123'],
		['José 😀 中'],
		[''],
		['say "hi", then go'],
		['"'],
		[' leading'],
		['trailing\t'],
		['a\r\nb'],
		['cut \uD83D'],
		['\uDE00 end'],
		['\uDE00\uD83D'],
	])('writes %j as the UTF-8 of escapeCsvField, half of a character as U+FFFD as TextEncoder does', (value) => {
		expect(written(value)).toEqual(Array.from(encoder.encode(escapeCsvField(value))));
	});

	test('random text: the UTF-8 of escapeCsvField, within the room it asks for', () => {
		const random = mulberry32(44);
		const pieces = ['a', ' ', '\t', ',', '"', '\r', '\n', 'é', 'ß', '中', '😀', '\uD83D', '\uDE00', '\u007f', '\u0080', '\u07ff', '\u0800', '\uffff'];
		const faults: string[] = [];
		for (let sample = 0; sample < 2_000; sample++) {
			const value = Array.from({ length: Math.floor(random() * 8) }, () => pick(random, pieces)).join('');
			const expected = Array.from(encoder.encode(escapeCsvField(value)));
			if (written(value).join() !== expected.join()) faults.push(JSON.stringify(value));
		}
		expect(faults).toEqual([]);
	});
});

describe('CsvWriter', () => {
	test('writes the header first and ends every line, the last included, with CRLF', () => {
		const csv = decoder.decode(writeTable(['phone_number', 'first_name'], [['+1', 'Ann'], ['+2', 'Bob']]));
		expect(csv).toBe('phone_number,first_name\r\n+1,Ann\r\n+2,Bob\r\n');
	});

	test('writes UTF-8 without a byte order mark', () => {
		const bytes = writeTable(['name'], [['José']]);
		const nameCrLf = [0x6e, 0x61, 0x6d, 0x65, 0x0d, 0x0a];
		const joseCrLf = [0x4a, 0x6f, 0x73, 0xc3, 0xa9, 0x0d, 0x0a];
		expect(Array.from(bytes)).toEqual([...nameCrLf, ...joseCrLf]);
	});

	test('round-trips random tables with commas, quotes, line breaks, spaces and emoji through csv-parse', () => {
		const random = mulberry32(42);
		for (let table = 0; table < 200; table++) {
			const columnCount = 1 + Math.floor(random() * 5);
			const columns = Array.from({ length: columnCount }, (_, index) => `column ${index}, "${index}"`);
			const rows = randomTable(random, Math.floor(random() * 10), columnCount);
			const bytes = writeTable(columns, rows);
			const parsed: string[][] = parse(decoder.decode(bytes));
			expect(parsed).toEqual([columns, ...rows]);
		}
	});

	test('is read back by forEachCsvRecord unchanged', () => {
		const random = mulberry32(43);
		const rows = randomTable(random, 500, 4);
		const read: string[][] = [];
		forEachCsvRecord(decoder.decode(writeTable(['a', 'b', 'c', 'd'], rows)), (fields) => read.push(fields));
		expect(read).toEqual([['a', 'b', 'c', 'd'], ...rows]);
	});

	test('writes simple tables byte for byte as csv-stringify does', () => {
		const columns = ['phone_number', 'first_name', 'note'];
		const rows = [
			['+14155550123', 'José', 'likes "quotes"'],
			['+442071838750', 'Zoë', 'a, b and c'],
			['+4930901820', '', 'two\r\nlines'],
		];
		const expected = stringify([columns, ...rows], { record_delimiter: 'windows' });
		expect(decoder.decode(writeTable(columns, rows))).toBe(expected);
	});

	test('counts data rows and reports the exact UTF-8 byte length at any time', () => {
		const writer = new CsvWriter(['phone_number', 'name']);
		expect(writer.rowCount).toBe(0);
		expect(writer.byteLength()).toBe('phone_number,name\r\n'.length);
		writer.addRow(['+1', 'Zoë 😀']);
		const expectedBytes = new TextEncoder().encode('phone_number,name\r\n+1,Zoë 😀\r\n').length;
		expect(writer.rowCount).toBe(1);
		expect(writer.byteLength()).toBe(expectedBytes);
		expect(writer.finish().length).toBe(expectedBytes);
	});

	test('keeps every byte of rows that span chunk boundaries, including multi-byte characters', () => {
		// Rows long and non-ASCII enough that several 1 MB chunks fill up mid-row.
		const rows = Array.from({ length: 300 }, (_, index) => [`${index}`, `${'é😀中'.repeat(1000 + index)}`]);
		rows.push(['big', 'x'.repeat(3 * 1024 * 1024)]);
		const writer = new CsvWriter(['id', 'text']);
		for (const row of rows) writer.addRow(row);
		const length = writer.byteLength();
		const bytes = writer.finish();
		expect(bytes.length).toBe(length);
		expect(parse(decoder.decode(bytes))).toEqual([['id', 'text'], ...rows]);
	});

	test('refuses a row with a different number of fields than columns', () => {
		const writer = new CsvWriter(['phone_number', 'name']);
		expect(() => writer.addRow(['+1'])).toThrow(/1 fields but the header has 2 columns/);
		expect(() => writer.addRow(['+1', 'Ann', 'extra'])).toThrow(Error);
	});

	test('refuses to be used after finish', () => {
		const writer = new CsvWriter(['phone_number']);
		writer.finish();
		expect(() => writer.addRow(['+1'])).toThrow(/already finished/);
	});

	test('writes 200,000 rows, each quoted only where a comma asks for it', () => {
		const writer = new CsvWriter(['phone_number', 'first_name', 'last_name', 'email', 'note']);
		for (let row = 0; row < 200_000; row++) {
			writer.addRow([`+1415555${String(row).padStart(6, '0')}`, 'José', 'Müller', `p${row}@example.com`, 'a, b']);
		}
		const text = decoder.decode(writer.finish());
		const lines = text.split('\r\n').filter((line) => line !== '');
		expect(writer.rowCount).toBe(200_000);
		expect(lines).toHaveLength(200_001);
		expect(lines[200_000]).toBe('+1415555199999,José,Müller,p199999@example.com,"a, b"');
	});
});

describe('CsvWriter: rows already written as CSV, and chunks handed over', () => {
	test('addWrittenRow appends the text given as addRow would write those fields', () => {
		const random = mulberry32(44);
		const rows = randomTable(random, 50, 3);
		const written = new CsvWriter(['a', 'b', 'c']);
		for (const row of rows) written.addWrittenRow(row.map(escapeCsvField).join(','));
		expect(written.rowCount).toBe(50);
		expect(Array.from(written.finish())).toEqual(Array.from(writeTable(['a', 'b', 'c'], rows)));
	});

	test('hands each full chunk over and writes the same bytes, a row cut between chunks included', () => {
		const rows = Array.from({ length: 40_000 }, (_, index) => [`+1415555${index}`, `Zoë 😀 ${'中'.repeat(index % 50)}`]);
		// Copies: the writer writes the chunk again once it has handed it over.
		const handed: Uint8Array[] = [];
		const writer = new CsvWriter(['phone_number', 'name'], 0, (filled) => handed.push(filled.slice()));
		for (const row of rows) writer.addRow(row);
		const length = writer.byteLength();
		const all = Buffer.concat([...handed, writer.finish()]);
		expect(handed.length).toBeGreaterThan(1);
		expect(all.length).toBe(length);
		expect(all.equals(writeTable(['phone_number', 'name'], rows))).toBe(true);
	});
});

describe('CsvBlobWriter', () => {
	async function bytesOf(blob: Blob): Promise<Uint8Array> {
		return new Uint8Array(await blob.arrayBuffer());
	}

	test('finishes with a text/csv Blob of the bytes CsvWriter writes, and their SHA-256', async () => {
		for (const count of [0, 3, 40_000]) {
			const rows = Array.from({ length: count }, (_, index) => [`+1415555${index}`, `"Zoë", 😀 ${index}`]);
			const writer = new CsvBlobWriter(['phone_number', 'name']);
			for (const row of rows) writer.addRow(row);
			const { file, sha256 } = writer.finishFile();
			const expected = writeTable(['phone_number', 'name'], rows);
			const sent = await bytesOf(file);
			expect(file.type).toBe('text/csv');
			expect(decoder.decode(sent)).toBe(decoder.decode(expected));
			expect(sha256).toBe(createHash('sha256').update(expected).digest('hex'));
		}
	});

	test('is finished with finishFile only', () => {
		expect(() => new CsvBlobWriter(['phone_number']).finish()).toThrow(/finishFile/);
	});
});
