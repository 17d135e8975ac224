import { ContactChecker } from '../../nodes/TrilletBatchCall/contacts/contactChecker';
import { MAX_REPORTED_PROBLEMS } from '../../nodes/TrilletBatchCall/contacts/types';

describe('ContactChecker', () => {
	it('returns the E.164 number to call and counts the row as accepted', () => {
		const checker = new ContactChecker('skip');
		expect(checker.check({ line: 2 }, '+14155550123')).toBe('+14155550123');
		expect(checker.accepted).toBe(1);
		expect(checker.phoneNumbersNormalised).toBe(0);
		expect(checker.problemCount).toBe(0);
	});

	it('counts the numbers whose formatting it cleaned up', () => {
		const checker = new ContactChecker('skip');
		expect(checker.check({ line: 2 }, '+1 (415) 555-0123')).toBe('+14155550123');
		expect(checker.check({ line: 3 }, '+442079460958')).toBe('+442079460958');
		expect(checker.phoneNumbersNormalised).toBe(1);
		expect(checker.accepted).toBe(2);
	});

	it('leaves out a row with an unusable number and records the row, column, value and reason', () => {
		const checker = new ContactChecker('fail');
		expect(checker.check({ line: 5 }, ' 4155550123 ')).toBeUndefined();
		expect(checker.problems).toEqual([
			{
				row: { line: 5 },
				column: 'phone_number',
				value: '4155550123',
				reason: 'has no country code: write it as +<country code><number>, e.g. +14155550123, or set Options → Default Country',
			},
		]);
		expect(checker.problemCount).toBe(1);
		expect(checker.accepted).toBe(0);
	});

	it('leaves out a later row with the same number, however it is formatted, naming the first line', () => {
		const checker = new ContactChecker('skip');
		checker.check({ line: 3 }, '+14155550123');
		expect(checker.check({ line: 8 }, '+1 415-555-0123')).toBeUndefined();
		expect(checker.check({ line: 9 }, '0014155550123')).toBeUndefined();
		expect(checker.problems.map((problem) => [problem.row, problem.reason])).toEqual([
			[{ line: 8 }, 'is a duplicate of line 3 (+14155550123): each number is called only once'],
			[{ line: 9 }, 'is a duplicate of line 3 (+14155550123): each number is called only once'],
		]);
		expect(checker.accepted).toBe(1);
	});

	it('names the earlier item for duplicates among workflow items', () => {
		const checker = new ContactChecker('skip');
		checker.check({ item: 0 }, '+14155550123');
		checker.check({ item: 1 }, '+14155550123');
		expect(checker.problems[0].reason).toContain('duplicate of item 0');
	});

	it('does not treat a refused number as taken', () => {
		const checker = new ContactChecker('skip');
		checker.check({ line: 2 }, '+1 415 555 0123 x12');
		expect(checker.check({ line: 3 }, '+14155550123')).toBe('+14155550123');
	});

	it('counts every problem but keeps only the first ones in detail', () => {
		const checker = new ContactChecker('skip');
		const rows = MAX_REPORTED_PROBLEMS + 50;
		for (let line = 2; line < rows + 2; line++) checker.check({ line }, 'not a number');
		expect(checker.problemCount).toBe(rows);
		expect(checker.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
		expect(checker.problems[0].row).toEqual({ line: 2 });
		expect(checker.problems[MAX_REPORTED_PROBLEMS - 1].row).toEqual({ line: MAX_REPORTED_PROBLEMS + 1 });
	});

	it('shows a long value on one line, cut to 40 characters', () => {
		const checker = new ContactChecker('skip');
		const pasted = `call me\non ${'9'.repeat(60)}`;
		checker.check({ line: 2 }, pasted);
		const shown = checker.problems[0].value;
		expect(shown).toHaveLength(40);
		expect(shown).toBe(`call me on ${'9'.repeat(28)}…`);
	});

	it('never cuts an emoji in half when shortening a value', () => {
		const checker = new ContactChecker('skip');
		checker.check({ line: 2 }, '📞'.repeat(45));
		expect(checker.problems[0].value).toBe(`${'📞'.repeat(39)}…`);
	});

	it('records a problem found outside the phone number as a left-out row', () => {
		const checker = new ContactChecker('skip');
		checker.reject({ line: 4 }, '', 'a,b,c', 'has 3 fields, the header has 2');
		expect(checker.problemCount).toBe(1);
		expect(checker.problems[0]).toEqual({ row: { line: 4 }, column: '', value: 'a,b,c', reason: 'has 3 fields, the header has 2' });
	});
});
