import { parse } from 'csv-parse/sync';

import { ContactsError } from '../../../nodes/TrilletBatchCall/contacts/errors';
import { detachString, forEachCsvRecord, isBlankRecord } from '../../../nodes/TrilletBatchCall/contacts/csv/read';
import type { CsvParseStats } from '../../../nodes/TrilletBatchCall/contacts/csv/read';
import { mulberry32, pick, randomTable, toUntidyCsv } from '../csvFixtures';
import { contactsErrorFrom } from '../uploadTestKit';

interface ParsedRecords {
	records: string[][];
	lines: number[];
	stats: CsvParseStats;
}

function readAll(text: string): ParsedRecords {
	const records: string[][] = [];
	const lines: number[] = [];
	const stats = forEachCsvRecord(text, (fields, line) => {
		records.push(fields);
		lines.push(line);
	});
	return { records, lines, stats };
}

/** csv-parse set up to make the same documented choices as forEachCsvRecord. */
function oracle(text: string): string[][] {
	return parse(text, {
		bom: true,
		skip_empty_lines: true,
		relax_quotes: true,
		relax_column_count: true,
		record_delimiter: ['\r\n', '\n', '\r'],
	});
}

describe('forEachCsvRecord', () => {
	const trickyInputs: Record<string, string> = {
		'plain LF rows': 'phone_number,name\n+1,Ann\n+2,Bob\n',
		'CRLF rows without a final line break': 'phone_number,name\r\n+1,Ann\r\n+2,Bob',
		'lone CR rows (old Mac)': 'phone_number,name\r+1,Ann\r+2,Bob\r',
		'mixed line endings': 'a,b\r\n1,2\n3,4\r5,6',
		'commas, quotes and line breaks inside quotes': 'a,b\n"x, y","say ""hi"""\n"line1\nline2\r\nline3\rline4",z\n',
		'empty fields and trailing commas': 'a,b,c\n,,\n1,,\n,,3\n',
		'quoted empty fields': 'a,b\n"",""\n',
		'a doubled quote as the whole value': 'a\n""""\n',
		'blank lines of every kind': '\n\r\na,b\n\n\r1,2\r\n\r\n\n',
		'whitespace-only and comma-only lines kept as records': 'a,b\n \n,\n\t\n',
		'stray quotes inside unquoted fields': 'a,b\nab"c,d""e\n x "y",z"\n',
		'leading and trailing spaces kept': 'a,b\n  1 , 2  \n" 3 "," 4"\n',
		'unicode and emoji': 'name,city\nJosé 😀,Zürich\n中文,"Kraków, PL"\n',
		'a CR just before a closing quote': 'a,b\n"x\r",y\n',
		'a single column': 'phone_number\n+1\n+2',
		'a byte order mark before the header': '\uFEFFphone_number,name\n+1,Ann\n',
	};

	test.each(Object.entries(trickyInputs))('reads %s exactly as csv-parse does', (_name, text) => {
		expect(readAll(text).records).toEqual(oracle(text));
	});

	test('reads randomly generated untidy tables exactly as csv-parse does and as they were written', () => {
		const random = mulberry32(20240611);
		for (let table = 0; table < 300; table++) {
			const rows = randomTable(random, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 5));
			const csv = toUntidyCsv(random, rows);
			const parsed = readAll(csv.text);
			expect(parsed.records).toEqual(rows);
			expect(parsed.records).toEqual(oracle(csv.text));
			expect(parsed.lines).toEqual(csv.startLines);
			expect(parsed.stats).toEqual({ records: rows.length, blankLines: csv.blankLines, lines: csv.lines });
		}
	});

	test('gives each record the physical line it starts on, counting line breaks inside quoted fields', () => {
		const text = 'phone_number,note\n+1,"two\r\nline\nbreaks"\n\n+2,plain\r"+3","x\ry"\n+4,end';
		expect(readAll(text).lines).toEqual([1, 2, 6, 7, 9]);
	});

	test('counts skipped blank lines and physical lines', () => {
		expect(readAll('a\n\n1\n\n').stats).toEqual({ records: 2, blankLines: 2, lines: 4 });
		expect(readAll('a\r\n1').stats).toEqual({ records: 2, blankLines: 0, lines: 2 });
		expect(readAll('').stats).toEqual({ records: 0, blankLines: 0, lines: 0 });
	});

	test('passes the header as the first record', () => {
		const first: string[][] = [];
		forEachCsvRecord('phone_number,first_name\n+1,Ann\n', (fields) => {
			if (first.length === 0) first.push(fields);
		});
		expect(first).toEqual([['phone_number', 'first_name']]);
	});

	test('names the line where an unterminated quoted field starts', () => {
		const error = contactsErrorFrom(() => readAll('a,b\n1,2\n3,"never\nclosed\n4,5\n'));
		expect(error.message).toContain('line 3');
		expect(error.message).toMatch(/never closed/);
		expect(error.hint).toMatch(/closing double quote/);
	});

	test('refuses text after a closing quote and names its line', () => {
		const error = contactsErrorFrom(() => readAll('a,b\n1,2\n"multi\nline"x,3\n'));
		expect(error.message).toContain('quote in the middle of a field');
		expect(error.message).toContain('line 4');
		expect(error.hint).toMatch(/two quotes/);
	});

	test('refuses a space between a closing quote and the comma', () => {
		expect(() => readAll('a,b\n"1" ,2\n')).toThrow(/line 2/);
	});

	test('keeps the records passed before an error reached the callback', () => {
		const seen: string[][] = [];
		expect(() => forEachCsvRecord('a\n1\n"2', (fields) => seen.push(fields))).toThrow(ContactsError);
		expect(seen).toEqual([['a'], ['1']]);
	});

	test('reads a 200,000-row file with quoted commas, quotes and line breaks record by record', () => {
		const random = mulberry32(7);
		const lines = ['phone_number,first_name,last_name,email,note'];
		for (let row = 0; row < 200_000; row++) {
			const note = pick(random, ['plain note', '"with, comma"', '"said ""hi"""', '"two\nlines"']);
			lines.push(`+1415555${String(row).padStart(6, '0')},José,Müller,person${row}@example.com,${note}`);
		}
		const text = lines.join('\r\n');
		let phones = 0;
		const { records } = forEachCsvRecord(text, (fields) => {
			if (fields.length === 5 && fields[0].startsWith('+1415555')) phones++;
		});
		expect(records).toBe(200_001);
		expect(phones).toBe(200_000);
	});
});

describe('isBlankRecord', () => {
	test('is true for a row of empty or whitespace fields, as a spreadsheet writes for an empty row', () => {
		expect(isBlankRecord(['', ' ', '\t'])).toBe(true);
		expect(isBlankRecord([''])).toBe(true);
	});

	test('is false as soon as one field has content', () => {
		expect(isBlankRecord(['', '+1', ''])).toBe(false);
	});
});

describe('detachString', () => {
	test.each(['', 'a', '+14155550123', 'a value long enough to be a slice', 'Zoë 😀 中文', '\uD83D lone surrogate'])(
		'gives a string equal to %j',
		(value) => {
			const text = `prefix ${value} suffix`;
			expect(detachString(text.slice(7, 7 + value.length))).toBe(value);
		},
	);
});
