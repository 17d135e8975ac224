import { CsvTextSlices, DEFAULT_SLICE_BYTES, type CsvBytes } from './decode';
import { CsvScanner, type LineBreak, type RecordSpan } from './scanner';

export type { RecordSpan } from './scanner';

// A streaming CSV reader for the contact list: RFC 4180 plus what real exports contain.
//
// Choices (the tests hold csv-parse to the same ones: skip_empty_lines, relax_quotes,
// record_delimiter CRLF / LF / CR):
// - Line endings: CRLF, LF and a lone CR all end a line, and may be mixed in one file, unless
//   the caller asks for one kind per file (oneLineBreakKind, for uploads): then the first line
//   break outside quotes decides (as in csv-parse), and another kind outside quotes is refused,
//   because csv-parse keeps it in the value where readers that split on any line break start a row.
// - The separator is a comma unless the caller says `;` or tab (see layout.ts).
// - Blank lines: only a line with no characters at all is skipped (and counted in
//   `blankLines`). A line of spaces or of commas is a record like any other: only the caller
//   knows the columns, so it decides whether such a row is empty (see `isBlankRecord`).
// - A quote opens a quoted field only as the first character of the field. A quote anywhere
//   else in an unquoted field (`ab"c`) is kept literally, as csv-parse's relax_quotes does:
//   spreadsheets write such values and the intent is clear.
// - Text after a closing quote (`"ab"c`, `"ab" ,`) is an error: the value is ambiguous. So are
//   blanks before a quote (` "ab"`), which trimming readers take as a quoted value.
// - Leading U+FEFF characters (byte order marks that survived decoding) are ignored.
// - Fields are returned as written, not trimmed.
//
// The text may come in pieces (CsvReader), cut anywhere: a record a piece leaves unfinished is
// read again, whole, with the next piece, so a 20 MB file never has to be one string.

/** Counts of what the reader saw, for the validation report. */
export interface CsvParseStats {
	/** Records passed to the callback, the header included. */
	records: number;
	/** Lines with no characters at all, skipped. */
	blankLines: number;
	/** Physical lines in the text (a final line break does not start another line). */
	lines: number;
}

/**
 * Called with the fields of each record, the 1-based line it starts on, whether a quote stood
 * inside an unquoted field of it (`ab"c`, kept literally as relax_quotes does, but refused by
 * strict parsers), and where it lies in the text (valid during the call only).
 */
export type CsvRecordCallback = (fields: string[], line: number, strayQuote: boolean, span: RecordSpan) => void;

const CR = 0x0d;
const LF = 0x0a;
const BYTE_ORDER_MARK = 0xfeff;

/** Reads `text` record by record (the header first). */
export function forEachCsvRecord(text: string, onRecord: CsvRecordCallback, layout: ReadLayout = {}): CsvParseStats {
	const reader = new CsvReader(onRecord, layout);
	reader.read(text, true);
	return reader.stats();
}

/** forEachCsvRecord over text that comes in pieces: the records come out exactly as from the whole text. */
export class CsvReader {
	/** The start of a record the last piece left unfinished, and the line it starts on. */
	private carry = '';
	private line = 1;
	private started = false;
	private lastCode = Number.NaN;
	private records = 0;
	private blankLines = 0;
	private readonly bounds: number[] = [];
	private lineBreak: LineBreak | undefined;
	private readonly delimiter: number;
	/** The first record is a `sep=` line, not data: read, never passed on. */
	private skipRecord: boolean;
	private readonly oneLineBreakKind: boolean;

	constructor(
		private readonly onRecord: CsvRecordCallback,
		layout: ReadLayout = {},
	) {
		this.delimiter = (layout.delimiter ?? ',').charCodeAt(0);
		this.skipRecord = layout.sepLine === true;
		this.oneLineBreakKind = layout.oneLineBreakKind === true;
	}

	/** Characters kept from earlier pieces because the record they start is not finished yet. */
	get pendingLength(): number {
		return this.carry.length;
	}

