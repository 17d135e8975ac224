import { ContactChecker } from '../../../nodes/TrilletBatchCall/contacts/contactChecker';
import { concludeValidation } from '../../../nodes/TrilletBatchCall/contacts/validationReport';
import {
	DoNotCallList,
	findCountry,
	readDoNotCallCsv,
	splitNumberList,
} from '../../../nodes/TrilletBatchCall/contacts/phone';

const US = { defaultCountry: findCountry('US') };
const listed = (...values: string[]) => values.map((value, index) => ({ value, where: `entry ${index + 1} of Exclude Numbers` }));

describe('splitNumberList', () => {
	test('splits on commas, semicolons and line breaks and drops empty entries', () => {
		expect(splitNumberList(' +14155550101,(415) 555-0102;\r\n\n 415 555 0103 ,, ')).toEqual([
			'+14155550101',
			'(415) 555-0102',
			'415 555 0103',
		]);
	});
});

describe('DoNotCallList', () => {
	test('holds its numbers in E.164, read with the default country', () => {
		const list = new DoNotCallList(listed('(415) 555-0102', '+1 415-555-0103', ''), US);
		expect(list.size).toBe(2);
		expect(list.has('+14155550102')).toBe(true);
		expect(list.has('+14155550103')).toBe(true);
		expect(list.has('+14155550101')).toBe(false);
	});

	test('refuses a number it cannot read, naming where it is written', () => {
		expect(() => new DoNotCallList(listed('+14155550102', '415 555 0103'), {})).toThrow(
			'The do-not-call list\'s entry 2 of Exclude Numbers, "415 555 0103", has no country code',
		);
	});
});

describe('readDoNotCallCsv', () => {
	test('reads the phone_number column of a suppression export with its lines, blank rows left out', () => {
		const csv = new TextEncoder().encode('\uFEFFname,phone_number\r\nBob,(415) 555-0102\r\n,\r\nCy,"+1 415 555 0103"\r\n');
		expect(readDoNotCallCsv(csv, 'dnc.csv')).toEqual([
			{ value: '(415) 555-0102', where: 'line 2 of the file "dnc.csv"' },
			{ value: '+1 415 555 0103', where: 'line 4 of the file "dnc.csv"' },
		]);
	});

	test.each([
		['semicolons', 'name;phone_number\nBob;(415) 555-0102\nCy;"+1 415 555 0103"\n', 2],
		['tabs', 'name\tphone_number\nBob\t(415) 555-0102\nCy\t"+1 415 555 0103"\n', 2],
		['semicolons after a sep=; line', 'sep=;\nname;phone_number\nBob;(415) 555-0102\nCy;"+1 415 555 0103"\n', 3],
	])('reads an export separated by %s, as a contact list is read', (_, text, firstLine) => {
		expect(readDoNotCallCsv(new TextEncoder().encode(text), 'dnc.csv')).toEqual([
			{ value: '(415) 555-0102', where: `line ${firstLine} of the file "dnc.csv"` },
			{ value: '+1 415 555 0103', where: `line ${firstLine + 1} of the file "dnc.csv"` },
		]);
	});

	test('refuses a file without a phone_number column, as a contact list is refused', () => {
		expect(() => readDoNotCallCsv(new TextEncoder().encode('Phone Number\n+14155550102\n'), 'dnc.csv')).toThrow(/phone_number/);
	});
});

describe('ContactChecker with a do-not-call list and a default country', () => {
	test('leaves listed numbers out without a problem, even under fail, and counts what it completed', () => {
		const checker = new ContactChecker('fail', { ...US, doNotCall: new DoNotCallList(listed('4155550102'), US) });
		expect(checker.check({ line: 2 }, '(415) 555-0101')).toBe('+14155550101');
		expect(checker.check({ line: 3 }, '+1 415 555 0102')).toBeUndefined();
		expect(checker.check({ line: 4 }, '+14155550103')).toBe('+14155550103');

		const report = concludeValidation(checker, 3, ['phone_number'], []);
		expect(report).toMatchObject({ rowsSent: 2, rowsSkipped: 0 });
		expect(report.numbers).toEqual({
			excludedCount: 1,
			excluded: [{ row: { line: 3 }, phone: '+14155550102' }],
			completedCount: 1,
			completed: [{ row: { line: 2 }, value: '(415) 555-0101', phone: '+14155550101' }],
		});
	});

	test('counts every excluded row but lists only the first 100', () => {
		const numbers = Array.from({ length: 150 }, (_, index) => `+1415555${String(1000 + index)}`);
		const checker = new ContactChecker('skip', { doNotCall: new DoNotCallList(listed(...numbers), {}) });
		numbers.forEach((phone, item) => checker.check({ item }, phone));
		checker.check({ item: 150 }, '+14155550100');
		const report = concludeValidation(checker, 151, ['phone_number'], []);
		expect(report.numbers?.excludedCount).toBe(150);
		expect(report.numbers?.excluded).toHaveLength(100);
	});
});
