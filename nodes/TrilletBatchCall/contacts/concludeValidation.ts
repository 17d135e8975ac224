import type { ContactChecker } from './contactChecker';
import { describeRowProblems } from './describeProblems';
import { ContactsError } from './errors';
import type { ValidationReport } from './types';

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
