import { prepareCsvFile } from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { MAX_UPLOAD_BYTES } from '../../nodes/TrilletBatchCall/contacts/types';
import { mulberry32, randomTable, toUntidyCsv } from './csvFixtures';
import { contactsErrorFrom, readCsv, sentAsItIs, uploaded, utf8 } from './uploadTestKit';

const skip = { invalidRows: 'skip' } as const;
const fail = { invalidRows: 'fail' } as const;

describe('prepareCsvFile: a clean file', () => {
	const clean = utf8(
		'phone_number,first_name,last_name,email,company\n' +
			'+14155550123,Ada,Lovelace,ada@example.com,"Analytical Engines, Ltd."\n' +
			'+442079460958,Zoë,Ørsted,,"Zürich\nHQ"\n',
	);

	it('sends the uploaded bytes themselves, without a copy', async () => {
		expect(await sentAsItIs(clean, fail)).toBe(true);
	});

	it('reports every row read and sent, and the columns, with nothing to warn about', async () => {
		expect((await uploaded(clean, fail)).report).toEqual({
			rowsRead: 2,
			rowsSent: 2,
			rowsSkipped: 0,
			phoneNumbersNormalised: 0,
			columns: ['phone_number', 'first_name', 'last_name', 'email', 'company'],
			problems: [],
			warnings: [],
		});
	});

	it('sends a file whose quotes are already escaped in quoted fields as it is', async () => {
		const quoted = utf8('phone_number,note\n+14155550123,"He said ""hi"", twice"\n+14155550124,""""\n');
		expect(await sentAsItIs(quoted, fail)).toBe(true);
	});

	it('keeps CRLF line endings and a missing final line break as they are', async () => {
		const crlf = utf8('phone_number,name\r\n+14155550123,Ada\r\n+14155550124,Bob');
		expect(await sentAsItIs(crlf, skip)).toBe(true);
	});

	it('sends a UTF-8 file unchanged when File Encoding names a legacy encoding, and says so', async () => {
		const { csv, report } = await uploaded(clean, { invalidRows: 'fail', encoding: 'windows-1252' });
		expect(Buffer.from(csv).equals(clean)).toBe(true);
		expect(report.warnings).toEqual([
			'The option File Encoding is windows-1252, but the file is valid UTF-8, so it was read as UTF-8.',
		]);
	});
});

