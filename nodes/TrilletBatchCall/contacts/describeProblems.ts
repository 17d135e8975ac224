import type { RowProblem, RowRef } from './types';

// Wording for rows that cannot be called, shown to people who build workflows without code:
// each problem names the row, the column and the value, so it can be found and fixed.

/** Names a row the way the user finds it: `line 4` in the CSV file, `item 2` in n8n. */
export function describeRow(row: RowRef): string {
	return 'line' in row ? `line ${row.line}` : `item ${row.item}`;
}

/** One problem as a phrase: `line 4: phone_number "12345" has no country code …`. */
export function describeRowProblem(problem: RowProblem): string {
	const where = describeRow(problem.row);
	if (problem.column === '') return `${where}: ${problem.reason}`;
	const value = problem.value === '' ? '' : ` "${problem.value}"`;
	return `${where}: ${problem.column}${value} ${problem.reason}`;
}

/** All problems as one message, e.g. `3 of 250 rows cannot be called: line 4: …; line 9: …; and 1 more.` */
export function describeRowProblems(
	problems: RowProblem[],
	problemCount: number,
	rowsRead: number,
	maxListed = 5,
): string {
	const listed = problems.slice(0, maxListed).map(describeRowProblem);
	const notListed = problemCount - listed.length;
	if (notListed > 0) listed.push(`and ${formatCount(notListed)} more`);
	const rows = rowsRead === 1 ? 'row' : 'rows';
	return `${formatCount(problemCount)} of ${formatCount(rowsRead)} ${rows} cannot be called: ${listed.join('; ')}.`;
}

/** A count with thousands separators, e.g. `20,971,520`. */
export function formatCount(count: number): string {
	return count.toLocaleString('en-US');
}
