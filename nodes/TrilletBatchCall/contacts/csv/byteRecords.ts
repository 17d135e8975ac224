// Reads the records of a UTF-8 CSV on its bytes, for the fast path (fastCsvPath.ts): one loop
// over a 256-entry table finds the commas, quotes and line breaks, and no string is made for a
// field unless asked for. (Native indexOf was tried first: at ~300 ns a call it cost 580 ms of
// 1.1 s on 200,000 rows of fields a few bytes long; the loop passes over 20 MB in ~30 ms.) The
// field spans live in typed arrays reused for every record. It reads only the common shape of a
// file, the shape the general reader (read.ts) would send as it is, and says "give up" (GIVE_UP) on anything else: a blank
// line, a lone CR or CRLF and LF mixed, a quote in an unquoted value, text after a closing quote,
// a quoted field never closed, a control character. The general reader then reads the file and has the last word.

import { isSpaceOrTab } from './quoting';

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** What readRecord returns when the record is not of the common shape. */
export const GIVE_UP = -1;

/**
 * The bytes that end or open something in a field: comma, quote, CR, LF; and the control
 * characters no contact list may hold (controlCharacters.ts), on which the reader gives up, so
 * that a file read to its end on bytes is known to have none (every byte passes this table).
 */
const SPECIAL = new Uint8Array(256);
SPECIAL[COMMA] = SPECIAL[QUOTE] = SPECIAL[CR] = SPECIAL[LF] = 1;
for (let byte = 0; byte < 0x20; byte++) if (byte !== 0x09 && byte !== CR && byte !== LF) SPECIAL[byte] = 1;
SPECIAL[0x7f] = 1;

