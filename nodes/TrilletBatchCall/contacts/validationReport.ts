import type { ContactChecker } from './contactChecker';
import { ContactsError } from './errors';
import type { RowProblem, RowRef, ValidationReport } from './types';

// How a check ends: the report, or the error that names the rows that cannot be called, worded
// for people who build workflows without code: each problem names the row, the column and the
// value, so it can be found and fixed.

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

/** The way out of a failed check, shown with every row error under the `fail` policy. */
export const INVALID_ROWS_HINT =
	'Fix these rows and run again, or set Options → Invalid Rows to Skip to send only the valid rows.';

/**
 * Applies the invalid-row policy once every row has been checked: throws when nothing may be
 * uploaded (a problem under `fail`, or no row left to call), otherwise returns the report.
 */
export function concludeValidation(
	checker: ContactChecker,
	rowsRead: number,
	columns: string[],
	warnings: string[],
): ValidationReport {
	const { problems, problemCount } = checker;
	if (problemCount > 0 && checker.policy === 'fail') {
		const message = describeRowProblems(problems, problemCount, rowsRead);
		throw new ContactsError(message, INVALID_ROWS_HINT, problems, problemCount);
	}
	if (checker.accepted === 0 && problemCount === 0) {
		throw new ContactsError(
			`No rows to call: all ${checker.excludedCount} numbers are on the do-not-call list.`,
			'Check Options → Exclude Numbers and the do-not-call file, or the contact list.',
		);
	}
	if (checker.accepted === 0) {
		const message = `No rows to call: ${describeRowProblems(problems, problemCount, rowsRead)}`;
		throw new ContactsError(message, 'Fix the rows listed and run again.', problems, problemCount);
	}
	return {
		rowsRead,
		rowsSent: checker.accepted,
		rowsSkipped: problemCount,
		phoneNumbersNormalised: checker.phoneNumbersNormalised,
		columns,
		problems,
		warnings,
		numbers: checker.numberReport(),
	};
}
