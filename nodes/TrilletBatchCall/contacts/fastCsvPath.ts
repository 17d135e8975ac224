import { checkHeader, type HeaderCheck } from './columns';
import { concludeValidation } from './concludeValidation';
import { ContactChecker, type WrittenNumber } from './contactChecker';
import { ByteRecords, CsvBlobWriter, CsvTextSlices, GIVE_UP, isUtf8, type CsvBytes } from './csv';
import { NOT_PLAIN, PLAIN_E164, PLAIN_FORMATTED, PlainNumberReader } from './fastPhoneNumbers';
import { normalisePhoneNumber, type NumberRules } from './phone';
import { RowFates, RowBytes, estimateRows, AS_WRITTEN, DIGITS_ONLY, LEFT_OUT, NORMALISED, type Fate } from './fastRowBytes';
import type { InvalidRowPolicy, ValidationReport } from './types';

// The fast path: all the performance machinery of the contacts core is here, in
// fastPhoneNumbers.ts, fastRowBytes.ts and csv/byteRecords.ts. A UTF-8 file in the common shape
// (one kind of line break, no blank lines, every row as wide as the header) is checked on its
// bytes. What each trick buys, measured on the bench's 600,000-row file (`npm run bench`):
// - UTF-8 is validated by a loop that steps over ASCII (csv/byteRecords.ts), and control characters are found by the byte
//   reader's own table (csv/byteRecords.ts) instead of decoding the whole file and searching it
//   with a regular expression: ~10% of checking a clean file.
// - Commas, quotes and line breaks are found by one loop over a 256-entry table (byteRecords.ts).
// - A number written `+digits` (with or without spaces and dashes) is read from the bytes into
//   one integer, with no string (fastPhoneNumbers.ts): a string, three regular expressions and a
//   map lookup less per row; the duplicate table holds those integers and is sized once from
//   the rows expected (firstSeenNumbers.ts). Together about half of checking a clean file.
// - The first pass keeps each row's fate in one byte (fastRowBytes.ts), so a file that must be
//   rewritten is copied in a second pass as byte ranges into one buffer, with no string and no
//   phone check per row, and handed to the writer a buffer at a time.
// - A file that needs no change is sent as its own bytes by the caller (csvUpload.ts).
// Anything else, or anything in doubt, gives up (undefined): the general reader (csvPasses.ts)
// reads the file from the start and decides. Both paths send the same bytes with the same
// report; a property test holds them together (test/contacts/fastCsvPath.test.ts).

/** The report of a file read on the fast path, and the rewritten copy when it cannot go out as it is. */
export interface FastPathResult {
	report: ValidationReport;
	writer?: CsvBlobWriter;
}

const LF = 0x0a;
const CR = 0x0d;

/** Checks (and rewrites when needed) a UTF-8 file of the common shape, or gives up with undefined. */
export function checkOnFastPath(
	csv: CsvBytes,
	policy: InvalidRowPolicy,
	readingWarnings: string[],
	numbers?: NumberRules,
): FastPathResult | undefined {
	if (csv.decoding !== 'utf-8') return undefined;
	const result = isUtf8(csv.body) ? checkBytes(csv, policy, readingWarnings, numbers) : undefined;
	if (result === undefined) refuseUnusableText(csv);
	return result;
}

/**
 * Bytes that are not UTF-8 and control characters are refused before anything else, with the
 * general reader's messages. A file read to its end on bytes has neither (isUtf8 and the byte
 * reader's table), so only a file the fast path gives up on is decoded here.
 */
function refuseUnusableText(csv: CsvBytes): void {
	new CsvTextSlices(csv).checkRest();
}

function checkBytes(csv: CsvBytes, policy: InvalidRowPolicy, readingWarnings: string[], numbers?: NumberRules): FastPathResult | undefined {
	const { body } = csv;
	const firstLf = body.indexOf(LF);
	// A file of one line, or one starting with a second byte order mark, is left to the general reader.
	if (firstLf === -1 || (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)) return undefined;
	const crlf = firstLf > 0 && body[firstLf - 1] === CR;
	const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	const decode = (from: number, to: number) => text.toString('utf8', from, to);
	const checked = checkRows(new ByteRecords(body, crlf), policy, decode, numbers, estimateRows(body));
	if (checked === undefined) return undefined;
	const { header, contacts, fates, changed } = checked;
	const report = concludeValidation(contacts, fates.count, header.columns, [...header.warnings, ...readingWarnings]);
	if (!changed) return { report };
	return { report, writer: writeRows(new ByteRecords(body, crlf), header, fates, decode, numbers) };
}