/**
 * Work done by the byte reader, for tests that prove its cost linear by counting (never by
 * timing): bytes passed over by the native searches, and records read.
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
	/**
	 * The record just read: field `i` spans bytes starts[i] to ends[i] (quotes included). Typed
	 * arrays reused for every record: no allocation per record or field.
	 */
	starts = new Int32Array(INITIAL_FIELDS);
	ends = new Int32Array(INITIAL_FIELDS);
	/** Field `i` is quoted and holds a doubled quote (1). */
	private escaped = new Uint8Array(INITIAL_FIELDS);
	/** The record just read is written as escapeCsvField (quoting.ts) would write it. */
	minimallyQuoted = true;
	/** Where the record just read ends (before its line break). */
	recordEnd = 0;

	private readonly length: number;
	private nextLine = 1;

	readonly bytes: Uint8Array;

	constructor(
		bytes: Uint8Array,
		/** The file's line break: CRLF, or LF with no CR anywhere. */
		private readonly crlf: boolean,
	) {
		// A plain view: a Buffer's indexOf is a call into C++, several times slower for short searches.
		this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.length = bytes.length;
	}

	/** Whether every record has been read. */
	get done(): boolean {
		return this.pos >= this.length;
	}

	/** Reads the record at `pos`; returns its field count, or GIVE_UP. */
	readRecord(): number {
		const { bytes, length } = this;
		this.line = this.nextLine;
		this.minimallyQuoted = true;
		const recordStart = this.pos;
		let pos = recordStart;
		if (bytes[pos] === LF || bytes[pos] === CR) return GIVE_UP;
		let fields = 0;
		for (;;) {
			if (fields === this.starts.length) this.growFields();
			this.starts[fields] = pos;
			this.escaped[fields] = 0;
			if (bytes[pos] === QUOTE) {
				pos = this.skipQuoted(pos, fields);
				if (pos === GIVE_UP) return GIVE_UP;
			} else {
				// An unquoted field, inline: this loop is where checking a clean file spends most of its time.
				const start = pos;
				while (pos < length && SPECIAL[bytes[pos]] === 0) pos++;
				// A quote inside an unquoted value: left to the general reader (line breaks are checked below).
				if (pos < length && bytes[pos] === QUOTE) return GIVE_UP;
				if (pos > start && (SPACE_OR_TAB[bytes[start]] | SPACE_OR_TAB[bytes[pos - 1]]) !== 0) this.minimallyQuoted = false;
			}
			this.ends[fields++] = pos;
			if (pos < length && bytes[pos] === COMMA) {
				pos++;
				continue;
			}
			break;
		}
		this.recordEnd = pos;
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
		const start = this.starts[index];
		const end = this.ends[index];
		if (this.bytes[start] !== QUOTE) return decode(start, end);
		const inner = decode(start + 1, end - 1);
		return this.escaped[index] === 1 ? inner.replace(/""/g, '"') : inner;
	}

	private growFields(): void {
		const grow = <T extends Int32Array | Uint8Array>(array: T, make: (size: number) => T): T => {
			const grown = make(array.length * 2);
			grown.set(array);
			return grown;
		};
		this.starts = grow(this.starts, (size) => new Int32Array(size));
		this.ends = grow(this.ends, (size) => new Int32Array(size));
		this.escaped = grow(this.escaped, (size) => new Uint8Array(size));
	}

	/** Steps over a quoted field, counting the line breaks inside it; returns where it ends. */
	private skipQuoted(start: number, field: number): number {
		const { bytes, length } = this;
		let breaks = 0;
		let comma = false;
		let pos = start + 1;
		for (;; pos++) {
			while (pos < length && SPECIAL[bytes[pos]] === 0) pos++;
			if (pos >= length) return GIVE_UP;
			const byte = bytes[pos];
			if (byte === QUOTE) {
				if (bytes[pos + 1] !== QUOTE) break;
				this.escaped[field] = 1;
				pos++;
			} else if (byte === COMMA) {
				comma = true;
			} else if (byte === LF) {
				if (this.crlf && bytes[pos - 1] !== CR) return GIVE_UP;
				breaks++;
			} else if (byte !== CR || !this.crlf || bytes[pos + 1] !== LF) {
				// A lone CR, or a control character.
				return GIVE_UP;
			}
		}
		this.nextLine += breaks;
		const end = pos + 1;
		const next = bytes[end];
		if (end < length && next !== COMMA && next !== CR && next !== LF) return GIVE_UP;
		const spaced = pos > start + 1 && (isSpaceOrTab(bytes[start + 1]) || isSpaceOrTab(bytes[pos - 1]));
		if (this.escaped[field] === 0 && breaks === 0 && !comma && !spaced) this.minimallyQuoted = false;
		return end;
	}
}

/**
 * Whether the bytes are UTF-8 as a fatal TextDecoder reads it (no overlong forms, surrogates or
 * code points past U+10FFFF). ASCII is stepped over four bytes at a time through a 32-bit view:
 * ~10× faster than decoding the file to find out (bench, 20 MB). False only tells the caller to
 * decode and report.
 */
export function isUtf8(bytes: Uint8Array): boolean {
	const { length } = bytes;
	// Four-byte words start where the underlying buffer is aligned.
	const alignedFrom = (4 - (bytes.byteOffset & 3)) & 3;
	const wordCount = length > alignedFrom ? (length - alignedFrom) >>> 2 : 0;
	const words = wordCount === 0 ? new Uint32Array(0) : new Uint32Array(bytes.buffer, bytes.byteOffset + alignedFrom, wordCount);
	let pos = 0;
	while (pos < length) {
		if (pos >= alignedFrom && (pos - alignedFrom) % 4 === 0) {
			let word = (pos - alignedFrom) >>> 2;
			while (word < words.length && (words[word] & 0x80808080) === 0) word++;
			pos = alignedFrom + word * 4;
			if (pos >= length) break;
		}
		const lead = bytes[pos];
		if (lead < 0x80) {
			pos++;
			continue;
		}
		const size = sequenceLength(bytes, pos);
		if (size === 0) return false;
		pos += size;
	}
	return true;
}

/** The length of the UTF-8 sequence of several bytes at `pos`, or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, pos: number): number {
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
