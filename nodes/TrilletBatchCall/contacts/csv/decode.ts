import { ContactsError } from '../errors';
import { findInvalidUtf8 } from './invalidUtf8';
import { decodeLegacyEncoding, type LegacyEncoding } from './legacyEncodings';

// Turns the uploaded bytes into text a slice at a time, refusing anything that would come out
// garbled. The whole file is never one string: as UTF-16 in V8, 20 MB of UTF-8 with a few
// accented names would take 40 MB.

/** The encodings a user can declare for an uploaded CSV (the node option "File Encoding"). */
export type CsvEncoding = 'utf-8' | LegacyEncoding;

type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

interface ByteOrderMark {
	encoding: BomEncoding;
	length: number;
}

/** An uploaded CSV that decodes to text with something in it, and how to decode it. */
export interface CsvBytes {
	/** The bytes after any byte order mark (a view, not a copy). */
	body: Uint8Array;
	decoding: BomEncoding | LegacyEncoding;
	/** A byte order mark (UTF-8 or UTF-16) was found; it is never part of the text. */
	hadBom: boolean;
	/** How many UTF-8 byte order marks the file starts with (some tools add one to a file that has one). */
	utf8Boms: number;
}

/**
 * Bytes decoded at a time. Large enough that slicing costs nothing; small enough that a slice's
 * text (at most 64 KB as UTF-16) is an ordinary young object for V8, collected soon after it is
 * read, rather than a large object that waits for a full collection.
 */
export const DEFAULT_SLICE_BYTES = 32 * 1024;
const LF = 0x0a;

const ENCODING_LABELS: Record<CsvEncoding, string> = {
	'utf-8': 'UTF-8',
	'windows-1252': 'Windows-1252',
	'windows-1250': 'Windows-1250',
	'windows-1251': 'Windows-1251',
	'iso-8859-15': 'ISO-8859-15',
};

/**
 * Checks what can be known before reading the text, and picks the decoding.
 *
 * A byte order mark wins over `encoding` (it is proof of the encoding). With a legacy
 * `encoding`, bytes that are valid UTF-8 are still read as UTF-8: reading them as
 * Windows-1252 would turn "é" into "Ã©", and legacy text is almost never valid UTF-8 by chance.
 * Bytes that do not decode are refused as the text is read (CsvTextSlices), before any error
 * about what the text says.
 */
export function openCsvText(bytes: Uint8Array, encoding: CsvEncoding = 'utf-8'): CsvBytes {
	if (bytes.length === 0) throw emptyFileError('The CSV file is empty (0 bytes).');
	const bom = detectByteOrderMark(bytes);
	// subarray shares the bytes: a 20 MB upload is never copied before decoding.
	const body = bytes.subarray(bom?.length ?? 0);
	if (bom === undefined || bom.encoding === 'utf-8') rejectBinaryContent(body);
	const decoding = bom?.encoding ?? (encoding === 'utf-8' || isValidUtf8(body) ? 'utf-8' : encoding);
	const csv: CsvBytes = { body, decoding, hadBom: bom !== undefined, utf8Boms: bom?.encoding === 'utf-8' ? bom.length / 3 : 0 };
	if (!hasVisibleText(csv)) {
		throw emptyFileError(
			bom && body.length === 0
				? 'The CSV file contains only a byte order mark and no text.'
				: 'The CSV file contains only whitespace.',
		);
	}
	return csv;
}

/**
 * The text of a CSV, a slice at a time. UTF-8 and single-byte slices end just after a line feed
 * where the slice has one, so that most records lie within one slice.
 */
export class CsvTextSlices {
	private offset = 0;
	private readonly decode: SliceDecoder;

	constructor(private readonly csv: CsvBytes) {
		this.decode = sliceDecoder(csv);
	}

	/** The next slice, at least `minBytes` of the file where that many are left; `last` once the file is read. */
	next(minBytes = DEFAULT_SLICE_BYTES): { text: string; last: boolean } {
		const { body } = this.csv;
		const from = this.offset;
		let to = Math.min(body.length, from + Math.max(1, minBytes));
		// A line feed byte is a line feed in UTF-8 and in the single-byte encodings, not in UTF-16.
		if (to < body.length && !isUtf16(this.csv.decoding)) {
			const lineFeed = body.subarray(from, to).lastIndexOf(LF);
			if (lineFeed !== -1) to = from + lineFeed + 1;
		}
		this.offset = to;
		const last = to === body.length;
		const text = this.decode(body.subarray(from, to), last);
		const control = findUnusableControl(text);
		if (control !== -1) {
			throw controlCharacterError(text, control, from, () => decodeLoosely(body.subarray(0, from), this.csv.decoding));
		}
		return { text, last };
	}