	/** Reads the records `text` completes; `last` says no text follows. */
	read(text: string, last: boolean): void {
		if (text.length > 0) this.lastCode = text.charCodeAt(text.length - 1);
		const input = this.carry === '' ? text : this.carry + text;
		const scanner = new CsvScanner(input, this.line, last, this.bounds, this.delimiter);
		scanner.fileLineBreak = this.lineBreak;
		scanner.oneLineBreakKind = this.oneLineBreakKind;
		if (!this.started && input.length > 0) {
			this.started = true;
			while (input.charCodeAt(scanner.pos) === BYTE_ORDER_MARK) scanner.pos++;
		}
		const recordStart = this.readRecords(scanner);
		this.lineBreak = scanner.fileLineBreak;
		this.carry = recordStart < input.length ? input.slice(recordStart) : '';
	}

	/** Counts for the whole text; call once the last piece is read. */
	stats(): CsvParseStats {
		return { records: this.records, blankLines: this.blankLines, lines: this.countLines() };
	}

	/** Reads the complete records; returns where the unfinished one starts, and keeps its line. */
	private readRecords(scanner: CsvScanner): number {
		const { text } = scanner;
		while (scanner.pos < text.length) {
			const start = scanner.pos;
			this.line = scanner.line;
			const lineBreak = scanner.atLineBreak();
			if (lineBreak === undefined) return start;
			if (lineBreak) {
				this.blankLines++;
				scanner.skipLineBreak();
				continue;
			}
			scanner.strayQuote = false;
			const fields = scanner.readRecord();
			if (fields === undefined) return start;
			if (this.skipRecord) {
				this.skipRecord = false;
				continue;
			}
			this.records++;
			this.onRecord(fields, this.line, scanner.strayQuote, scanner);
		}
		this.line = scanner.line;
		return text.length;
	}

	/** Physical lines in the whole text (a final line break does not start another line). */
	private countLines(): number {
		if (!this.started) return 0;
		return this.lastCode === LF || this.lastCode === CR ? this.line - 1 : this.line;
	}
}

/** True when every field of a record is empty or whitespace, e.g. a spreadsheet's `,,,` row. */
export function isBlankRecord(fields: readonly string[]): boolean {
	for (const field of fields) {
		if (field.trim() !== '') return false;
	}
	return true;
}

/** How the text is laid out, when it is not a plain comma CSV. */
export interface ReadLayout {
	/** The character between fields; a comma unless given. */
	delimiter?: ',' | ';' | '\t';
	/** The first line is Excel's `sep=` hint, not the header. */
	sepLine?: boolean;
	/**
	 * Refuse a line break, outside quotes, of another kind than the first (see scanner.ts). Set for
	 * what is uploaded; other readers take CRLF, LF and CR mixed.
	 */
	oneLineBreakKind?: boolean;
}

export interface SliceOptions extends ReadLayout {
	/** Sees each slice of text before its records are read. */
	onSlice?: (text: string, last: boolean) => void;
}

/** Reads an uploaded CSV record by record, decoding a slice of it at a time. */
export function readCsvRecords(csv: CsvBytes, onRecord: CsvRecordCallback, options: SliceOptions = {}): CsvParseStats {
	const slices = new CsvTextSlices(csv);
	const reader = new CsvReader(onRecord, options);
	for (;;) {
		// A record longer than a slice is read again with each slice until it is complete: taking
		// at least twice what it holds so far keeps that linear, however long the record.
		const { text, last } = slices.next(Math.max(DEFAULT_SLICE_BYTES, 2 * reader.pendingLength));
		options.onSlice?.(text, last);
		let read = false;
		try {
			reader.read(text, last);
			read = true;
		} finally {
			// Should the text be refused, a byte further on that does not decode is the error to
			// report instead (it explains the others), as when the whole file was decoded first.
			if (!read) slices.checkRest();
		}
		if (last) return reader.stats();
	}
}

/**
 * A copy of `value` that shares no memory with the text it was cut from. V8 keeps a slice of 13
 * or more characters as a view into the whole string: a problem value kept for the report would
 * keep a whole slice of the file (2 MB of text) alive with it.
 */
export function detachString(value: string): string {
	// Slicing a new concatenation copies the characters into a string of their own first.
	return ` ${value}`.slice(1);
}
