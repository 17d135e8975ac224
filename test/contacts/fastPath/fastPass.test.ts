import { byteReaderWork } from '../../../nodes/TrilletBatchCall/contacts/fastPath/byteRecords';
import { prepareCsvFile } from '../../../nodes/TrilletBatchCall/contacts/csvUpload';
import { ContactsError } from '../../../nodes/TrilletBatchCall/contacts/errors';
import { DoNotCallList, findCountry, type NumberRules } from '../../../nodes/TrilletBatchCall/contacts/phone';
import type { InvalidRowPolicy } from '../../../nodes/TrilletBatchCall/contacts/types';
import { mulberry32, pick, randomTable, toUntidyCsv, type Random } from '../csvFixtures';
import { contactsErrorFrom, preparedOn, utf8, type CheckPath } from '../uploadTestKit';

// The fast path (fastPath/) reads common files on their bytes; the general reader
// (csvPasses.ts) reads every file. Whichever reads a file, the bytes sent, the report and the
// errors must be the same.

/** What is sent for a file and what is reported when `path` checks it; `gaveUp` when the fast path does not read it. */
async function outcome(bytes: Uint8Array, invalidRows: InvalidRowPolicy, path: CheckPath, numbers?: NumberRules) {
	try {
		const prepared = preparedOn(path, bytes, { invalidRows, numbers });
		if (prepared === undefined) return { gaveUp: true };
		const { file, sha256, report } = prepared;
		return { csv: Buffer.from(await file.arrayBuffer()).toString('latin1'), sha256, report };
	} catch (error) {
		if (!(error instanceof ContactsError)) throw error;
		return { error: { message: error.message, hint: error.hint, problems: error.problems, problemCount: error.problemCount } };
	}
}

const PHONES = ['+14155550123', '+1 415 555 0124', '+44 20 7946 0958', '12345', "'+14155550125", '+1 (415) 555-0126', ' +14155550127'];

