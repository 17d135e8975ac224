import { checkHeader, type HeaderCheck } from './columns';
import { concludeValidation } from './concludeValidation';
import { ContactChecker } from './contactChecker';
import { ByteRecords, CsvBlobWriter, CsvTextSlices, GIVE_UP, type CsvBytes } from './csv';
import type { NumberRules } from './phone';
import type { InvalidRowPolicy, ValidationReport } from './types';

// The fast path: all the performance machinery of the contacts core is here and in
// csv/byteRecords.ts. A UTF-8 file in the common shape (one kind of line break, no blank lines,
// every row as wide as the header) is checked on its bytes: UTF-8 is validated natively
// (TextDecoder, fatal, with control characters refused in the same slices), commas, quotes and line breaks are found with native searches, and the only strings
// made are the column names and each row's phone number. When the file needs no change, the
// caller sends its own bytes; when it does (numbers to reformat, rows to skip), a second pass
// copies each row's bytes with only its number replaced.
// What it buys (npm run bench, a 20 MB file of 200,000 rows): checking went from ~14 MB/s to
// the figure the README gives, and a formatted file is rewritten at a similar speed.
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
	const { body } = csv;
	if (csv.decoding !== 'utf-8') return undefined;
	// Bytes that are not UTF-8 and control characters are refused as the general reader refuses them.
	new CsvTextSlices(csv).checkRest();
	const firstLf = body.indexOf(LF);
	// A file of one line, or one starting with a second byte order mark, is left to the general reader.
	if (firstLf === -1 || (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)) return undefined;
	const crlf = firstLf > 0 && body[firstLf - 1] === CR;
	const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	const decode = (from: number, to: number) => text.toString('utf8', from, to);
	const checked = checkRows(new ByteRecords(body, crlf), policy, decode, numbers);
	if (checked === undefined) return undefined;
	const { header, contacts, rowsRead, changed } = checked;
	const report = concludeValidation(contacts, rowsRead, header.columns, [...header.warnings, ...readingWarnings]);
	if (!changed) return { report };
	return { report, writer: writeRows(new ByteRecords(body, crlf), header, policy, decode, numbers) };
}

type Decode = (from: number, to: number) => string;

interface CheckedRows {
	header: HeaderCheck;
	contacts: ContactChecker;
	rowsRead: number;
	changed: boolean;
}

/** The first pass: the header and every row's phone number; undefined when the file is not of the common shape. */
function checkRows(records: ByteRecords, policy: InvalidRowPolicy, decode: Decode, numbers?: NumberRules): CheckedRows | undefined {
	const header = readHeader(records, decode);
	if (header === undefined) return undefined;
	const contacts = new ContactChecker(policy, numbers);
	let rowsRead = 0;
	let changed = header.changed;
	while (!records.done) {
		const phone = readPhone(records, header.check, decode);
		if (phone === undefined) return undefined;
		rowsRead++;
		const sent = contacts.check({ line: records.line }, phone);
		changed ||= sent !== phone;
	}
	return rowsRead === 0 ? undefined : { header: header.check, contacts, rowsRead, changed };
}

/** The second pass: copies every row that is called, with its number in E.164, as the general path writes it. */
function writeRows(
	records: ByteRecords,
	header: HeaderCheck,
	policy: InvalidRowPolicy,
	decode: Decode,
	numbers?: NumberRules,
): CsvBlobWriter {
	readHeader(records, decode);
	const contacts = new ContactChecker(policy, numbers);
	const writer = new CsvBlobWriter(header.columns);
	const { bytes, starts, ends } = records;
	const phoneIndex = header.phoneIndex;
	while (!records.done) {
		const phone = readPhone(records, header, decode) ?? '';
		const sent = contacts.check({ line: records.line }, phone);
		if (sent === undefined) continue;
		if (records.minimallyQuoted) {
			const before = bytes.subarray(starts[0], starts[phoneIndex]);
			writer.addWrittenRowBytes(before, sent, bytes.subarray(ends[phoneIndex], records.recordEnd));
		} else {
			const cells = header.columns.map((_, index) => records.fieldText(index, decode));
			cells[phoneIndex] = sent;
			writer.addRow(cells);
		}
	}
	return writer;
}

function readHeader(records: ByteRecords, decode: Decode): { check: HeaderCheck; changed: boolean } | undefined {
	const width = records.readRecord();
	if (width === GIVE_UP) return undefined;
	const raw = Array.from({ length: width }, (_, index) => records.fieldText(index, decode));
	const check = checkHeader(raw);
	return { check, changed: check.columns.length !== raw.length || check.columns.some((column, index) => column !== raw[index]) };
}

/** Reads the next row and returns its phone number as written; undefined when the row is not of the common shape. */
function readPhone(records: ByteRecords, header: HeaderCheck, decode: Decode): string | undefined {
	if (records.readRecord() !== header.columns.length) return undefined;
	const phone = records.fieldText(header.phoneIndex, decode);
	// A row without a number may be a blank row (`,,,`), which the general reader leaves out.
	return phone.trim() === '' ? undefined : phone;
}
