// Reads the records of a UTF-8 CSV on its bytes, for the fast path (fastPass.ts): one loop
// over a 256-entry table finds the commas, quotes and line breaks, and checks the UTF-8 on the
// way (a byte of 0x80 or more stops the loop, and its sequence is checked where it stands), so
// the file is passed over once. No string is made for a field unless asked for. What it buys
// (npm run bench, 600,000 rows): native searches find delimiters but cannot replace the pass, which
// must see every byte for control characters and UTF-8 (Buffer's indexOf, ~23 ns a call, takes
// ~43 ms to find the clean file's 1.9 million commas alone); checking UTF-8 in a pass of its own
// cost ~30 ms of 20 MB. The field spans live in typed arrays reused for every record. It reads
// only the common shape of a file, the shape the general reader (csv/read.ts) would send as it is,
// and says "give up" (GIVE_UP) on anything else: a blank line, a lone CR or CRLF and LF mixed, a
// quote in an unquoted value, text after a closing quote, a quoted field never closed, a control
// character, bytes that are not UTF-8. The general reader then reads the file and has the last word.

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** What readRecord returns when the record is not of the common shape. */
export const GIVE_UP = -1;

/** SPECIAL's value for the first byte of a UTF-8 sequence of several bytes (or a byte that starts none). */
const NON_ASCII = 2;

/**
 * The bytes that end or open something in a field: comma, quote, CR, LF; the control characters
 * no contact list may hold (csv/decode.ts), on which the reader gives up; and bytes of
 * 0x80 or more, whose UTF-8 sequence is checked. A file read to its end on bytes is known to be
 * UTF-8 with no such control character: every byte passes this table.
 */
const SPECIAL = new Uint8Array(256);
SPECIAL[COMMA] = SPECIAL[QUOTE] = SPECIAL[CR] = SPECIAL[LF] = 1;
for (let byte = 0; byte < 0x20; byte++) if (byte !== 0x09 && byte !== CR && byte !== LF) SPECIAL[byte] = 1;
SPECIAL[0x7f] = 1;
for (let byte = 0x80; byte < 0x100; byte++) SPECIAL[byte] = NON_ASCII;

/**
 * Work done by the byte reader, for tests that prove its cost linear by counting (never by
 * timing): bytes passed over, and records read.
 */
export const byteReaderWork = { bytesSearched: 0, records: 0 };

/** Space and tab: a value that starts or ends with one is quoted by escapeCsvField (quoting.ts). */
const SPACE_OR_TAB = new Uint8Array(256);
SPACE_OR_TAB[0x20] = SPACE_OR_TAB[0x09] = 1;

const INITIAL_FIELDS = 64;

export class ByteRecords {
	/** 1-based line where the record just read starts. */
	line = 1;
	/** Where the next record starts. */
	pos = 0;
	/** Where the record just read starts, and where it ends (before its line break). */
	recordStart = 0;
	recordEnd = 0;
	/** The field readRecord keeps the span of (the phone number's column), and that span in the record just read (quotes included). */
	keptField = 0;
	keptStart = 0;
	keptEnd = 0;

	private readonly length: number;
	private nextLine = 1;
	/**
	 * Every field's span, filled by splitRecord() only when asked for (the header, a row that is
	 * rewritten field by field): readRecord itself stores one span, not one per field.
	 */
	private starts = new Int32Array(INITIAL_FIELDS);
	private ends = new Int32Array(INITIAL_FIELDS);
	private splitAt = -1;
	private splitFields = 0;
	/**
	 * No field of the record just read is quoted without need, nor (when spacesNoted) unquoted
	 * with a space or tab at either end: it is written as escapeCsvField (quoting.ts) would write it.
	 */
	private minimalRecord = true;
	/** The quoted field skipQuoted stepped over holds a comma, quote or line break, or spaces at either end: it needs its quotes. */
	private quotesNeeded = false;
	/** Whether noteSpacedValues was set when the record just read was read. */
	private spacesNoted = false;
	/**
	 * Set by a reader that writes records out: readRecord then notes values with a space or tab at
	 * either end, and so knows whether each record is minimally quoted without splitting it again.
	 */
	noteSpacedValues = false;

	readonly bytes: Uint8Array;

	constructor(
		bytes: Uint8Array,
		/** The file's line break: CRLF, or LF with no CR anywhere. */
		private readonly crlf: boolean,
	) {
		// A plain view: the loops then see one kind of array, whether the caller has a Buffer or not.
		this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.length = bytes.length;
	}

	/** Whether every record has been read. */
	get done(): boolean {
		return this.pos >= this.length;
	}

