// The one quoting rule of the codec. The writer quotes by it; the reader uses it to tell
// whether a record is already written as the writer would write it (then it is copied as it
// is rather than written again), so reader and writer can never disagree.
//
// A field is quoted when it holds a comma, quote, CR or LF, or starts or ends with a space or
// tab (so that no parser trims it); a quote inside is written twice. writeEscapedUtf8 is the
// same rule written straight as UTF-8 bytes (the tests hold it to escapeCsvField byte for byte);
// the fast path's byte reader judges it on bytes (fastPath/byteRecords.ts), held to the general
// reader by the fast-vs-general tests.

const NEEDS_QUOTES = /[",\r\n]|^[ \t]|[ \t]$/;
const QUOTES = /"/g;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** The field as the CSV that is uploaded holds it. */
export function escapeCsvField(value: string): string {
	if (!NEEDS_QUOTES.test(value)) return value;
	return `"${value.replace(QUOTES, '""')}"`;
}

/** The most bytes writeEscapedUtf8 writes for a value of `length` UTF-16 units: 3 per unit and the two quotes. */
export function maxEscapedUtf8Bytes(length: number): number {
	return 3 * length + 2;
}

/**
 * Writes escapeCsvField(value) as UTF-8 (as TextEncoder does: half of a surrogate pair becomes
 * U+FFFD) into `bytes` from `start`, which must have maxEscapedUtf8Bytes(value.length) of room;
 * returns where it ended. One pass over the text: no regex test, no quote-doubling copy, no string.
 */
export function writeEscapedUtf8(value: string, bytes: Uint8Array, start: number): number {
	const length = value.length;
	let quoted = length > 0 && (isSpaceOrTab(value.charCodeAt(0)) || isSpaceOrTab(value.charCodeAt(length - 1)));
	let at = quoted ? start + 1 : start;
	for (let index = 0; index < length; index++) {
		let code = value.charCodeAt(index);
		if (code < 0x80) {
			if (code <= COMMA && (code === COMMA || code === QUOTE || code === LF || code === CR)) {
				if (!quoted) {
					// The first character that needs quotes: make room for the opening quote.
					bytes.copyWithin(start + 1, start, at);
					at++;
					quoted = true;
				}
				if (code === QUOTE) bytes[at++] = QUOTE;
			}
			bytes[at++] = code;
			continue;
		}
		if (code < 0x800) {
			bytes[at++] = 0xc0 | (code >> 6);
			bytes[at++] = 0x80 | (code & 0x3f);
			continue;
		}
		if (code >= 0xd800 && code <= 0xdfff) {
			const next = index + 1 < length ? value.charCodeAt(index + 1) : 0;
			if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
				bytes[at++] = 0xf0 | (point >> 18);
				bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
				bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
				bytes[at++] = 0x80 | (point & 0x3f);
				index++;
				continue;
			}
			code = 0xfffd;
		}
		bytes[at++] = 0xe0 | (code >> 12);
		bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
		bytes[at++] = 0x80 | (code & 0x3f);
	}
	if (quoted) {
		bytes[start] = QUOTE;
		bytes[at++] = QUOTE;
	}
	return at;
}

export function isSpaceOrTab(code: number): boolean {
	return code === SPACE || code === TAB;
}

/** For a value with no quote or line break, `text` from `from` to `to`: whether escapeCsvField would quote it. */
export function needsQuotesWithoutBreaksOrQuotes(text: string, from: number, to: number): boolean {
	if (from === to) return false;
	if (isSpaceOrTab(text.charCodeAt(from)) || isSpaceOrTab(text.charCodeAt(to - 1))) return true;
	const comma = text.indexOf(',', from);
	return comma !== -1 && comma < to;
}
