import { csvFileOf, type CsvFile } from './csvFile';
import { checkCsv, writeCleanCsv, type NewWriter, type ScanPlan } from './csvPasses';
import { openCsvText } from './decodeCsvText';
import type { CsvBytes, CsvEncoding } from './decodeCsvText';
import type { NumberRules } from './phone';
import type { InvalidRowPolicy, PreparedCsv, ValidationReport } from './types';
import { assertWithinUploadLimit } from './uploadLimit';
import { CsvBlobWriter, CsvWriter } from './writeCsv';

// Checks an uploaded CSV completely before anything is sent (the passes over it: csvPasses.ts).
// The text is decoded a slice at a time and rows stream from the parser into the checks, never
// collected: a 20 MB file is held as its bytes, one slice of text and the numbers seen, and, when
// it must be cleaned up, the cleaned-up copy.

/** What the user chose for an uploaded CSV. */
export interface CsvUploadOptions {
	invalidRows: InvalidRowPolicy;
	/** The default country and the do-not-call list. */
	numbers?: NumberRules;
	/** How the file is encoded when it is not UTF-8 (a byte order mark or valid UTF-8 wins). */
	encoding?: CsvEncoding;
	/** Bytes decoded at a time (tests use a few, to cut records everywhere). */
	sliceBytes?: number;
}

const SPLIT_HINT = 'Split the contact list into several files of at most 20 MB and start one batch for each.';
const UTF8_BOM_LENGTH = 3;

/** Refuses, before the file is even read, a CSV whose size alone Trillet would refuse. */
export function assertCsvSizeAccepted(byteLength: number): void {
	assertWithinUploadLimit(byteLength, 'The CSV', SPLIT_HINT);
}

/** Validates an uploaded contact CSV and returns the exact bytes to upload with a report of what was checked. */
export function prepareCsvUpload(bytes: Uint8Array, options: CsvUploadOptions): PreparedCsv {
	const prepared = prepare(bytes, options, (columns, expectedBytes) => new CsvWriter(columns, expectedBytes));
	// Nothing to clean up: send the uploaded bytes themselves, without a copy.
	const csv = prepared.writer === undefined ? bytes.subarray(prepared.unchangedFrom) : prepared.writer.finish();
	return { csv, report: prepared.report };
}

/** prepareCsvUpload with the CSV as the Blob an upload sends. */
export interface PreparedCsvFile extends CsvFile {
	report: ValidationReport;
}

/**
 * prepareCsvUpload with the CSV as the Blob an upload sends. A cleaned-up copy goes into the Blob
 * as it is written, so the file, the copy and the Blob are never all in memory at once.
 */
export function prepareCsvFile(bytes: Uint8Array, options: CsvUploadOptions): PreparedCsvFile {
	const prepared = prepare(bytes, options, (columns) => new CsvBlobWriter(columns));
	const { report, writer } = prepared;
	return { ...(writer === undefined ? csvFileOf(bytes.subarray(prepared.unchangedFrom)) : writer.finishFile()), report };
}

/** What to upload: the uploaded bytes from `unchangedFrom`, or what `writer` wrote (unfinished). */
type Prepared<W> = { report: ValidationReport; unchangedFrom: number; writer?: undefined } | { report: ValidationReport; writer: W };

function prepare<W extends CsvWriter>(bytes: Uint8Array, options: CsvUploadOptions, newWriter: NewWriter<W>): Prepared<W> {
	assertCsvSizeAccepted(bytes.length);
	const encoding = options.encoding ?? 'utf-8';
	const csv = openCsvText(bytes, encoding);
	const reading = describeReading(csv, encoding);
	const plan: ScanPlan<W> = {
		policy: options.invalidRows,
		numbers: options.numbers,
		rewrite: reading.unchangedFrom === undefined,
		// The cleaned-up copy is about as long as the file; sized so, it comes out without a copy.
		expectedBytes: bytes.length + (bytes.length >> 3),
		sliceBytes: options.sliceBytes,
		newWriter,
	};
	const checked = checkCsv(csv, plan, reading.warnings);
	const { report } = checked;
	if (!checked.changed && reading.unchangedFrom !== undefined) return { report, unchangedFrom: reading.unchangedFrom };
	const writer = checked.writer ?? writeCleanCsv(csv, checked.header, plan);
	// Checked before the writer is finished, so an oversized CSV is never assembled.
	assertWithinUploadLimit(writer.byteLength(), 'Cleaned up, the CSV', SPLIT_HINT);
	return { report, writer };
}

interface Reading {
	/** Where the text starts in the bytes when the bytes are exactly its UTF-8 form (after a UTF-8 BOM: 3), else undefined. */
	unchangedFrom: number | undefined;
	warnings: string[];
}

/** How the bytes become text, and whether they can be sent as they are. */
function describeReading(csv: CsvBytes, encoding: CsvEncoding): Reading {
	if (csv.hadBom) {
		const utf8 = csv.decoding === 'utf-8';
		const note = utf8
			? 'The file starts with a byte order mark (BOM), which was removed before the upload.'
			: 'The file is UTF-16; it was converted to UTF-8.';
		return { unchangedFrom: utf8 ? UTF8_BOM_LENGTH : undefined, warnings: [note] };
	}
	// ASCII reads the same in every encoding offered.
	if (encoding === 'utf-8' || isAscii(csv.body)) return { unchangedFrom: 0, warnings: [] };
	if (csv.decoding === 'utf-8') {
		return {
			unchangedFrom: 0,
			warnings: [`The option File Encoding is ${encoding}, but the file is valid UTF-8, so it was read as UTF-8.`],
		};
	}
	return { unchangedFrom: undefined, warnings: [`The file was read as ${encoding} and converted to UTF-8.`] };
}

function isAscii(bytes: Uint8Array): boolean {
	for (let index = 0; index < bytes.length; index++) {
		if (bytes[index] >= 0x80) return false;
	}
	return true;
}

