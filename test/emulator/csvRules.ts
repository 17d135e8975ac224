// The server's own reading of an uploaded contacts CSV, with csv-parse as an independent parser
// (the node has its own): what the emulator accepts is what the documented rules allow.
import { parse } from 'csv-parse/sync';

export const PHONE_COLUMN = 'phone_number';
/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
/** How many bad rows a validation message names before it only counts the rest. */
const NAMED_PROBLEMS = 5;

export interface ParsedCsv {
	columns: string[];
	rows: Record<string, string>[];
}

export interface RowProblem {
	/** 1-based data row (the header is not counted). */
	row: number;
	field: string;
	value: string;
	message: string;
}

export interface CsvCheck extends ParsedCsv {
	/** A reason the whole file is unusable (empty, unparseable, no phone_number column). */
	fatal?: string;
	problems: RowProblem[];
}

/** Parses with columns: true, bom: true, skip_empty_lines: true; throws csv-parse's error. */
export function parseCsv(bytes: Buffer): ParsedCsv {
	let columns: string[] = [];
	const rows = parse<Record<string, string>>(bytes, {
		bom: true,
		skip_empty_lines: true,
		columns: (header: string[]) => {
			columns = header;
			return header;
		},
	});
	return { columns, rows };
}

/** The rows for a recording: whatever csv-parse makes of the bytes, or none. */
export function parseCsvLeniently(bytes: Buffer): Record<string, string>[] {
	try {
		return parseCsv(bytes).rows;
	} catch {
		return [];
	}
}

export function checkContactsCsv(bytes: Buffer): CsvCheck {
	let parsed: ParsedCsv;
	try {
		parsed = parseCsv(bytes);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { columns: [], rows: [], problems: [], fatal: `The file could not be read as CSV: ${reason}` };
	}
	const { columns, rows } = parsed;
	const fail = (fatal: string): CsvCheck => ({ columns, rows, problems: [], fatal });
	if (columns.length === 0) return fail('The CSV file is empty');
	if (!columns.includes(PHONE_COLUMN)) {
		return fail(`Missing required column "${PHONE_COLUMN}" (columns found: ${columns.join(', ')})`);
	}
	if (rows.length === 0) return fail('The CSV file has a header but no rows');
	return { columns, rows, problems: findPhoneProblems(rows) };
}

function findPhoneProblems(rows: Record<string, string>[]): RowProblem[] {
	const problems: RowProblem[] = [];
	rows.forEach((row, index) => {
		// Strict on purpose: no trimming, so a client that sends untidy numbers is caught here.
		const value = row[PHONE_COLUMN] ?? '';
		if (E164_PATTERN.test(value)) return;
		problems.push({
			row: index + 1,
			field: PHONE_COLUMN,
			value,
			message: `Row ${index + 1}: ${PHONE_COLUMN} "${value}" is not a valid E.164 number (e.g. +14155550123)`,
		});
	});
	return problems;
}

/** One sentence for the `message` of a 400 "CSV validation failed". */
export function describeCsvFailure(check: CsvCheck): string {
	if (check.fatal !== undefined) return check.fatal;
	const named = check.problems.slice(0, NAMED_PROBLEMS).map((problem) => problem.message);
	const rest = check.problems.length - named.length;
	return named.join('; ') + (rest > 0 ? `; and ${rest} more invalid rows` : '');
}
