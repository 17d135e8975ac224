import { ContactsError } from './errors';

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
export function rejectBinaryContent(bytes: Uint8Array): void {
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
