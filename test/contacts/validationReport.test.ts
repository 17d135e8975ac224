import { describeRow, describeRowProblems } from '../../nodes/TrilletBatchCall/contacts/validationReport';
import type { RowProblem } from '../../nodes/TrilletBatchCall/contacts/types';

function phoneProblem(line: number, value: string, reason = 'has no country code'): RowProblem {
	return { row: { line }, column: 'phone_number', value, reason };
}

describe('describeRow', () => {
	it('names a CSV row by the line it is on in the file', () => {
		expect(describeRow({ line: 4 })).toBe('line 4');
	});

	it('names an n8n item by its index, as $itemIndex shows it', () => {
		expect(describeRow({ item: 0 })).toBe('item 0');
	});
});

describe('describeRowProblems', () => {
	it('says how many rows cannot be called out of how many, then each row, column, value and reason', () => {
		const message = describeRowProblems([phoneProblem(4, '12345'), phoneProblem(9, '555')], 2, 250);
		expect(message).toBe(
			'2 of 250 rows cannot be called: line 4: phone_number "12345" has no country code; line 9: phone_number "555" has no country code.',
		);
	});

	it('lists only the first problems and counts the rest', () => {
		const problems = [2, 3, 4, 5, 6, 7, 8].map((line) => phoneProblem(line, `v${line}`));
		const message = describeRowProblems(problems, 1200, 5000, 3);
		expect(message).toBe(
			'1,200 of 5,000 rows cannot be called: line 2: phone_number "v2" has no country code; ' +
				'line 3: phone_number "v3" has no country code; line 4: phone_number "v4" has no country code; and 1,197 more.',
		);
	});

	it('counts problems that were not kept in detail among the ones not listed', () => {
		const message = describeRowProblems([phoneProblem(2, 'x')], 3, 10);
		expect(message).toMatch(/; and 2 more\.$/);
	});

	it('leaves out the value when it is empty, so the reason reads on', () => {
		expect(describeRowProblems([phoneProblem(2, '', 'is empty')], 1, 1)).toBe(
			'1 of 1 row cannot be called: line 2: phone_number is empty.',
		);
	});

	it('describes a problem with the whole row without naming a column', () => {
		const problem: RowProblem = { row: { line: 7 }, column: '', value: 'a,b,c', reason: 'has 3 fields, the header has 2' };
		expect(describeRowProblems([problem], 1, 9)).toBe(
			'1 of 9 rows cannot be called: line 7: has 3 fields, the header has 2.',
		);
	});

	it('names items rather than lines for contacts that came from workflow items', () => {
		const problem: RowProblem = { row: { item: 3 }, column: 'phone_number', value: '0', reason: 'is too short' };
		expect(describeRowProblems([problem], 1, 4)).toContain('item 3: phone_number "0" is too short');
	});
});