function randomPhone(random: Random, row: number): string {
	if (random() < 0.1) return pick(random, PHONES);
	const digits = String(4155550000 + row);
	return random() < 0.7 ? `+1${digits}` : `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** Quoting as spreadsheets write it: where needed, sometimes more, and spaces around a value quoted or not. */
function field(random: Random, value: string): string {
	const needed = /[",\r\n]/.test(value) || (/^[ \t]|[ \t]$/.test(value) && random() < 0.5);
	return needed || random() < 0.05 ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A file mostly of the common shape: one kind of line break, rows as wide as the header; now and then not. */
function commonShapeCsv(random: Random): Uint8Array {
	const width = 1 + Math.floor(random() * 3);
	const header = ['phone_number', ...Array.from({ length: width }, (_, index) => (random() < 0.05 ? ` c${index}` : `c${index}`))];
	const lineBreak = random() < 0.5 ? '\r\n' : '\n';
	const rows = randomTable(random, 1 + Math.floor(random() * 30), width).map((cells, index) => {
		const row = [randomPhone(random, index), ...cells.map((cell) => cell.replace(/\r\n|\r|\n/g, lineBreak))];
		return row.map((value) => field(random, value)).join(',');
	});
	if (random() < 0.05) rows.splice(Math.floor(random() * rows.length), 0, '');
	const text = [header.map((value) => field(random, value)).join(','), ...rows].join(lineBreak) + (random() < 0.8 ? lineBreak : '');
	return utf8(random() < 0.1 ? `\uFEFF${text}` : text);
}

describe('the fast path and the general reader send the same', () => {
	test('for random files of the common shape and a few that are not (seeded)', async () => {
		const random = mulberry32(424242);
		const recordsBefore = byteReaderWork.records;
		let read = 0;
		for (let file = 0; file < 300; file++) {
			const bytes = commonShapeCsv(random);
			const policy = random() < 0.5 ? 'skip' : 'fail';
			const fast = await outcome(bytes, policy, 'fast');
			if ('gaveUp' in fast) continue;
			read++;
			expect({ file, ...fast }).toEqual({ file, ...(await outcome(bytes, policy, 'general')) });
		}
		// Most files of the common shape are read on the fast path, to their end.
		expect(read).toBeGreaterThan(200);
		expect(byteReaderWork.records - recordsBefore).toBeGreaterThan(2000);
	});

	test('for random untidy files (seeded)', async () => {
		const random = mulberry32(7);
		let read = 0;
		for (let file = 0; file < 150; file++) {
			const rows = [['phone_number', 'a', 'b'], ...randomTable(random, 1 + Math.floor(random() * 10), 2).map((cells, index) => [randomPhone(random, index), ...cells])];
			const bytes = utf8(toUntidyCsv(random, rows).text);
			const fast = await outcome(bytes, 'skip', 'fast');
			if ('gaveUp' in fast) continue;
			read++;
			expect({ file, ...fast }).toEqual({ file, ...(await outcome(bytes, 'skip', 'general')) });
		}
		// Untidy files are seldom of the common shape: the fast path gives up on most of them.
		expect(read).toBeGreaterThan(5);
	});

	test('with a default country and a do-not-call list, for numbers written nationally or not (seeded)', async () => {
		const random = mulberry32(5150);
		let excluded = 0;
		let completed = 0;
		const national = (row: number) => pick(random, [`(415) 555-${1000 + row}`, `415.555.${1000 + row}`, `020 7946 ${1000 + row}`, `07400 ${100000 + row}`]);
		let read = 0;
		for (let file = 0; file < 200; file++) {
			const country = random() < 0.5 ? 'US' : 'GB';
			const doNotCall = new DoNotCallList(
				(country === 'US' ? ['(415) 555-1003', '+14155551004', '+44 20 7946 1005'] : ['020 7946 1005', '07400 100006', '+14155551004'])
					.filter(() => random() < 0.6)
					.map((value, index) => ({ value, where: `entry ${index + 1}` })),
				{ defaultCountry: findCountry(country) },
			);
			const numbers: NumberRules = { defaultCountry: findCountry(country), doNotCall: random() < 0.7 ? doNotCall : undefined };
			const rows = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, row) => {
				const phone = random() < 0.5 ? national(Math.floor(random() * 8)) : randomPhone(random, Math.floor(random() * 8));
				return [phone, `Name ${row}`].map((value) => field(random, value)).join(',');
			});
			const bytes = utf8(`phone_number,name\n${rows.join('\n')}\n`);
			const policy = random() < 0.5 ? 'skip' : 'fail';
			const fast = await outcome(bytes, policy, 'fast', numbers);
			if ('gaveUp' in fast) continue;
			read++;
			expect({ file, ...fast }).toEqual({ file, ...(await outcome(bytes, policy, 'general', numbers)) });
			const report = 'report' in fast ? fast.report : undefined;
			excluded += report?.numbers?.excludedCount ?? 0;
			completed += report?.numbers?.completedCount ?? 0;
		}
		expect(read).toBeGreaterThan(150);
		// Both rules were at work in the files compared.
		expect(excluded).toBeGreaterThan(5);
		expect(completed).toBeGreaterThan(100);
	});

	test('for rows longer than the 64 KB the copy is buffered in, with their number rewritten or not', async () => {
		const note = 'x'.repeat(70_000);
		const bytes = utf8(`phone_number,note\n+1 415 555 0100,${note}\n+14155550101,${note}\n+1 415-555-0102,short\n`);
		const fast = await outcome(bytes, 'fail', 'fast');
		expect(fast).not.toHaveProperty('gaveUp');
		expect(fast).toHaveProperty('report.phoneNumbersNormalised', 2);
		expect(fast).toEqual(await outcome(bytes, 'fail', 'general'));
	});

	test('for the row where the copy starts, with a value that has spaces around it or is quoted', async () => {
		for (const row of ['+1 415 555 0123, spaced ,x', '+1 415 555 0123,x,"quoted"', '+1 415 555 0123,\tx,y', '+1 415 555 0123,"a, b", c']) {
			const bytes = utf8(`phone_number,a,b\n+14155550100,plain,x\n${row}\n+14155550199, later ,y\n`);
			const fast = await outcome(bytes, 'fail', 'fast');
			expect(fast).not.toHaveProperty('gaveUp');
			expect({ row, ...fast }).toEqual({ row, ...(await outcome(bytes, 'fail', 'general')) });
		}
	});
});

describe('the fast path refuses what the general reader refuses, first', () => {
	const controlError = /control character \(U\+0001\)/;

	test('a control character before the LF of a quoted value in a CRLF file (not taken for a CR)', () => {
		const bytes = utf8('phone_number,note\r\n+14155550123,"a\u0001\nb"\r\n+14155550124,x\r\n');
		for (const path of ['fast', 'general'] as const) expect(() => preparedOn(path, bytes, { invalidRows: 'fail' })).toThrow(controlError);
	});

	test('a control character far in, before a problem the header has', () => {
		const rows = Array.from({ length: 50 }, (_, index) => `x${index},y`).join('\n');
		const bytes = utf8(`name,note\n${rows}\nz\u0001,y\n`);
		for (const path of ['fast', 'general'] as const) expect(() => preparedOn(path, bytes, { invalidRows: 'fail' })).toThrow(controlError);
	});

	test('bytes that are not UTF-8, on a file of the common shape', () => {
		const bytes = Buffer.concat([utf8('phone_number,name\n+14155550123,Zo'), Buffer.from([0xeb]), utf8('\n')]);
		const general = errorOn('general', bytes);
		expect(general).toBeInstanceOf(ContactsError);
		expect(errorOn('fast', bytes)?.message).toBe(general?.message);
	});

	function errorOn(path: CheckPath, bytes: Uint8Array): Error | undefined {
		try {
			preparedOn(path, bytes, { invalidRows: 'fail', encoding: 'utf-8' });
			return undefined;
		} catch (error) {
			return error as Error;
		}
	}
});

describe('the fast path costs work linear in the file', () => {
	function cleanFile(rows: number): Uint8Array {
		const lines = Array.from({ length: rows }, (_, index) => `+1${2_012_000_000 + index},"Zoë, ""Z""",plain ${index}`);
		return utf8(`phone_number,name,note\n${lines.join('\n')}\n`);
	}

	test.each([1_000, 10_000, 100_000])('reads a clean file of %i rows passing over each byte once and each record once', (rows) => {
		const bytes = cleanFile(rows);
		const before = { ...byteReaderWork };
		prepareCsvFile(bytes, { invalidRows: 'fail' });
		expect(byteReaderWork.records - before.records).toBe(rows + 1);
		expect(byteReaderWork.bytesSearched - before.bytesSearched).toBeLessThanOrEqual(bytes.length);
	});

	test('rewrites a formatted file in one pass over its bytes (the header read twice)', () => {
		const lines = Array.from({ length: 10_000 }, (_, index) => `+1 ${2_012_000_000 + index},x`);
		const bytes = utf8(`phone_number,note\n${lines.join('\n')}\n`);
		const before = { ...byteReaderWork };
		prepareCsvFile(bytes, { invalidRows: 'fail' });
		expect(byteReaderWork.records - before.records).toBe(10_001 + 1);
		expect(byteReaderWork.bytesSearched - before.bytesSearched).toBeLessThanOrEqual(bytes.length + 'phone_number,note'.length);
	});

	test('rewrites a file whose first change is half-way in reading the rows before it twice, no more', () => {
		const lines = Array.from({ length: 10_000 }, (_, index) => (index < 5_000 ? `+1${2_012_000_000 + index},x` : `+1 ${2_012_000_000 + index},x`));
		const bytes = utf8(`phone_number,note\n${lines.join('\n')}\n`);
		const before = { ...byteReaderWork };
		const { report } = prepareCsvFile(bytes, { invalidRows: 'fail' });
		expect(report.phoneNumbersNormalised).toBe(5_000);
		expect(byteReaderWork.records - before.records).toBe(10_001 + 5_001);
		expect(byteReaderWork.bytesSearched - before.bytesSearched).toBeLessThanOrEqual(1.5 * bytes.length);
	});

	test('reads a file where a number repeats a second time, knowing which, and names the rows as the general reader does', () => {
		const lines = Array.from({ length: 10_000 }, (_, index) => `+1${2_012_000_000 + (index === 9_999 ? 0 : index)},x`);
		const bytes = utf8(`phone_number,note\n${lines.join('\n')}\n`);
		const before = { ...byteReaderWork };
		const error = contactsErrorFrom(() => prepareCsvFile(bytes, { invalidRows: 'fail' }));
		expect(byteReaderWork.records - before.records).toBe(2 * 10_001);
		expect(byteReaderWork.bytesSearched - before.bytesSearched).toBeLessThanOrEqual(2 * bytes.length);
		expect(error.problems).toEqual([
			{ row: { line: 10_001 }, column: 'phone_number', value: '+12012000000', reason: 'is a duplicate of line 2 (+12012000000): each number is called only once' },
		]);
	});
});
