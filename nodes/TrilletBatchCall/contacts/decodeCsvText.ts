import { rejectBinaryContent } from './binarySniffing';
import { ContactsError } from './errors';
import { findInvalidUtf8 } from './invalidUtf8';
import { decodeLegacyEncoding } from './legacyEncodings';

/** The encodings a user can declare for an uploaded CSV (the node option "File Encoding"). */
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'windows-1250' | 'windows-1251' | 'iso-8859-15';

type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

interface ByteOrderMark {
	encoding: BomEncoding;
	length: number;
}

const ENCODING_LABELS: Record<CsvEncoding, string> = {
	'utf-8': 'UTF-8',
	'windows-1252': 'Windows-1252',
	'windows-1250': 'Windows-1250',
	'windows-1251': 'Windows-1251',
	'iso-8859-15': 'ISO-8859-15',
};

/**
 * Turns the uploaded bytes into text, refusing anything that would come out garbled.
 *
 * A byte order mark wins over `encoding` (it is proof of the encoding). With a legacy
 * `encoding`, bytes that are valid UTF-8 are still read as UTF-8: reading them as
 * Windows-1252 would turn "é" into "Ã©", and legacy text is almost never valid UTF-8 by chance.
 * `hadBom` says a byte order mark (UTF-8 or UTF-16) was found; it is never part of `text`.
 */
export function decodeCsvText(
	bytes: Uint8Array,
	encoding: CsvEncoding = 'utf-8',
): { text: string; hadBom: boolean } {
	if (bytes.length === 0) throw emptyFileError('The CSV file is empty (0 bytes).');
	const bom = detectByteOrderMark(bytes);
	// subarray shares the bytes: a 20 MB upload is never copied before decoding.
	const body = bytes.subarray(bom?.length ?? 0);
	let text: string;
	if (bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be') {
		text = decodeUtf16(body, bom.encoding);
	} else {
		rejectBinaryContent(body);
		text = bom || encoding === 'utf-8' ? decodeUtf8(body) : decodeLegacy(body, encoding);
	}
	if (!/\S/.test(text)) {
		throw emptyFileError(
			bom && body.length === 0
				? 'The CSV file contains only a byte order mark and no text.'
				: 'The CSV file contains only whitespace.',
		);
	}
	return { text, hadBom: bom !== undefined };
}

function detectByteOrderMark(bytes: Uint8Array): ByteOrderMark | undefined {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
	return undefined;
}

/** Decodes strict UTF-8 or throws a ContactsError that points at the first bad byte. */
function decodeUtf8(body: Uint8Array): string {
	const decoded = tryDecode(body, 'utf-8');
	if (decoded !== undefined) return decoded;
	throw invalidUtf8Error(body);
}

function decodeLegacy(body: Uint8Array, encoding: Exclude<CsvEncoding, 'utf-8'>): string {
	return tryDecode(body, 'utf-8') ?? decodeLegacyEncoding(body, encoding);
}

/** Excel's "Unicode Text" export is UTF-16 with a byte order mark. */
function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
	const text = tryDecode(body, encoding);
	if (text === undefined) {
		throw new ContactsError(
			`The file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()} text.`,
			'Open the file in a spreadsheet and save it again as "CSV UTF-8 (Comma delimited)".',
		);
	}
	return text;
}

/** The text, or undefined when the bytes are not valid in that encoding. */
function tryDecode(body: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): string | undefined {
	try {
		return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
	} catch {
		return undefined;
	}
}

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
