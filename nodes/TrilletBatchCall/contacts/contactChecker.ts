import { describeRow } from './validationReport';
import { detachString } from './csv';
import { FirstSeenNumbers, type NumberClaims } from './firstSeenNumbers';
import { normalisePhoneNumber, type NumberRules } from './phone';
import { MAX_REPORTED_PROBLEMS, PHONE_COLUMN } from './types';
import type { CompletedNumber, ExcludedRow, InvalidRowPolicy, NumberReport, RowProblem, RowRef } from './types';

/** How much of a bad value a problem keeps: enough to find the cell, not a whole pasted note. */
const MAX_VALUE_LENGTH = 40;

/**
 * Decides, row by row, which contacts are called: each row once, with a dialable number.
 * Every row left out is counted; the first MAX_REPORTED_PROBLEMS are kept in detail.
 */
export class ContactChecker {
	/** Problems in detail, in row order (at most MAX_REPORTED_PROBLEMS). */
	readonly problems: RowProblem[] = [];
	/** Rows left out, all of them: every row has at most one problem. */
	problemCount = 0;
	/** Accepted rows whose phone number needed its formatting cleaned up. */
	phoneNumbersNormalised = 0;
	/** Rows that will be called. */
	accepted = 0;
	/** Rows on the do-not-call list, all counted; the first MAX_REPORTED_PROBLEMS listed. */
	excludedCount = 0;
	readonly excluded: ExcludedRow[] = [];
	/** Numbers written without country code and completed with the default country; the first listed. */
	completedCount = 0;
	readonly completed: CompletedNumber[] = [];

	constructor(
		readonly policy: InvalidRowPolicy,
		private readonly numbers: NumberRules = {},
		/**
		 * The numbers already accepted, each with the row it was first seen on as one integer (see
		 * encodeRow) rather than an object per row. The fast path passes its own (fastPath/repeatedNumbers.ts).
		 */
		private readonly firstSeen: NumberClaims = new FirstSeenNumbers(),
	) {}

	/** Returns the E.164 number to call for this row, or undefined when the row is left out (and recorded). */
	check(row: RowRef, rawPhone: string): string | undefined {
		const result = normalisePhoneNumber(rawPhone, this.numbers);
		if (!result.ok) {
			this.reject(row, PHONE_COLUMN, rawPhone, result.reason);
			return undefined;
		}
		if (this.numbers.doNotCall?.has(result.phone)) {
			this.excludedCount++;
			if (this.excluded.length < MAX_REPORTED_PROBLEMS) this.excluded.push({ row, phone: result.phone });
			return undefined;
		}
		const earlier = this.firstSeen.claim(result.phone, encodeRow(row));
		if (earlier !== undefined) {
			const reason = `is a duplicate of ${describeRow(decodeRow(earlier))} (${result.phone}): each number is called only once`;
			this.reject(row, PHONE_COLUMN, rawPhone, reason);
			return undefined;
		}
		this.accepted++;
		if (result.changed) this.phoneNumbersNormalised++;
		if (result.national) this.noteCompleted(row, rawPhone, result.phone);
		return result.phone;
	}

	/**
	 * check() for a number the fast path read from bytes (fastPath/plainNumbers.ts) as dialable E.164,
	 * given as the integer of its digits; `written` gives its text only when a message needs it.
	 * Returns whether the row is called (with `+` and those digits).
	 */
	checkPlainNumber(line: number, digits: number, reformatted: boolean, written: WrittenNumber): boolean {
		if (this.numbers.doNotCall?.has(written.e164())) {
			this.excludedCount++;
			if (this.excluded.length < MAX_REPORTED_PROBLEMS) this.excluded.push({ row: { line }, phone: written.e164() });
			return false;
		}
		const earlier = this.firstSeen.claimDigits(digits, line);
		if (earlier !== undefined) {
			const reason = `is a duplicate of ${describeRow(decodeRow(earlier))} (${written.e164()}): each number is called only once`;
			this.reject({ line }, PHONE_COLUMN, written.raw(), reason);
			return false;
		}
		this.accepted++;
		if (reformatted) this.phoneNumbersNormalised++;
		return true;
	}

	/** What the default country and the do-not-call list did, or undefined when neither is set. */
	numberReport(): NumberReport | undefined {
		if (this.numbers.defaultCountry === undefined && this.numbers.doNotCall === undefined) return undefined;
		const { completedCount, completed, excludedCount, excluded } = this;
		return { completedCount, completed, excludedCount, excluded };
	}

	private noteCompleted(row: RowRef, rawPhone: string, phone: string): void {
		this.completedCount++;
		if (this.completed.length < MAX_REPORTED_PROBLEMS) {
			this.completed.push({ row, value: detachString(shortenForDisplay(rawPhone)), phone });
		}
	}

	/** Leaves a row out for a reason found outside the phone number (e.g. a broken CSV row); `column` may be ''. */
	reject(row: RowRef, column: string, value: string, reason: string): void {
		this.problemCount++;
		if (this.problems.length < MAX_REPORTED_PROBLEMS) {
			// Kept for the report: copies, so as not to keep the text they were read from.
			this.problems.push({ row, column, value: detachString(shortenForDisplay(value)), reason: detachString(reason) });
		}
	}
}

/** A number read from bytes, as text, made only when asked for. */
export interface WrittenNumber {
	/** As written in the file. */
	raw(): string;
	/** In E.164. */
	e164(): string;
}

/** A row as one number: a CSV line (1 or more) as it is, an item index as -1 - index. */
function encodeRow(row: RowRef): number {
	return 'line' in row ? row.line : -1 - row.item;
}

function decodeRow(encoded: number): RowRef {
	return encoded >= 0 ? { line: encoded } : { item: -1 - encoded };
}

/** Trimmed, on one line, and cut to a readable length. */
function shortenForDisplay(value: string): string {
	const oneLine = value.trim().replace(/\s+/g, ' ');
	if (oneLine.length <= MAX_VALUE_LENGTH) return oneLine;
	// Cut by code points so an emoji is never split in half.
	const codePoints = Array.from(oneLine);
	if (codePoints.length <= MAX_VALUE_LENGTH) return oneLine;
	return `${codePoints.slice(0, MAX_VALUE_LENGTH - 1).join('')}…`;
}
