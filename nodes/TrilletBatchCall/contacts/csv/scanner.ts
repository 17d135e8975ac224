import { ContactsError } from '../errors';
import { isSpaceOrTab, needsQuotesWithoutBreaksOrQuotes } from './quoting';

// The cursor under parseCsv.ts's reader: reads the records of one piece of text, and says when
// the piece ends inside a record (the next piece must complete it) unless it is the last piece.

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

const DOUBLED_QUOTES = /""/g;

/** The kinds of line break a CSV may use. */
export type LineBreak = 'CRLF' | 'LF' | 'CR';

const LINE_BREAK_NAMES: Record<LineBreak, string> = {
	CRLF: 'CRLF (Windows line breaks)',
	LF: 'a bare LF (a Unix line break)',
	CR: 'a bare CR (an old Mac line break)',
};

/** Work done by the reader, for tests that count it: strings made for quoted values. */
export const readerWork = { quotedValueStrings: 0 };

/** Where the record just read lies in the text, so it can be copied as written rather than written again. */
export interface RecordSpan {
	readonly text: string;
	/** The record's first character. */
	readonly start: number;
	/** Just after its last field (its line break excluded). */
	readonly end: number;
	readonly fieldCount: number;
	/**
	 * Whether every field is quoted exactly when escapeCsvField (quoting.ts) would quote it, so
	 * that `text` from `start` to `end` is the record as the writer would write it.
	 */
	readonly minimallyQuoted: boolean;
	/** Where field `index` starts in `text` (at its opening quote, if quoted). */
	fieldStart(index: number): number;
	/** Just after field `index` (after its closing quote, if quoted). */
	fieldEnd(index: number): number;
}

/** Cursor over one piece of text; kept as one object so the hot loops share state without allocating. */
export class CsvScanner implements RecordSpan {
	pos = 0;
	/** 1-based physical line of `pos`. */
	line: number;
	/** Set when an unquoted field holds a quote; the caller clears it. */
	strayQuote = false;
	/** Set when the piece ended inside the record being read: nothing of it was returned. */
	incomplete = false;
	start = 0;
	end = 0;
	fieldCount = 0;
	minimallyQuoted = true;
	/**
	 * How the file ends its lines: the first line break outside quotes decides, as csv-parse
	 * decides. The caller carries it from piece to piece.
	 */
	fileLineBreak: LineBreak | undefined;
	/** Whether a line break of another kind than the file's, outside quotes, is refused. */
	oneLineBreakKind = false;

	constructor(
		readonly text: string,
		firstLine: number,
		/** No text follows: the end of the text ends the last record. */
		private readonly final: boolean,
		/** Start and end of each field of the current record, reused from record to record. */
		private readonly bounds: number[],
		/** The character between fields: a comma, or `;` or tab in files from other spreadsheets. */
		private readonly delimiter = COMMA,
	) {
		this.line = firstLine;
	}

	fieldStart(index: number): number {
		return this.bounds[2 * index];
	}

	fieldEnd(index: number): number {
		return this.bounds[2 * index + 1];
	}

	/** Whether `pos` is at a line break; undefined when it is a CR that may be the first half of a CRLF in the next piece. */
	atLineBreak(): boolean | undefined {
		const code = this.text.charCodeAt(this.pos);
		if (code === CR && !this.final && this.pos + 1 === this.text.length) return undefined;
		return code === LF || code === CR;
	}

	/** Steps over one CRLF, LF or CR at `pos`; refuses one of another kind than the file's first. */
	skipLineBreak(): void {
		const code = this.text.charCodeAt(this.pos);
		const kind: LineBreak = code === LF ? 'LF' : this.text.charCodeAt(this.pos + 1) === LF ? 'CRLF' : 'CR';
		if (this.fileLineBreak === undefined) this.fileLineBreak = kind;
		else if (kind !== this.fileLineBreak && this.oneLineBreakKind) throw mixedLineBreakError(this.line, kind, this.fileLineBreak);
		this.pos += kind.length === 4 ? 2 : 1;
		this.line++;
	}

	/** Reads the fields of the record at `pos` and steps past its line break; undefined when the piece ends first. */
	readRecord(): string[] | undefined {
		const fields: string[] = [];
		const text = this.text;
		this.start = this.pos;
		// The writer separates with commas: a record read with another separator is always written again.
		this.minimallyQuoted = this.delimiter === COMMA;
		for (;;) {
			const fieldStart = this.pos;
			const field = text.charCodeAt(fieldStart) === QUOTE ? this.readQuoted() : this.readUnquoted();
			if (this.incomplete) return undefined;
			this.bounds[2 * fields.length] = fieldStart;
			this.bounds[2 * fields.length + 1] = this.pos;
			fields.push(field);
			if (text.charCodeAt(this.pos) !== this.delimiter) break;
			this.pos++;
		}
		this.end = this.pos;
		this.fieldCount = fields.length;
		if (!this.final && this.atLineBreak() !== true) {
			// Ending with the piece, the last field (a "" cut in two, too) or the CRLF may go on in the next one.
			this.incomplete = true;
			return undefined;
		}
		if (this.pos < text.length) this.skipLineBreak();
		return fields;
	}