	/** Decodes the rest of the file, only to throw the error its first bad byte gives. */
	checkRest(): void {
		while (this.offset < this.csv.body.length) this.next();
	}
}

type SliceDecoder = (slice: Uint8Array, last: boolean) => string;

function sliceDecoder(csv: CsvBytes): SliceDecoder {
	const { decoding, body } = csv;
	// A single-byte encoding maps every byte to a character: any cut is a clean one.
	if (isLegacy(decoding)) return (slice) => decodeLegacyEncoding(slice, decoding);
	// In streaming mode the decoder keeps a character cut by the slice's end for the next slice.
	const decoder = new TextDecoder(decoding, { fatal: true, ignoreBOM: true });
	return (slice, last) => {
		try {
			return decoder.decode(slice, { stream: !last });
		} catch {
			throw decoding === 'utf-8' ? invalidUtf8Error(body) : invalidUtf16Error(decoding);
		}
	};
}

/** Text for an error message: bytes already decoded once without error. */
function decodeLoosely(bytes: Uint8Array, decoding: CsvBytes['decoding']): string {
	return isLegacy(decoding) ? decodeLegacyEncoding(bytes, decoding) : new TextDecoder(decoding).decode(bytes);
}

function detectByteOrderMark(bytes: Uint8Array): ByteOrderMark | undefined {
	let utf8Length = 0;
	while (bytes[utf8Length] === 0xef && bytes[utf8Length + 1] === 0xbb && bytes[utf8Length + 2] === 0xbf) utf8Length += 3;
	if (utf8Length > 0) return { encoding: 'utf-8', length: utf8Length };
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
	return undefined;
}

function isLegacy(decoding: CsvBytes['decoding']): decoding is LegacyEncoding {
	return decoding !== 'utf-8' && !isUtf16(decoding);
}

function isUtf16(decoding: CsvBytes['decoding']): boolean {
	return decoding === 'utf-16le' || decoding === 'utf-16be';
}

/** Whether the whole body is UTF-8, checked a slice at a time so that no text is kept. */
function isValidUtf8(body: Uint8Array): boolean {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	try {
		for (let from = 0; from < body.length; from += DEFAULT_SLICE_BYTES) {
			decoder.decode(body.subarray(from, from + DEFAULT_SLICE_BYTES), { stream: true });
		}
		decoder.decode();
		return true;
	} catch {
		return false;
	}
}

/** Bytes decoded at a time to find text: the first few KB hold some in all but blank files, and a small file is not decoded whole. */
const VISIBLE_TEXT_BYTES = 4096;

/** Whether the text has a character that is not whitespace; decodes only as far as the first one. */
function hasVisibleText(csv: CsvBytes): boolean {
	const slices = new CsvTextSlices(csv);
	for (;;) {
		const { text, last } = slices.next(VISIBLE_TEXT_BYTES);
		if (/\S/.test(text)) return true;
		if (last) return false;
	}
}

/** Excel's "Unicode Text" export is UTF-16 with a byte order mark. */
function invalidUtf16Error(encoding: string): ContactsError {
	return new ContactsError(
		`The file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()} text.`,
		'Open the file in a spreadsheet and save it again as "CSV UTF-8 (Comma delimited)".',
	);
}

/** Points at the first bad byte of the whole body, wherever the decoder stumbled. */
function invalidUtf8Error(body: Uint8Array): ContactsError {
	const location = findInvalidUtf8(body) ?? { offset: 0, line: 1 };
	const badByte = body[location.offset];
	const asWindows1252 = decodeLegacyEncoding(body.subarray(location.offset, location.offset + 1), 'windows-1252');
	return new ContactsError(
		`The CSV file is not valid UTF-8: byte 0x${hex(badByte)} at byte offset ${location.offset} (line ${location.line}) ` +
			`is not UTF-8 (in Windows-1252 it would be "${asWindows1252}").`,
		`This is typical of Excel's "CSV (Comma delimited)" format, which saves Windows-1252. ` +
			`Save the sheet as "CSV UTF-8 (Comma delimited)" instead, or set the node option "File Encoding" ` +
			`to the file's encoding (${legacyEncodingNames()}).`,
	);
}

function hex(byte: number): string {
	return byte.toString(16).toUpperCase().padStart(2, '0');
}

function legacyEncodingNames(): string {
	return Object.entries(ENCODING_LABELS)
		.filter(([encoding]) => encoding !== 'utf-8')
		.map(([, label]) => label)
		.join(', ');
}

