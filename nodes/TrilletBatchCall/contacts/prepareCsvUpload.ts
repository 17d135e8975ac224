import { checkHeader } from './columns';
import type { HeaderCheck } from './columns';
import { concludeValidation } from './concludeValidation';
import { CsvRecordChecker } from './csvRecordChecker';
import { decodeCsvText } from './decodeCsvText';
import type { CsvEncoding } from './decodeCsvText';
import { ContactsError } from './errors';
import { forEachCsvRecord } from './parseCsv';
import type { InvalidRowPolicy, PreparedCsv, ValidationReport } from './types';
import { assertWithinUploadLimit } from './uploadLimit';
import { CsvWriter } from './writeCsv';

// Checks an uploaded CSV completely before anything is sent. Rows stream from the parser into
// the checks and are never collected: a 20 MB file is held as its bytes and its text, nothing more.
// Only after the whole scan is it known for sure whether the file can go out as it is. A file that
// must be cleaned up is usually seen to need it early (a reformatted phone number, a BOM, CRLF and
// LF mixed …): the first pass then writes the cleaned-up copy as it goes. A file that still looks
// clean after its first rows is only checked; should it need a rewrite after all, a second pass
// over the text writes the copy (parsing is cheap, memory is not).

/** What the user chose for an uploaded CSV. */
export interface CsvUploadOptions {
	invalidRows: InvalidRowPolicy;
	/** How the file is encoded when it is not UTF-8 (a byte order mark or valid UTF-8 wins). */
	encoding?: CsvEncoding;
}

const SPLIT_HINT = 'Split the contact list into several files of at most 20 MB and start one batch for each.';
const UTF8_BOM_LENGTH = 3;
// Our parser takes CR, LF and CRLF alike; strict parsers take one kind per file and no lone CR.
const LONE_CR = /\r(?!\n)/;
const LONE_LF = /(?<!\r)\n/;
const NON_ASCII = /[^\x00-\x7F]/;

/** Refuses, before the file is even read, a CSV whose size alone Trillet would refuse. */
export function assertCsvSizeAccepted(byteLength: number): void {
	assertWithinUploadLimit(byteLength, 'The CSV', SPLIT_HINT);
}

/** Validates an uploaded contact CSV and returns the exact bytes to upload with a report of what was checked. */
export function prepareCsvUpload(bytes: Uint8Array, options: CsvUploadOptions): PreparedCsv {
	assertCsvSizeAccepted(bytes.length);
	const encoding = options.encoding ?? 'utf-8';
	const { text, hadBom } = decodeCsvText(bytes, encoding);
	const reading = describeReading(bytes, text, hadBom, encoding);
	const plan: ScanPlan = {
		policy: options.invalidRows,
		rewrite: reading.unchangedFrom === undefined || hasIrregularLineBreaks(text),
		// The cleaned-up copy is about as long as the file; sized so, it comes out without a copy.
		expectedBytes: bytes.length + (bytes.length >> 3),
	};
	const checked = checkCsv(text, plan, reading.warnings);
	if (!checked.changed && reading.unchangedFrom !== undefined) {
		// Nothing to clean up: send the uploaded bytes themselves, without a copy.
		return { csv: bytes.subarray(reading.unchangedFrom), report: checked.report };
	}
	const csv = checked.written ?? writeCleanCsv(text, checked.header, plan);
	assertWithinUploadLimit(csv.length, 'Cleaned up, the CSV', SPLIT_HINT);
	return { csv, report: checked.report };
}

interface ScanPlan {
	policy: InvalidRowPolicy;
	/** Already known before the scan: the file cannot go out as it is (encoding, BOM, line breaks). */
	rewrite: boolean;
	expectedBytes: number;
}

/** Data records the first pass writes out while the file looks clean, in case it is not. */
const SPECULATIVE_RECORDS = 1000;

interface CheckedCsv {
	header: HeaderCheck;
	/** Whether the file cannot go out as it is. */
	changed: boolean;
	report: ValidationReport;
	/** The cleaned-up copy, when the first pass could write it. */
	written?: Uint8Array;
}

/**
 * The first pass and its verdict. Only the header, the verdict, the report and any copy written
 * leave here: the checker, with every number seen, can be collected before a second pass.
 */
function checkCsv(text: string, plan: ScanPlan, readingWarnings: string[]): CheckedCsv {
	const scan = scanCsv(text, plan);
	const { records, header } = scan;
	if (records.rowsRead === 0) {
		throw new ContactsError(
			'The CSV has no rows to call: it has a header line but no contacts below it.',
			'Add the contacts below the header line, one per line, and run again.',
		);
	}
	const warnings = [...header.warnings, ...readingWarnings, ...scan.warnings, ...records.warnings()];
	const report = concludeValidation(records.contacts, records.rowsRead, header.columns, warnings);
	const { changed } = scan;
	return { header, changed, report, written: changed ? scan.writer?.finish() : undefined };
}