	private readUnquoted(): string {
		const text = this.text;
		const start = this.pos;
		let pos = start;
		const end = text.length;
		const delimiter = this.delimiter;
		let strayQuote = false;
		while (pos < end) {
			const code = text.charCodeAt(pos);
			if (code === delimiter || code === LF || code === CR) break;
			if (code === QUOTE) strayQuote = true;
			pos++;
		}
		if (strayQuote) {
			if (opensAfterBlanks(text, start, pos)) throw quoteAfterBlanksError(this.line, text.slice(start, Math.min(pos, start + 40)));
			this.strayQuote = true;
		}
		// escapeCsvField quotes a value with a quote or with a space or tab at either end.
		if (strayQuote || (pos > start && (isSpaceOrTab(text.charCodeAt(start)) || isSpaceOrTab(text.charCodeAt(pos - 1))))) {
			this.minimallyQuoted = false;
		}
		this.pos = pos;
		return text.slice(start, pos);
	}

	private readQuoted(): string {
		const text = this.text;
		const contentStart = this.pos + 1;
		let escaped = false;
		let quote = text.indexOf('"', contentStart);
		// A doubled quote is an escaped quote: look for the closing quote after it.
		while (quote !== -1 && text.charCodeAt(quote + 1) === QUOTE) {
			escaped = true;
			quote = text.indexOf('"', quote + 2);
		}
		if (quote === -1) {
			if (this.final) throw unterminatedQuoteError(this.line);
			// The closing quote may be in the next piece.
			this.incomplete = true;
			return '';
		}
		const breaks = countLineBreaks(text, contentStart, quote);
		if (!escaped && breaks === 0 && !needsQuotesWithoutBreaksOrQuotes(text, contentStart, quote)) {
			this.minimallyQuoted = false;
		}
		this.line += breaks;
		this.pos = quote + 1;
		const next = text.charCodeAt(this.pos);
		if (this.pos < text.length && next !== this.delimiter && next !== LF && next !== CR) {
			throw textAfterClosingQuoteError(this.line, this.delimiter);
		}
		// One string per value, however many quotes it holds: a piece per quote made a 20 MB value of
		// `""` pairs cost 600 MB.
		readerWork.quotedValueStrings += escaped ? 2 : 1;
		const value = text.slice(contentStart, quote);
		return escaped ? value.replace(DOUBLED_QUOTES, '"') : value;
	}
}

/**
 * A line break of another kind than the file's, outside quotes, is read two ways: csv-parse (which
 * takes the first line break as the file's) keeps it inside the value, readers that split on any
 * line break (Excel, Python's csv, most scripts) start a new row there. Neither can be chosen.
 */
function mixedLineBreakError(line: number, found: LineBreak, fileLineBreak: LineBreak): ContactsError {
	return new ContactsError(
		`The CSV ends its lines with ${LINE_BREAK_NAMES[fileLineBreak]}, but line ${line} ends with ${LINE_BREAK_NAMES[found]} outside quotes: ` +
			'some programs read that as the start of a new row, others as part of the value, so the file is ambiguous.',
		`If the line break belongs to the value, put the whole value in double quotes; otherwise remove the line break on line ${line} (or save the file again so that every line ends the same way).`,
	);
}

/** Whether the unquoted field from `start` to `end` is blanks and then a quote (` "ab"`). */
function opensAfterBlanks(text: string, start: number, end: number): boolean {
	let pos = start;
	while (pos < end && isSpaceOrTab(text.charCodeAt(pos))) pos++;
	return pos > start && pos < end && text.charCodeAt(pos) === QUOTE;
}

/**
 * ` "Smith, Ann"`: readers that trim blanks (csv-parse with trim, pandas with skipinitialspace)
 * read a quoted value, others (Excel, Python's csv) keep the blanks and quotes and split at the
 * comma inside. A quote elsewhere in an unquoted value (`He said "hi"`) is kept by every reader
 * that reads it (csv-parse without relax_quotes refuses it), and is sent quoted.
 */
function quoteAfterBlanksError(line: number, field: string): ContactsError {
	return new ContactsError(
		`The CSV has a field on line ${line} that starts with blanks and then a quote (${JSON.stringify(field)}): some programs read it as a quoted value, others keep the blanks and the quotes as part of the value.`,
		'Remove the blanks before the opening quote. If the quotes belong to the value, put the whole field in quotes and write each quote inside it twice, e.g. " ""hi""".',
	);
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

function textAfterClosingQuoteError(line: number, delimiter: number): ContactsError {
	const separator = delimiter === COMMA ? 'comma' : delimiter === TAB ? 'tab' : `"${String.fromCharCode(delimiter)}"`;
	return new ContactsError(
		`The CSV has a quote in the middle of a field on line ${line}: a quoted value is followed by more text before the next ${separator}.`,
		'Write a double quote inside a value as two quotes (""), or put the whole field in quotes, e.g. "Say ""hi"" now".',
	);
}