describe('prepareCsvFile: files that are cleaned up before upload', () => {
	it('removes a byte order mark and sends the rest of the file as it is', async () => {
		const withBom = utf8('\uFEFFphone_number,name\n+14155550123,Ada\n');
		const { csv, report } = await uploaded(withBom, fail);
		expect(Buffer.from(csv).equals(withBom.subarray(3))).toBe(true);
		expect(readCsv(csv)).toEqual([['phone_number', 'name'], ['+14155550123', 'Ada']]);
		expect(report.warnings).toEqual([expect.stringContaining('byte order mark')]);
	});

	it('writes every phone number in E.164 and counts the ones it cleaned up', async () => {
		const input = utf8(
			'phone_number,name\n' +
				'+1 415 555 0123,spaces\n' +
				'+1-415-555-0124,dashes\n' +
				'+1.415.555.0125,dots\n' +
				'+1 (415) 555-0126,brackets\n' +
				'0044 20 7946 0958,double zero\n' +
				'+44 (0)20 7946 0959,trunk zero\n' +
				'+14155550127,already clean\n',
		);
		const { csv, report } = await uploaded(input, fail);
		expect(readCsv(csv).map((row) => row[0])).toEqual([
			'phone_number',
			'+14155550123',
			'+14155550124',
			'+14155550125',
			'+14155550126',
			'+442079460958',
			'+442079460959',
			'+14155550127',
		]);
		expect(report.phoneNumbersNormalised).toBe(6);
		expect(report.rowsSent).toBe(7);
		expect(Buffer.from(csv).equals(input)).toBe(false);
	});

	it('keeps every other cell exactly: commas, quotes, line breaks, unicode and empty cells', async () => {
		const cells = ['Smith, John', 'He said "hello"', 'line one\nline two', 'Zoë 東京 🎉', '', '  padded  '];
		const input = utf8(
			`phone_number,a,b,c,d,e,f\n+1 415 555 0123,"${cells[0]}","He said ""hello""","${cells[2]}",${cells[3]},,${cells[5]}\n`,
		);
		expect(readCsv((await uploaded(input, fail)).csv)).toEqual([
			['phone_number', 'a', 'b', 'c', 'd', 'e', 'f'],
			['+14155550123', ...cells],
		]);
	});

	it('trims the names in the header', async () => {
		const input = utf8(' phone_number , first_name \n+14155550123,Ada\n');
		const { csv, report } = await uploaded(input, fail);
		expect(readCsv(csv)[0]).toEqual(['phone_number', 'first_name']);
		expect(report.columns).toEqual(['phone_number', 'first_name']);
	});

	it('leaves out empty lines and rows of empty cells without counting them as rows', async () => {
		const input = utf8('phone_number,name\n\n+14155550123,Ada\n,\n  ,  \n+14155550124,Bob\n\n');
		const { csv, report } = await uploaded(input, fail);
		expect(readCsv(csv)).toEqual([['phone_number', 'name'], ['+14155550123', 'Ada'], ['+14155550124', 'Bob']]);
		expect(report.rowsRead).toBe(2);
		expect(report.warnings).toEqual(['4 empty lines were left out.']);
	});

	it('sends the missing cells of a short row empty and says which row was short', async () => {
		const input = utf8('phone_number,first_name,company\n+14155550123,Ada,ACME\n+14155550124\n+14155550125,Cy\n');
		const { csv, report } = await uploaded(input, fail);
		expect(readCsv(csv)).toEqual([
			['phone_number', 'first_name', 'company'],
			['+14155550123', 'Ada', 'ACME'],
			['+14155550124', '', ''],
			['+14155550125', 'Cy', ''],
		]);
		expect(report.warnings).toEqual([
			'2 rows have fewer fields than the header (the first on line 3): the missing cells at the end were sent empty.',
		]);
	});

	it('rewrites a file whose lines end in a lone CR with CRLF', async () => {
		const input = utf8('phone_number,name\r+14155550123,Ada\r+14155550124,Bob\r');
		const { csv } = await uploaded(input, fail);
		expect(new TextDecoder().decode(csv)).toBe('phone_number,name\r\n+14155550123,Ada\r\n+14155550124,Bob\r\n');
	});

	it('refuses CRLF and LF mixed outside quotes, which csv-parse and line splitters read differently', () => {
		const input = utf8('phone_number,name\r\n+14155550123,Ada\n+14155550124,Bob\r\n');
		const error = contactsErrorFrom(() => prepareCsvFile(input, fail));
		expect(error.message).toBe(
			'The CSV ends its lines with CRLF (Windows line breaks), but line 2 ends with a bare LF (a Unix line break) outside quotes: ' +
				'some programs read that as the start of a new row, others as part of the value, so the file is ambiguous.',
		);
		expect(error.hint).toMatch(/put the whole value in double quotes; otherwise remove the line break on line 2/);
	});

	it('keeps line breaks of any kind inside quoted values', async () => {
		const input = utf8('phone_number,note\r\n+14155550123,"one\ntwo\rthree"\r\n');
		const { csv } = await uploaded(input, fail);
		expect(readCsv(csv)).toEqual([
			['phone_number', 'note'],
			['+14155550123', 'one\ntwo\rthree'],
		]);
	});

	it('quotes a value whose quotes were written without quoting the field, as strict parsers require', async () => {
		const input = utf8('phone_number,note\n+14155550123,He said "hi"\n');
		const { csv } = await uploaded(input, fail);
		expect(new TextDecoder().decode(csv)).toBe('phone_number,note\r\n+14155550123,"He said ""hi"""\r\n');
	});

	it('converts a file in a declared legacy encoding to UTF-8', async () => {
		// "Zoë" in Windows-1252: ë is the single byte 0xEB.
		const input = new Uint8Array([...utf8('phone_number,name\n+14155550123,Zo'), 0xeb, 0x0a]);
		const { csv, report } = await uploaded(input, { invalidRows: 'fail', encoding: 'windows-1252' });
		expect(readCsv(csv)).toEqual([['phone_number', 'name'], ['+14155550123', 'Zoë']]);
		expect(report.warnings).toEqual(['The file was read as windows-1252 and converted to UTF-8.']);
	});
});

