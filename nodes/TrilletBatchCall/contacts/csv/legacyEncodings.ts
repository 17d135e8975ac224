// Decoding of the single-byte encodings Excel and older tools save.
//
// Node's TextDecoder('windows-1252') takes a Latin-1 fast path (nodejs/node#56542, present in
// Node 20), so bytes 0x80–0x9F come out as invisible C1 controls instead of € ‘ ’ “ ” – — …:
// exactly the characters Excel writes for prices and smart quotes. Files with such bytes go
// through our own table; the others are Latin-1 there, where the fast path is right.

/** The single-byte encodings a contact list may be declared in. */
export type LegacyEncoding = 'windows-1252' | 'windows-1250' | 'windows-1251' | 'iso-8859-15';

/** WHATWG index-windows-1252 for 0x80–0x9F; 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay C1 controls. */
const WINDOWS_1252_C1_RANGE =
	'\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
	'\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

let windows1252Table: Uint16Array | undefined;

/** Decodes bytes in a single-byte encoding; every byte maps to a character, so this cannot fail. */
export function decodeLegacyEncoding(bytes: Uint8Array, encoding: LegacyEncoding): string {
	if (encoding === 'windows-1252' && hasWindows1252OnlyBytes(bytes)) return decodeWindows1252(bytes);
	return new TextDecoder(encoding).decode(bytes);
}

/** True when a byte in 0x80–0x9F is present: the range where Windows-1252 and Latin-1 differ. */
function hasWindows1252OnlyBytes(bytes: Uint8Array): boolean {
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (byte >= 0x80 && byte <= 0x9f) return true;
	}
	return false;
}

/** Table-driven Windows-1252: maps each byte to its UTF-16 code unit, then lets TextDecoder build the string. */
function decodeWindows1252(bytes: Uint8Array): string {
	const table = (windows1252Table ??= buildWindows1252Table());
	const codeUnits = new Uint16Array(bytes.length);
	for (let index = 0; index < bytes.length; index++) codeUnits[index] = table[bytes[index]];
	// A Uint16Array is in the platform's byte order.
	const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
	const view = new Uint8Array(codeUnits.buffer);
	return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(view);
}

function buildWindows1252Table(): Uint16Array {
	const table = new Uint16Array(256);
	for (let byte = 0; byte < 256; byte++) table[byte] = byte;
	for (let offset = 0; offset < WINDOWS_1252_C1_RANGE.length; offset++) {
		table[0x80 + offset] = WINDOWS_1252_C1_RANGE.charCodeAt(offset);
	}
	return table;
}