function emptyFileError(found: string): ContactsError {
	return new ContactsError(
		found,
		'Attach a CSV with a header line that has a phone_number column and at least one contact below it, and check that the node reads the right file.',
	);
}

// Users attach whatever the previous node produced: a workbook, a PDF, an image. Naming the
// format beats a confusing "no phone_number column" from reading binary as text.

interface BinaryFormat {
	magic: readonly number[];
	found: string;
	hint: string;
}

const EXPORT_AS_CSV_HINT =
	'Export the sheet as CSV first: in Google Sheets use File → Download → Comma-separated values (.csv); in Excel use File → Save As → "CSV UTF-8 (Comma delimited)".';
const NOT_A_CONTACT_LIST_HINT =
	'Attach the contact list as a CSV file (a header line with a phone_number column, one contact per line), and check that the node reads the right file.';

const BINARY_FORMATS: readonly BinaryFormat[] = [
	{
		magic: [0x50, 0x4b, 0x03, 0x04],
		found: 'The file looks like an Excel or zip file (.xlsx, .ods or .zip), not a CSV.',
		hint: EXPORT_AS_CSV_HINT,
	},
	{
		magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
		found: 'The file looks like a legacy Excel workbook (.xls), not a CSV.',
		hint: EXPORT_AS_CSV_HINT,
	},
	{ magic: [0x25, 0x50, 0x44, 0x46, 0x2d], found: 'The file is a PDF document, not a CSV.', hint: NOT_A_CONTACT_LIST_HINT },
	{ magic: [0x89, 0x50, 0x4e, 0x47], found: 'The file is a PNG image, not a CSV.', hint: NOT_A_CONTACT_LIST_HINT },
	{ magic: [0xff, 0xd8, 0xff], found: 'The file is a JPEG image, not a CSV.', hint: NOT_A_CONTACT_LIST_HINT },
	{ magic: [0x47, 0x49, 0x46, 0x38], found: 'The file is a GIF image, not a CSV.', hint: NOT_A_CONTACT_LIST_HINT },
	{
		magic: [0x1f, 0x8b],
		found: 'The file is gzip-compressed, not a plain CSV.',
		hint: 'Decompress it first (for example with the Compression node) and pass the CSV inside.',
	},
];

/** Bytes searched for NUL: text files never contain one, binary files almost always do early. */
const NUL_SCAN_BYTES = 8192;

/** Throws a ContactsError naming the format when the bytes are a known binary format or contain NUL bytes. */
function rejectBinaryContent(bytes: Uint8Array): void {
	for (const format of BINARY_FORMATS) {
		if (startsWith(bytes, format.magic)) throw new ContactsError(format.found, format.hint);
	}
	const nulOffset = bytes.subarray(0, NUL_SCAN_BYTES).indexOf(0);
	if (nulOffset !== -1) {
		throw new ContactsError(
			`The file contains binary data (a NUL byte at byte offset ${nulOffset}), not CSV text.`,
			`${NOT_A_CONTACT_LIST_HINT} If it is UTF-16 text without a byte order mark, save it as "CSV UTF-8" instead.`,
		);
	}
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
	if (bytes.length < magic.length) return false;
	return magic.every((byte, index) => bytes[index] === byte);
}

// Control characters other than tab, CR and LF have no place in a contact list: Trillet cannot
// use them, and a NUL or a bell in the middle of a file usually means it was cut, merged with a
// binary file or saved in the wrong encoding. Refused wherever they are, with their line.

const UNUSABLE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Where an unusable control character is in a slice of decoded text, or -1. */
function findUnusableControl(text: string): number {
	return text.search(UNUSABLE_CONTROL);
}

/**
 * The error for a control character at `index` of `text`, the slice decoded from the bytes at
 * `sliceStart`; `textBefore` decodes the bytes before the slice (to count lines, only now).
 */
function controlCharacterError(text: string, index: number, sliceStart: number, textBefore: () => string): ContactsError {
	const code = text.charCodeAt(index);
	const line = 1 + countLineBreaks(textBefore()) + countLineBreaks(text.slice(0, index));
	const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${code === 0 ? ', a NUL byte' : ''}`;
	return new ContactsError(
		`The CSV has a control character (${name}) on line ${line}, in the slice of the file from byte offset ${sliceStart}: Trillet cannot use it in a contact list.`,
		'Delete the character (most editors do not show it: search for it, or export the list again from the spreadsheet). If the file is not a text file, attach the CSV instead.',
	);
}

/** CRLF, LF and CR, each one line break. */
function countLineBreaks(text: string): number {
	const matches = text.match(/\r\n|\r|\n/g);
	return matches === null ? 0 : matches.length;
}