describe('prepareCsvFile: long files that look clean at first', () => {
	// The first pass stops copying a file whose first 1,000 rows are clean; these files go past that.
	const phones = Array.from({ length: 3000 }, (_, index) => `+1415555${String(index).padStart(4, '0')}`);
	const lines = phones.map((phone, index) => `${phone},Name ${index},"a, ""b"""`);
	const expectedRows = [['phone_number', 'name', 'note'], ...phones.map((phone, index) => [phone, `Name ${index}`, 'a, "b"'])];
	const csvOf = (rows: string[]) => utf8(`phone_number,name,note\n${rows.join('\n')}\n`);
	const formatted = (line: string) => line.replace(/^\+1415555(\d{4})/, '+1 415 555 $1');

	it('sends a long clean file as it is', async () => {
		const input = csvOf(lines);
		expect(await sentAsItIs(input, fail)).toBe(true);
	});

	it('cleans up every row when the first row to clean up comes late', async () => {
		const late = lines.map((line, index) => (index === 2500 ? formatted(line) : line));
		const { csv, report } = await uploaded(csvOf(late), fail);
		expect(readCsv(csv)).toEqual(expectedRows);
		expect(new TextDecoder().decode(csv).split('\r\n')).toHaveLength(expectedRows.length + 1);
		expect(report.phoneNumbersNormalised).toBe(1);
	});

	it('writes the same bytes whether the first row to clean up comes early or late', async () => {
		const early = lines.map((line, index) => (index === 0 ? formatted(line) : line));
		const late = lines.map((line, index) => (index === 2999 ? formatted(line) : line));
		const written = async (rows: string[]) => Array.from((await uploaded(csvOf(rows), fail)).csv);
		expect(await written(late)).toEqual(await written(early));
	});

	it('leaves out an empty line that comes late', async () => {
		const input = utf8(`phone_number,name,note\n${lines.slice(0, 2000).join('\n')}\n\n${lines.slice(2000).join('\n')}\n`);
		const { csv, report } = await uploaded(input, fail);
		expect(readCsv(csv)).toEqual(expectedRows);
		expect(report.warnings).toEqual(['1 empty line was left out.']);
	});
});

describe('prepareCsvFile: untidy files from assorted tools', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8])(
		'sends every cell of random untidy file %i as written, with the phone numbers in E.164',
		async (seed) => {
			const random = mulberry32(seed);
			const cells = randomTable(random, 40, 3);
			const header = ['phone_number', 'a', 'b', 'c'];
			const written = cells.map((row, index) => [`+1 415 555 ${1000 + index}`, ...row]);
			const { text } = toUntidyCsv(random, [header, ...written], { oneLineBreak: true });
			const { csv, report } = await uploaded(utf8(text), fail);
			const expected = cells.map((row, index) => [`+1415555${1000 + index}`, ...row]);
			expect(readCsv(csv)).toEqual([header, ...expected]);
			expect(report.rowsSent).toBe(40);
		},
	);
});