type Decode = (from: number, to: number) => string;

interface CheckedRows {
	header: HeaderCheck;
	contacts: ContactChecker;
	fates: RowFates;
	changed: boolean;
}

/** The first pass: the header and every row's phone number; undefined when the file is not of the common shape. */
function checkRows(
	records: ByteRecords,
	policy: InvalidRowPolicy,
	decode: Decode,
	numbers: NumberRules | undefined,
	expectedRows: number,
): CheckedRows | undefined {
	const header = readHeader(records, decode);
	if (header === undefined) return undefined;
	const { columns, phoneIndex } = header.check;
	const contacts = new ContactChecker(policy, numbers, expectedRows);
	const fates = new RowFates(expectedRows);
	const plain = new PlainNumberReader();
	const written = writtenNumber(records, phoneIndex, decode, plain);
	const { bytes, starts, ends } = records;
	let changed = header.changed;
	while (!records.done) {
		if (records.readRecord() !== columns.length) return undefined;
		const reading = plain.read(bytes, starts[phoneIndex], ends[phoneIndex]);
		let fate: Fate;
		if (reading !== NOT_PLAIN) {
			const called = contacts.checkPlainNumber(records.line, plain.digits, reading === PLAIN_FORMATTED, written);
			fate = !called ? LEFT_OUT : reading === PLAIN_E164 ? AS_WRITTEN : DIGITS_ONLY;
		} else {
			const phone = records.fieldText(phoneIndex, decode);
			// A row without a number may be a blank row (`,,,`), which the general reader leaves out.
			if (phone.trim() === '') return undefined;
			const sent = contacts.check({ line: records.line }, phone);
			fate = sent === undefined ? LEFT_OUT : sent === phone ? AS_WRITTEN : NORMALISED;
		}
		fates.add(fate);
		if (fate !== AS_WRITTEN) changed = true;
	}
	return fates.count === 0 ? undefined : { header: header.check, contacts, fates, changed };
}

/** The number of the record just read as text, for a message (one object for the whole file). */
function writtenNumber(records: ByteRecords, phoneIndex: number, decode: Decode, plain: PlainNumberReader): WrittenNumber {
	return { raw: () => records.fieldText(phoneIndex, decode), e164: () => `+${plain.digits}` };
}

/** The second pass: copies every row that is called, with its number in E.164, as the general path writes it. */
function writeRows(records: ByteRecords, header: HeaderCheck, fates: RowFates, decode: Decode, numbers?: NumberRules): CsvBlobWriter {
	readHeader(records, decode);
	const writer = new CsvBlobWriter(header.columns);
	const out = new RowBytes(writer);
	const { bytes, starts, ends } = records;
	const { phoneIndex } = header;
	const normalised = () => {
		const result = normalisePhoneNumber(records.fieldText(phoneIndex, decode), numbers);
		return result.ok ? result.phone : '';
	};
	for (let row = 0; !records.done; row++) {
		records.readRecord();
		const fate = fates.get(row);
		if (fate === LEFT_OUT) continue;
		if (!records.minimallyQuoted) {
			// Quoted more than needed, or spaces around a value: written field by field, as the general path writes it.
			out.flush();
			const cells = header.columns.map((_, index) => records.fieldText(index, decode));
			if (fate !== AS_WRITTEN) cells[phoneIndex] = normalised();
			writer.addRow(cells);
			continue;
		}
		if (fate === AS_WRITTEN) {
			out.copy(bytes, starts[0], records.recordEnd);
		} else {
			out.copy(bytes, starts[0], starts[phoneIndex]);
			if (fate === DIGITS_ONLY) out.copyDigits(bytes, starts[phoneIndex], ends[phoneIndex]);
			else out.ascii(normalised());
			out.copy(bytes, ends[phoneIndex], records.recordEnd);
		}
		out.endRow();
	}
	out.flush();
	return writer;
}

function readHeader(records: ByteRecords, decode: Decode): { check: HeaderCheck; changed: boolean } | undefined {
	const width = records.readRecord();
	if (width === GIVE_UP) return undefined;
	const raw = Array.from({ length: width }, (_, index) => records.fieldText(index, decode));
	let check: HeaderCheck;
	try {
		check = checkHeader(raw);
	} catch {
		// A header with a problem: the general reader reports it, after what it refuses first.
		return undefined;
	}
	return { check, changed: check.columns.length !== raw.length || check.columns.some((column, index) => column !== raw[index]) };
}
