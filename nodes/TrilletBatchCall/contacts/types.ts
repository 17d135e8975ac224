import type { CsvBlobWriter } from './csv';

// The contact-list core is plain TypeScript: nothing here imports n8n, so it is tested
// without n8n and reused by every source of contacts (an uploaded CSV, workflow items).

/** Where a row came from, so an error can point the user at it. */
export type RowRef =
	/** 1-based physical line in the CSV file where the record starts (the header is line 1). */
	| { line: number }
	/** 0-based index of the n8n input item, as `$itemIndex` shows it. */
	| { item: number };

/** What the API documents about the batch CSV. */
export const PHONE_COLUMN = 'phone_number';
export const KNOWN_COLUMNS = ['phone_number', 'first_name', 'last_name', 'email'] as const;
/** The documented upload limit, read as binary megabytes (the stricter of the two readings). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What the user wants done with rows that would not make a good call. */
export type InvalidRowPolicy = 'fail' | 'skip';

/** One row that was (or, under `fail`, would have been) left out, with the reason in plain words. */
export interface RowProblem {
	row: RowRef;
	/** The column the problem is in, e.g. `phone_number`. */
	column: string;
	/** The value as the user wrote it (trimmed, cut to a readable length). */
	value: string;
	reason: string;
}

/** What the node checked, returned to the user beside the API response. */
export interface ValidationReport {
	rowsRead: number;
	rowsSent: number;
	rowsSkipped: number;
	/** Phone numbers whose formatting was cleaned up to E.164 (spaces, dashes, 00 prefix …). */
	phoneNumbersNormalised: number;
	/** The header of the CSV that is sent. */
	columns: string[];
	/** The first problems found (at most MAX_REPORTED_PROBLEMS); `rowsSkipped` counts them all. */
	problems: RowProblem[];
	/** Non-fatal notes for the user (e.g. a column that looks like `first_name` but is not). */
	warnings: string[];
	/** What Options → Default Country and the do-not-call list did; absent when neither is set. */
	numbers?: NumberReport;
}

export interface NumberReport {
	/** Numbers written without country code and completed with the default country (all counted). */
	completedCount: number;
	/** The first of them (at most MAX_REPORTED_PROBLEMS). */
	completed: CompletedNumber[];
	/** Rows left out because their number is on the do-not-call list (all counted). */
	excludedCount: number;
	/** The first of them (at most MAX_REPORTED_PROBLEMS). */
	excluded: ExcludedRow[];
}

/** A number written without country code, as written and as it is called. */
export interface CompletedNumber {
	row: RowRef;
	value: string;
	phone: string;
}

/** A row not called because its number is on the do-not-call list. */
export interface ExcludedRow {
	row: RowRef;
	phone: string;
}

/** How many problems a report lists in full; the count always covers all of them. */
export const MAX_REPORTED_PROBLEMS = 100;

/** The outcome of preparing contacts for upload: the exact bytes to send and what was checked. */
export interface PreparedCsv {
	/** UTF-8 CSV, exactly the bytes the API will receive. */
	csv: Uint8Array;
	report: ValidationReport;
}

/** What a check of an uploaded CSV gives, on either path: the report, and the cleaned-up copy unless the file goes out as it is. */
export interface CheckedUpload {
	report: ValidationReport;
	writer?: CsvBlobWriter;
}