describe('prepareCsvFile: rows that cannot be called', () => {
	const withDuplicate = utf8('phone_number,name\n+14155550123,Ada\n+14155550124,Bob\n+1 415 555 0123,Ada again\n');

	it('under Fail, refuses the whole file and names the duplicate and the line it repeats', async () => {
		const error = contactsErrorFrom(() => prepareCsvFile(withDuplicate, fail));
		expect(error.message).toBe(
			'1 of 3 rows cannot be called: line 4: phone_number "+1 415 555 0123" is a duplicate of line 2 (+14155550123): each number is called only once.',
		);
		expect(error.hint).toContain('set Options → Invalid Rows to Skip to send only the valid rows');
		expect(error.problems).toEqual([
			expect.objectContaining({ row: { line: 4 }, column: 'phone_number', value: '+1 415 555 0123' }),
		]);
		expect(error.problemCount).toBe(1);
	});

	it('under Skip, calls the number once and reports the duplicate row', async () => {
		const { csv, report } = await uploaded(withDuplicate, skip);
		expect(readCsv(csv)).toEqual([['phone_number', 'name'], ['+14155550123', 'Ada'], ['+14155550124', 'Bob']]);
		expect(report).toMatchObject({ rowsRead: 3, rowsSent: 2, rowsSkipped: 1 });
		expect(report.problems[0].reason).toContain('duplicate of line 2');
	});

	it('names the line a record starts on, counting the line breaks inside quoted cells', async () => {
		const input = utf8('phone_number,note\n+14155550123,"two\nlines"\n\n12345,bad\n');
		const error = contactsErrorFrom(() => prepareCsvFile(input, fail));
		expect(error.message).toMatch(/^1 of 2 rows cannot be called: line 5: phone_number "12345" has no country code/);
	});

	it('refuses a row with more fields than the header, which is usually an unquoted comma', async () => {
		const input = utf8('phone_number,name,city\n+14155550123,Smith, John,Paris\n+14155550124,Bob,Rome\n');
		const error = contactsErrorFrom(() => prepareCsvFile(input, fail));
		expect(error.message).toBe(
			'1 of 2 rows cannot be called: line 2: has 4 fields, the header has 3: quote fields that contain commas.',
		);
		expect(error.problems[0].value).toBe('+14155550123,Smith, John,Paris');
	});

	it('under Skip, leaves out a row with too many fields and sends the others', async () => {
		const input = utf8('phone_number,name\n+14155550123,Smith, John\n+14155550124,Bob\n');
		const { csv, report } = await uploaded(input, skip);
		expect(readCsv(csv)).toEqual([['phone_number', 'name'], ['+14155550124', 'Bob']]);
		expect(report.rowsSkipped).toBe(1);
	});

	it('lists the first five problems in the message and counts the rest', async () => {
		const rows = Array.from({ length: 8 }, (_, index) => `55501${index}`).join('\n');
		const error = contactsErrorFrom(() => prepareCsvFile(utf8(`phone_number\n+14155550123\n${rows}\n`), fail));
		expect(error.message).toMatch(/^8 of 9 rows cannot be called: line 3: .*; line 7: [^;]*; and 3 more\.$/);
		expect(error.problemCount).toBe(8);
	});

	it('refuses a file whose rows are all unusable even under Skip, since no one would be called', async () => {
		const input = utf8('phone_number\n4155550123\n\n+1 415\n');
		const error = contactsErrorFrom(() => prepareCsvFile(input, skip));
		expect(error.message).toMatch(/^No rows to call: 2 of 2 rows cannot be called: line 2: .*; line 4: phone_number "\+1 415" is too short/);
		expect(error.problemCount).toBe(2);
	});
});