	/** Reads the record at `pos`; returns its field count, or GIVE_UP. */
	readRecord(): number {
		const { bytes, length, keptField } = this;
		this.line = this.nextLine;
		const recordStart = this.pos;
		this.recordStart = recordStart;
		let pos = recordStart;
		if (bytes[pos] === LF || bytes[pos] === CR) return GIVE_UP;
		let fields = 0;
		let minimal = true;
		for (;;) {
			const fieldStart = pos;
			if (bytes[pos] === QUOTE) {
				pos = this.skipQuoted(pos);
				if (pos === GIVE_UP) return GIVE_UP;
				if (!this.quotesNeeded) minimal = false;
			} else {
				// An unquoted field, inline: this loop is where checking a clean file spends most of its time.
				for (;;) {
					while (pos < length && SPECIAL[bytes[pos]] === 0) pos++;
					if (pos >= length || SPECIAL[bytes[pos]] !== NON_ASCII) break;
					const size = utf8SequenceLength(bytes, pos);
					if (size === 0) return GIVE_UP;
					pos += size;
				}
				// A quote inside an unquoted value: left to the general reader (line breaks are checked below).
				if (pos < length && bytes[pos] === QUOTE) return GIVE_UP;
				if (this.noteSpacedValues && pos > fieldStart && (SPACE_OR_TAB[bytes[fieldStart]] | SPACE_OR_TAB[bytes[pos - 1]]) !== 0) minimal = false;
			}
			if (fields === keptField) {
				this.keptStart = fieldStart;
				this.keptEnd = pos;
			}
			fields++;
			if (pos < length && bytes[pos] === COMMA) {
				pos++;
				continue;
			}
			break;
		}
		this.recordEnd = pos;
		this.minimalRecord = minimal;
		this.spacesNoted = this.noteSpacedValues;
		byteReaderWork.bytesSearched += pos - recordStart;
		if (pos < length) {
			if (this.crlf ? bytes[pos] !== CR || bytes[pos + 1] !== LF : bytes[pos] !== LF) return GIVE_UP;
			pos += this.crlf ? 2 : 1;
		}
		this.pos = pos;
		this.nextLine++;
		byteReaderWork.records++;
		return fields;
	}

	/** Field `index` of the record just read as text, unquoted. */
	fieldText(index: number, decode: (from: number, to: number) => string): string {
		let start = this.keptStart;
		let end = this.keptEnd;
		if (index !== this.keptField) {
			this.splitRecord();
			start = this.starts[index];
			end = this.ends[index];
		}
		if (this.bytes[start] !== QUOTE) return decode(start, end);
		const inner = decode(start + 1, end - 1);
		return inner.includes('""') ? inner.replace(/""/g, '"') : inner;
	}

	/** Whether the record just read is written as escapeCsvField (quoting.ts) would write it. */
	isMinimallyQuoted(): boolean {
		if (!this.minimalRecord || this.spacesNoted) return this.minimalRecord;
		// Read before spaces were noted: the ends of its unquoted values are looked at now.
		this.splitRecord();
		const { bytes, starts, ends } = this;
		for (let field = 0; field < this.splitFields; field++) {
			const start = starts[field];
			const end = ends[field];
			if (bytes[start] !== QUOTE && end > start && (SPACE_OR_TAB[bytes[start]] | SPACE_OR_TAB[bytes[end - 1]]) !== 0) return false;
		}
		return true;
	}

	/** The span of every field of the record just read (known to be well formed). */
	private splitRecord(): void {
		if (this.splitAt === this.recordStart) return;
		const { bytes, recordEnd } = this;
		let pos = this.recordStart;
		let field = 0;
		for (;;) {
			if (field === this.starts.length) this.growFields();
			this.starts[field] = pos;
			if (bytes[pos] === QUOTE) {
				// To the closing quote: a doubled quote is part of the value.
				pos++;
				while (bytes[pos] !== QUOTE || bytes[pos + 1] === QUOTE) pos += bytes[pos] === QUOTE ? 2 : 1;
				pos++;
			} else {
				while (pos < recordEnd && bytes[pos] !== COMMA) pos++;
			}
			this.ends[field++] = pos;
			if (pos >= recordEnd) break;
			pos++;
		}
		this.splitAt = this.recordStart;
		this.splitFields = field;
	}

	private growFields(): void {
		const grow = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
			const grown = new Int32Array(array.length * 2);
			grown.set(array);
			return grown;
		};
		this.starts = grow(this.starts);
		this.ends = grow(this.ends);
	}

	/** Steps over a quoted field, counting the line breaks inside it; returns where it ends. */
	private skipQuoted(start: number): number {
		const { bytes, length } = this;
		let breaks = 0;
		let needed = false;
		let pos = start + 1;
		for (;; pos++) {
			while (pos < length && SPECIAL[bytes[pos]] === 0) pos++;
			if (pos >= length) return GIVE_UP;
			const byte = bytes[pos];
			if (SPECIAL[byte] === NON_ASCII) {
				const size = utf8SequenceLength(bytes, pos);
				if (size === 0) return GIVE_UP;
				pos += size - 1;
			} else if (byte === QUOTE) {
				if (bytes[pos + 1] !== QUOTE) break;
				needed = true;
				pos++;
			} else if (byte === LF) {
				if (this.crlf && bytes[pos - 1] !== CR) return GIVE_UP;
				breaks++;
				needed = true;
			} else if (byte === COMMA) {
				needed = true;
			} else if (byte !== CR || !this.crlf || bytes[pos + 1] !== LF) {
				// A lone CR, or a control character.
				return GIVE_UP;
			}
		}
		this.nextLine += breaks;
		this.quotesNeeded = needed || (pos > start + 1 && (SPACE_OR_TAB[bytes[start + 1]] | SPACE_OR_TAB[bytes[pos - 1]]) !== 0);
		const end = pos + 1;
		const next = bytes[end];
		if (end < length && next !== COMMA && next !== CR && next !== LF) return GIVE_UP;
		return end;
	}
}

/**
 * The length of the UTF-8 sequence of several bytes at `pos`, or 0 when it is not one as a fatal
 * TextDecoder reads UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
 */
function utf8SequenceLength(bytes: Uint8Array, pos: number): number {
	const lead = bytes[pos];
	const size = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
	if (size === 0 || pos + size > bytes.length) return 0;
	const second = bytes[pos + 1];
	const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
	const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
	if (second < low || second > high) return 0;
	for (let next = pos + 2; next < pos + size; next++) if ((bytes[next] & 0xc0) !== 0x80) return 0;
	return size;
}
