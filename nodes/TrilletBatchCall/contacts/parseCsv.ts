import { ContactsError } from './errors';

// A streaming CSV reader for the contact list: RFC 4180 plus what real exports contain.
//
// Choices (the tests hold csv-parse to the same ones: skip_empty_lines, relax_quotes,
// record_delimiter CRLF / LF / CR):
// - Line endings: CRLF, LF and a lone CR all end a line, and may be mixed in one file.
// - Blank lines: only a line with no characters at all is skipped (and counted in
//   `blankLines`). A line of spaces or of commas is a record like any other: only the caller
//   knows the columns, so it decides whether such a row is empty (see `isBlankRecord`).
// - A quote opens a quoted field only as the first character of the field. A quote anywhere
//   else in an unquoted field (`ab"c`, ` "ab"`) is kept literally, as csv-parse's relax_quotes
//   does: spreadsheets write such values and the intent is clear.
// - Text after a closing quote (`"ab"c`, `"ab" ,`) is an error: the value is ambiguous.
// - A leading U+FEFF (a byte order mark that survived decoding) is ignored.
// - Fields are returned as written, not trimmed.

/** Counts of what the reader saw, for the validation report. */
export interface CsvParseStats {
	/** Records passed to the callback, the header included. */
	records: number;
	/** Lines with no characters at all, skipped. */
	blankLines: number;
	/** Physical lines in the text (a final line break does not start another line). */
	lines: number;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * Reads `text` record by record (the header first), calling `onRecord` with the fields, the 1-based
 * line the record starts on, and whether a quote stood inside an unquoted field of it (`ab"c`, kept
 * literally as relax_quotes does, but refused by strict parsers).
 */
export function forEachCsvRecord(
	text: string,
	onRecord: (fields: string[], line: number, strayQuote: boolean) => void,
): CsvParseStats {
	const scanner = new CsvScanner(text);
	let records = 0;
	let blankLines = 0;
	if (text.charCodeAt(0) === BYTE_ORDER_MARK) scanner.pos = 1;
	while (scanner.pos < text.length) {
		if (scanner.atLineBreak()) {
			blankLines++;
			scanner.skipLineBreak();
			continue;
		}
		const line = scanner.line;
		scanner.strayQuote = false;
		const fields = scanner.readRecord();
		records++;
		onRecord(fields, line, scanner.strayQuote);
	}
	return { records, blankLines, lines: scanner.countLines() };
}

/** True when every field of a record is empty or whitespace, e.g. a spreadsheet's `,,,` row. */
export function isBlankRecord(fields: readonly string[]): boolean {
	for (const field of fields) {
		if (field.trim() !== '') return false;
	}
	return true;
}

/** Cursor over the text; kept as one object so the hot loops share state without allocating. */
class CsvScanner {
	pos = 0;
	/** 1-based physical line of `pos`. */
	line = 1;
	/** Set when an unquoted field holds a quote; the caller clears it. */
	strayQuote = false;

	constructor(private readonly text: string) {}

	atLineBreak(): boolean {
		const code = this.text.charCodeAt(this.pos);
		return code === LF || code === CR;
	}

	/** Steps over one CRLF, LF or CR at `pos`. */
	skipLineBreak(): void {
		const code = this.text.charCodeAt(this.pos);
		this.pos += code === CR && this.text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
		this.line++;
	}

	/** Reads the fields of the record at `pos` and steps past its line break. */
	readRecord(): string[] {
		const fields: string[] = [];
		const text = this.text;
		for (;;) {
			fields.push(text.charCodeAt(this.pos) === QUOTE ? this.readQuoted() : this.readUnquoted());
			if (text.charCodeAt(this.pos) !== COMMA) break;
			this.pos++;
		}
		if (this.pos < text.length) this.skipLineBreak();
		return fields;
	}

	private readUnquoted(): string {
		const text = this.text;
		const start = this.pos;
		let pos = start;
		const end = text.length;
		let strayQuote = false;
		while (pos < end) {
			const code = text.charCodeAt(pos);
			if (code === COMMA || code === LF || code === CR) break;
			if (code === QUOTE) strayQuote = true;
			pos++;
		}
		if (strayQuote) this.strayQuote = true;
		this.pos = pos;
		return text.slice(start, pos);
	}

	private readQuoted(): string {
		const text = this.text;
		const startLine = this.line;
		const contentStart = this.pos + 1;
		let segmentStart = contentStart;
		let escapedParts: string[] | undefined;
		let quote = text.indexOf('"', segmentStart);
		// A doubled quote is an escaped quote: keep one and look for the closing quote after it.
		while (quote !== -1 && text.charCodeAt(quote + 1) === QUOTE) {
			(escapedParts ??= []).push(text.slice(segmentStart, quote + 1));
			segmentStart = quote + 2;
			quote = text.indexOf('"', segmentStart);
		}
		if (quote === -1) throw unterminatedQuoteError(startLine);
		this.line += countLineBreaks(text, contentStart, quote);
		this.pos = quote + 1;
		const next = text.charCodeAt(this.pos);
		if (this.pos < text.length && next !== COMMA && next !== LF && next !== CR) {
			throw textAfterClosingQuoteError(this.line);
		}
		const tail = text.slice(segmentStart, quote);
		return escapedParts === undefined ? tail : escapedParts.join('') + tail;
	}

	/** Physical lines in the whole text; call once the scan is done. */
	countLines(): number {
		const text = this.text;
		if (text.length === 0) return 0;
		const last = text.charCodeAt(text.length - 1);
		return last === LF || last === CR ? this.line - 1 : this.line;
	}
}

/** Line breaks (CRLF, LF or CR, each counted once) between `from` and `to`. */
function countLineBreaks(text: string, from: number, to: number): number {
	let breaks = 0;
	for (let pos = from; pos < to; pos++) {
		const code = text.charCodeAt(pos);
		if (code === LF) {
			breaks++;
		} else if (code === CR) {
			breaks++;
			if (pos + 1 < to && text.charCodeAt(pos + 1) === LF) pos++;
		}
	}
	return breaks;
}

function unterminatedQuoteError(line: number): ContactsError {
	return new ContactsError(
		`The CSV has a quoted field starting on line ${line} that is never closed: everything after it was read as one value.`,
		'Add the missing closing double quote (") to that field, or remove its opening quote. A double quote inside a quoted value must be written twice ("").',
	);
}

function textAfterClosingQuoteError(line: number): ContactsError {
	return new ContactsError(
		`The CSV has a quote in the middle of a field on line ${line}: a quoted value is followed by more text before the next comma.`,
		'Write a double quote inside a value as two quotes (""), or put the whole field in quotes, e.g. "Say ""hi"" now".',
	);
}