describe('prepareCsvFile: files that cannot be sent at all', () => {
	it('refuses a file with only a header line', async () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('phone_number,first_name\n\n'), skip));
		expect(error.message).toBe('The CSV has no rows to call: it has a header line but no contacts below it.');
	});

	it('refuses a file without a phone_number column, naming the column that looks like it', async () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('Phone Number,name\n+14155550123,Ada\n'), skip));
		expect(error.message).toContain('"Phone Number"');
	});

	it('refuses a file far over 20 MB before reading it, saying how big it is and how big it may be', async () => {
		// Zeros: were it read, it would be refused as binary data instead.
		const tooBig = new Uint8Array(Math.round(41.3 * 1024 * 1024));
		const error = contactsErrorFrom(() => prepareCsvFile(tooBig, skip));
		expect(error.message).toMatch(/^The CSV is 41\.3 MB \([\d,]+ bytes\); Trillet accepts files under 20 MB \(20,971,520 bytes\)\.$/);
		expect(error.hint).toMatch(/split/i);
	});

	it('refuses a file of contacts over 20 MB that would be sent as it is, saying how big it is', async () => {
		const start = 'phone_number,note\n+14155550123,';
		const tooBig = utf8(start + 'a'.repeat(Math.round(21.3 * 1024 * 1024) - start.length));
		const error = contactsErrorFrom(() => prepareCsvFile(tooBig, skip));
		expect(error.message).toMatch(/^The CSV is 21\.3 MB \([\d,]+ bytes\); Trillet accepts files under 20 MB \(20,971,520 bytes\)\.$/);
	});

	it('accepts a file over 20 MB that is under it once its blank rows are left out', async () => {
		const rows = Array.from({ length: 400_000 }, (_, index) => `+1${2_012_000_000 + index},Name ${index}`);
		const text = `phone_number,name\n${rows.join('\n')}\n${'\n'.repeat(Math.round(20.1 * 1024 * 1024))}`;
		const bytes = utf8(text.slice(0, Math.round(20.1 * 1024 * 1024)));
		expect(bytes.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
		const { csv, report } = await uploaded(bytes, skip);
		expect(csv.length).toBeLessThan(MAX_UPLOAD_BYTES);
		expect(report.rowsSent).toBe(400_000);
	});

	it('accepts a UTF-16 file of 24 MB that is 12 MB as UTF-8', async () => {
		const rows = Array.from({ length: 500_000 }, (_, index) => `+1${2_012_000_000 + index},N${index}`);
		const text = `phone_number,name\r\n${rows.join('\r\n')}\r\n`;
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		expect(utf16.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
		const { csv, report } = await uploaded(utf16, skip);
		expect(csv.length).toBeLessThan(MAX_UPLOAD_BYTES);
		expect(report.rowsSent).toBe(500_000);
	});

	it('accepts a file one byte under 20 MB and refuses one of exactly 20 MB, as Trillet’s multipart parser does', async () => {
		const start = 'phone_number,note\n+14155550123,';
		const largest = utf8(start + 'a'.repeat(MAX_UPLOAD_BYTES - 1 - start.length));
		expect((await uploaded(largest, fail)).csv.length).toBe(MAX_UPLOAD_BYTES - 1);
		const exact = utf8(start + 'a'.repeat(MAX_UPLOAD_BYTES - start.length));
		expect(contactsErrorFrom(() => prepareCsvFile(exact, fail)).message).toMatch(/is 20\.0 MB \(20,971,520 bytes\)/);
	});

	it('refuses a file that would grow over 20 MB when cleaned up', async () => {
		// Quote characters inside an unquoted cell are written escaped, so the cell grows by 1,002 bytes.
		const start = `phone_number,note,filler\n+1 415 555 0123,x${'"'.repeat(1000)},`;
		const growing = utf8(start + 'a'.repeat(MAX_UPLOAD_BYTES - 1 - start.length));
		const error = contactsErrorFrom(() => prepareCsvFile(growing, fail));
		expect(error.message).toMatch(/^Cleaned up, the CSV is 20\.0 MB \(20,97[1-3],\d{3} bytes\); Trillet accepts files under 20 MB/);
	});
});

describe('prepareCsvFile and common export shapes', () => {
	it('drops the empty fields a comma at the end of each row adds, and says so', async () => {
		const { csv, report } = await uploaded(utf8('phone_number,first_name\n+14155550101,Ann,\n+14155550102,Bob,,\n'), {
			invalidRows: 'fail',
		});
		expect(readCsv(csv)).toEqual([
			['phone_number', 'first_name'],
			['+14155550101', 'Ann'],
			['+14155550102', 'Bob'],
		]);
		expect(report.warnings).toContain('2 rows end with empty fields past the last column: they were left out.');
	});

	it('still refuses a row whose extra field holds data', async () => {
		const error = contactsErrorFrom(() => prepareCsvFile(utf8('phone_number,first_name\n+14155550101,Smith, John\n'), { invalidRows: 'fail' }));
		expect(error.message).toMatch(/line 2.*3 fields, the header has 2/);
	});

	it.each([
		[';', 'phone_number;first_name\n+14155550101;"Smith, Ann"\n', "The file separates its fields with ';'; it was sent to Trillet with commas."],
		['tab', 'phone_number\tfirst_name\n+14155550101\t"Smith, Ann"\n', 'The file separates its fields with tabs; it was sent to Trillet with commas.'],
	])('reads a file separated by %s and sends it with commas, saying so', async (_, text, warning) => {
		const { csv, report } = await uploaded(utf8(text), { invalidRows: 'fail' });
		expect(new TextDecoder().decode(csv)).toBe('phone_number,first_name\r\n+14155550101,"Smith, Ann"\r\n');
		expect(report.warnings).toEqual([warning]);
	});
});