interface Reading {
	/** Where the text starts in the bytes when the bytes are exactly its UTF-8 form (after a UTF-8 BOM: 3), else undefined. */
	unchangedFrom: number | undefined;
	warnings: string[];
}

/** How the bytes became text, and whether they can be sent as they are. */
function describeReading(bytes: Uint8Array, text: string, hadBom: boolean, encoding: CsvEncoding): Reading {
	if (hadBom) {
		const utf8 = bytes[0] === 0xef;
		const note = utf8
			? 'The file starts with a byte order mark (BOM), which was removed before the upload.'
			: 'The file is UTF-16; it was converted to UTF-8.';
		return { unchangedFrom: utf8 ? UTF8_BOM_LENGTH : undefined, warnings: [note] };
	}
	if (encoding === 'utf-8' || !NON_ASCII.test(text)) return { unchangedFrom: 0, warnings: [] };
	// A legacy encoding gives one character per byte; UTF-8 fewer characters than bytes once any is not ASCII.
	if (text.length < bytes.length) {
		return {
			unchangedFrom: 0,
			warnings: [`The option File Encoding is ${encoding}, but the file is valid UTF-8, so it was read as UTF-8.`],
		};
	}
	return { unchangedFrom: undefined, warnings: [`The file was read as ${encoding} and converted to UTF-8.`] };
}

interface CsvScan {
	header: HeaderCheck;
	records: CsvRecordChecker;
	/** Whether the file cannot go out as it is. */
	changed: boolean;
	warnings: string[];
	/** Holds every record that is called, cleaned up, unless the file looked clean for its first rows. */
	writer?: CsvWriter;
}

/** The first pass: checks the header and every record, keeping only counts and the problems (and maybe the copy). */
function scanCsv(text: string, plan: ScanPlan): CsvScan {
	let header: HeaderCheck | undefined;
	let rawHeader: string[] = [];
	let records: CsvRecordChecker | undefined;
	let writer: CsvWriter | undefined;
	let strayQuotes = false;
	let headerChanged = false;
	const stats = forEachCsvRecord(text, (fields, line, strayQuote) => {
		strayQuotes ||= strayQuote;
		if (records === undefined) {
			rawHeader = fields;
			header = checkHeader(fields);
			headerChanged = header.columns.some((column, index) => column !== rawHeader[index]);
			records = new CsvRecordChecker(header, plan.policy);
			writer = new CsvWriter(header.columns, plan.expectedBytes);
			return;
		}
		const cells = records.accept(fields, line);
		if (writer === undefined) return;
		if (cells !== undefined) writer.addRow(cells);
		const changedSoFar = plan.rewrite || headerChanged || strayQuotes || records.changedRecords;
		// Clean so far after many rows: most likely sent as it is, so stop copying.
		const looksClean = !changedSoFar && records.rowsRead + records.blankRecords >= SPECULATIVE_RECORDS;
		// Under `fail`, a row that cannot be called means nothing is sent.
		const failed = plan.policy === 'fail' && records.contacts.problemCount > 0;
		if (looksClean || failed) writer = undefined;
	});
	// decodeCsvText refuses a file without a non-blank character, so the header was read.
	if (header === undefined || records === undefined) throw new Error('The CSV has no header line');
	const blankLines = stats.blankLines + records.blankRecords;
	// A quote written inside an unquoted value (`He said "hi"`) is refused by strict parsers; one in a
	// quoted value is already written as `""` and may go out as it is.
	const changed = records.changedRecords || headerChanged || blankLines > 0 || strayQuotes || plan.rewrite;
	const warnings =
		blankLines > 0 ? [`${blankLines} empty ${blankLines === 1 ? 'line was' : 'lines were'} left out.`] : [];
	return { header, records, changed, warnings, writer };
}

/** A lone CR, or CRLF and LF mixed in one file. */
function hasIrregularLineBreaks(text: string): boolean {
	return LONE_CR.test(text) || (text.includes('\r\n') && LONE_LF.test(text));
}

/** The second pass: writes the records that are called, cleaned up, with a fresh checker that decides as the first did. */
function writeCleanCsv(text: string, header: HeaderCheck, plan: ScanPlan): Uint8Array {
	const records = new CsvRecordChecker(header, plan.policy);
	const writer = new CsvWriter(header.columns, plan.expectedBytes);
	let isHeader = true;
	forEachCsvRecord(text, (fields, line) => {
		if (isHeader) {
			isHeader = false;
			return;
		}
		const cells = records.accept(fields, line);
		if (cells !== undefined) writer.addRow(cells);
	});
	return writer.finish();
}
