import { checkHeader } from './columns';
import type { HeaderCheck } from './columns';
import { concludeValidation } from './concludeValidation';
import { CsvRecordChecker } from './csvRecordChecker';
import { decodeCsvText } from './decodeCsvText';
import type { CsvEncoding } from './decodeCsvText';
import { ContactsError } from './errors';
import { forEachCsvRecord } from './parseCsv';
import type { InvalidRowPolicy, PreparedCsv } from './types';
import { assertWithinUploadLimit } from './uploadLimit';
import { CsvWriter } from './writeCsv';

// Checks an uploaded CSV completely before anything is sent. Rows stream from the parser into
// the checks and are never collected: a 20 MB file is held as its bytes and its text, nothing more.
// Only after the whole scan is it known whether the file can go out as it is; when it cannot,
// a second pass over the text writes the cleaned-up copy (parsing is cheap, memory is not).

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

/** Validates an uploaded contact CSV and returns the exact bytes to upload with a report of what was checked. */
export function prepareCsvUpload(bytes: Uint8Array, options: CsvUploadOptions): PreparedCsv {
	assertWithinUploadLimit(bytes.length, 'The CSV', SPLIT_HINT);
	const encoding = options.encoding ?? 'utf-8';
	const { text, hadBom } = decodeCsvText(bytes, encoding);
	const reading = describeReading(bytes, text, hadBom, encoding);
	const scan = scanCsv(text, options.invalidRows);
	const { records, header } = scan;
	if (records.rowsRead === 0) {
		throw new ContactsError(
			'The CSV has no rows to call: it has a header line but no contacts below it.',
			'Add the contacts below the header line, one per line, and run again.',
		);
	}
	const warnings = [...header.warnings, ...reading.warnings, ...scan.warnings, ...records.warnings()];
	const report = concludeValidation(records.contacts, records.rowsRead, header.columns, warnings);
	if (reading.unchangedFrom !== undefined && !scan.changed) {
		// Nothing to clean up: send the uploaded bytes themselves, without a copy.
		return { csv: bytes.subarray(reading.unchangedFrom), report };
	}
	const csv = writeCleanCsv(text, header, options.invalidRows);
	assertWithinUploadLimit(csv.length, 'Cleaned up, the CSV', SPLIT_HINT);
	return { csv, report };
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
	/** Whether the cleaned-up CSV would differ from the file (apart from the encoding). */
	changed: boolean;
	warnings: string[];
}

/** The first pass: checks the header and every record, keeping only counts and the problems. */
function scanCsv(text: string, policy: InvalidRowPolicy): CsvScan {
	let header: HeaderCheck | undefined;
	let rawHeader: string[] = [];
	let records: CsvRecordChecker | undefined;
	let quoteInValue = false;
	const stats = forEachCsvRecord(text, (fields, line) => {
		quoteInValue ||= containsQuote(fields);
		if (records !== undefined) {
			records.accept(fields, line);
			return;
		}
		rawHeader = fields;
		header = checkHeader(fields);
		records = new CsvRecordChecker(header, policy);
	});
	// decodeCsvText refuses a file without a non-blank character, so the header was read.
	if (header === undefined || records === undefined) throw new Error('The CSV has no header line');
	const headerChanged = header.columns.some((column, index) => column !== rawHeader[index]);
	const blankLines = stats.blankLines + records.blankRecords;
	// A quote inside a value may have been written unquoted (`He said "hi"`), which strict parsers refuse.
	const changed =
		records.changedRecords || headerChanged || blankLines > 0 || quoteInValue || hasIrregularLineBreaks(text);
	const warnings =
		blankLines > 0 ? [`${blankLines} empty ${blankLines === 1 ? 'line was' : 'lines were'} left out.`] : [];
	return { header, records, changed, warnings };
}

function containsQuote(fields: readonly string[]): boolean {
	for (const field of fields) {
		if (field.includes('"')) return true;
	}
	return false;
}

/** A lone CR, or CRLF and LF mixed in one file. */
function hasIrregularLineBreaks(text: string): boolean {
	return LONE_CR.test(text) || (text.includes('\r\n') && LONE_LF.test(text));
}

/** The second pass: writes the records that are called, cleaned up, with a fresh checker that decides as the first did. */
function writeCleanCsv(text: string, header: HeaderCheck, policy: InvalidRowPolicy): Uint8Array {
	const records = new CsvRecordChecker(header, policy);
	const writer = new CsvWriter(header.columns);
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
