import { ContactsError } from '../errors';
import { CsvTextSlices, type CsvBytes } from './decode';
import type { ReadLayout } from './read';
import { CsvScanner } from './scanner';

// Which character separates the fields. Excel writes `;` in many European locales and tabs in
// its "Unicode Text" export (UTF-16), and may start a file with `sep=;`, its hint for itself.
// The separator is read from the header line, outside quotes, and only where it cannot be
// mistaken: a comma wins whenever the header read with commas has the key column; `;` or tab is
// taken only when the header read with it has the key column and read with commas does not.

/** The separators a contact file may use. */
export type CsvDelimiter = ',' | ';' | '\t';

/** How the file is laid out: the separator, and whether its first line is a `sep=` hint. */
export interface CsvLayout extends ReadLayout {
	delimiter: CsvDelimiter;
	sepLine: boolean;
}

const COMMA_LAYOUT: CsvLayout = { delimiter: ',', sepLine: false };
const OTHER_DELIMITERS: readonly CsvDelimiter[] = [';', '\t'];
/** Excel's hint: `sep=` and one character, alone on the first line. */
const SEP_LINE = /^sep=(.?)(?:\r\n|\n|\r|$)/;
const LEADING_BOMS = /^\uFEFF+/;
const LEADING_BLANK_LINES = /^[\r\n]+/;
/** Bytes of the file's start read to find its header: headers are a few hundred bytes. */
const HEADER_BYTES = 4096;

/** The layout of a CSV, judged by whether its header read with a separator has the `hasKeyColumn` it needs. */
export function detectCsvLayout(csv: CsvBytes, hasKeyColumn: (fields: string[]) => boolean): CsvLayout {
	const text = firstSlice(csv)?.replace(LEADING_BOMS, '');
	if (text === undefined) return COMMA_LAYOUT;
	const sep = SEP_LINE.exec(text);
	if (sep !== null) {
		const delimiter = sepLineDelimiter(sep[1]);
		if (delimiter === undefined) refuseLayout(csv, sepLineError(sep[1]));
		return { delimiter, sepLine: true };
	}
	// The reader skips blank lines before the header.
	const header = text.replace(LEADING_BLANK_LINES, '');
	const comma = readHeader(header, ',');
	if (comma !== undefined && hasKeyColumn(comma)) return COMMA_LAYOUT;
	const widened = OTHER_DELIMITERS.filter((delimiter) => (readHeader(header, delimiter)?.length ?? 0) > 1);
	const fitting = widened.filter((delimiter) => hasKeyColumn(readHeader(header, delimiter) ?? []));
	if (fitting.length > 1) refuseLayout(csv, ambiguousSeparatorError());
	if (fitting.length === 1) return { delimiter: fitting[0], sepLine: false };
	// No reading finds the column: the one that splits the header (if only one does) names the
	// columns best in the error the caller gives.
	if (widened.length === 1 && (comma?.length ?? 0) <= 1) return { delimiter: widened[0], sepLine: false };
	return COMMA_LAYOUT;
}

/** How the report names a separator. */
export function describeDelimiter(delimiter: CsvDelimiter): string {
	return delimiter === '\t' ? 'tabs' : `'${delimiter}'`;
}

const DELIMITER_NOUNS: Record<CsvDelimiter, [string, string]> = { ',': ['comma', 'commas'], ';': ['semicolon', 'semicolons'], '\t': ['tab', 'tabs'] };

/** How the report counts separators: `a comma`, `2 semicolons`. */
export function countDelimiters(delimiter: CsvDelimiter, count: number): string {
	const [one, several] = DELIMITER_NOUNS[delimiter];
	return count === 1 ? `a ${one}` : `${count} ${several}`;
}

/**
 * The text of the file's first lines, enough to hold its header: the first few KB when the header
 * surely ends in them (a line break with no quote before it), else a whole slice as the reader
 * reads it. (A whole slice is a small file's every byte: this was most of checking a 1,000-row
 * file.) Undefined when it does not decode (the reader reports why).
 */
function firstSlice(csv: CsvBytes): string | undefined {
	try {
		const start = new CsvTextSlices(csv).next(HEADER_BYTES);
		const text = start.text.replace(LEADING_BOMS, '').replace(LEADING_BLANK_LINES, '');
		const lineEnd = text.search(/[\r\n]/);
		if (start.last || (lineEnd !== -1 && !text.slice(0, lineEnd).includes('"'))) return start.text;
		return new CsvTextSlices(csv).next().text;
	} catch {
		return undefined;
	}
}

/**
 * Throws `error` about the layout, unless the reader's first slice does not decode: bytes that are
 * not text are refused before anything the text says, as the reader would (it decodes a slice
 * before reading the header).
 */
function refuseLayout(csv: CsvBytes, error: ContactsError): never {
	new CsvTextSlices(csv).next();
	throw error;
}

/** The header's fields read with `delimiter`; undefined when they cannot be read so (the reader reports why). */
function readHeader(text: string, delimiter: CsvDelimiter): string[] | undefined {
	try {
		return new CsvScanner(text, 1, true, [], delimiter.charCodeAt(0)).readRecord();
	} catch {
		return undefined;
	}
}

/** The separator a `sep=` line names, or undefined when it is not one the reader reads. */
function sepLineDelimiter(mark: string): CsvDelimiter | undefined {
	return mark === ',' || mark === ';' || mark === '\t' ? mark : undefined;
}

function sepLineError(mark: string): ContactsError {
	return new ContactsError(
		`The first line of the CSV, "sep=${mark}", says its fields are separated by ${mark === '' ? 'nothing' : `"${mark}"`}; only commas, semicolons and tabs are read.`,
		'Save the file again as "CSV UTF-8 (Comma delimited)", or change the first line to sep=, or sep=; to match the file.',
	);
}

function ambiguousSeparatorError(): ContactsError {
	return new ContactsError(
		'The CSV header has the column "phone_number" whether its fields are read as separated by ";" or by tabs, so its separator is ambiguous.',
		'Add a first line sep=; (or sep= followed by a tab) saying which it is, or save the file again as "CSV UTF-8 (Comma delimited)".',
	);
}
