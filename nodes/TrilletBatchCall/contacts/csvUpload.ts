import { csvFileOf, describeDelimiter, detectCsvLayout, openCsvText, type CsvBytes, type CsvEncoding, type CsvFile, type CsvLayout } from './csv';
import { hasPhoneColumn } from './columns';
import { checkOnGeneralPath, type ScanPlan } from './csvPasses';
import { formatCount } from './validationReport';
import { ContactsError } from './errors';
import { checkOnFastPath } from './fastPath';
import type { NumberRules } from './phone';
import { MAX_UPLOAD_BYTES, type CheckedUpload, type InvalidRowPolicy, type ValidationReport } from './types';

// Checks an uploaded CSV completely before anything is sent: on its bytes when it has the common
// shape (fastPath/), else by the general reader (csvPasses.ts). The text is decoded a slice
// at a time and rows stream from the parser into the checks, never collected: a 20 MB file is
// held as its bytes, one slice of text and the numbers seen, and, when it must be cleaned up,
// the cleaned-up copy (written into the Blob the upload sends).

/** What the user chose for an uploaded CSV. */
export interface CsvUploadOptions {
	invalidRows: InvalidRowPolicy;
	/** The default country and the do-not-call list. */
	numbers?: NumberRules;
	/** How the file is encoded when it is not UTF-8 (a byte order mark or valid UTF-8 wins). */
	encoding?: CsvEncoding;
}

const SPLIT_HINT = 'Split the contact list into several files of at most 20 MB and start one batch for each.';
const UTF8_BOM_LENGTH = 3;

/**
 * What is sent is checked against the limit, not what was given: a UTF-16 file halves as UTF-8,
 * and blank rows are left out. A file this far above the limit cannot shrink under it, and is
 * refused before it is read.
 */
const FAR_ABOVE_LIMIT = 2 * MAX_UPLOAD_BYTES;

/** Refuses, before the file is even read, a CSV too large to come under the limit however it is cleaned up. */
export function assertCsvSizeAccepted(byteLength: number): void {
	if (byteLength >= FAR_ABOVE_LIMIT) assertWithinUploadLimit(byteLength, 'The CSV', SPLIT_HINT);
}

/** What is uploaded for a contact CSV: the file exactly as sent, and what was checked. */
export interface PreparedCsvFile extends CsvFile {
	report: ValidationReport;
}

/**
 * Validates an uploaded contact CSV and returns the Blob to upload with a report of what was
 * checked. A file that needs no change is sent as its own bytes; a cleaned-up copy goes into the
 * Blob as it is written, so the file, the copy and the Blob are never all in memory at once.
 */
export function prepareCsvFile(bytes: Uint8Array, options: CsvUploadOptions): PreparedCsvFile {
	const upload = openCsvUpload(bytes, options);
	return csvFileToSend(upload, checkUploadOnFastPath(upload) ?? checkUploadOnGeneralPath(upload));
}

/** The fast path's check (fastPath/); undefined when it gives up, or may not read the file (it reads plain comma files only). */
export function checkUploadOnFastPath({ csv, plan, reading, plain }: OpenedCsvUpload): CheckedUpload | undefined {
	return plain ? checkOnFastPath(csv, plan.policy, reading.warnings, plan.numbers) : undefined;
}

/** The general reader's check (csvPasses.ts), which reads any file. */
export function checkUploadOnGeneralPath({ csv, plan, reading }: OpenedCsvUpload): CheckedUpload {
	return checkOnGeneralPath(csv, plan, reading.warnings);
}

/** An uploaded CSV opened for its check: what either path needs to read it. */
export interface OpenedCsvUpload {
	/** The bytes as given. */
	bytes: Uint8Array;
	csv: CsvBytes;
	plan: ScanPlan;
	reading: Reading;
	/** Separated by commas, with no `sep=` line: a file the fast path may read. */
	plain: boolean;
}

/** Refuses what is refused before any row is read (size, encoding, layout), and plans the check. */
export function openCsvUpload(bytes: Uint8Array, options: CsvUploadOptions): OpenedCsvUpload {
	assertCsvSizeAccepted(bytes.length);
	const encoding = options.encoding ?? 'utf-8';
	const csv = openCsvText(bytes, encoding);
	const layout = detectCsvLayout(csv, hasPhoneColumn);
	const reading = withLayout(describeReading(csv, encoding), layout);
	const plan: ScanPlan = { policy: options.invalidRows, numbers: options.numbers, rewrite: reading.unchangedFrom === undefined, layout };
	return { bytes, csv, plan, reading, plain: isPlain(layout) };
}

/** The file to send once the upload is checked: its own bytes when it needs no change, else the cleaned-up copy. */
export function csvFileToSend(upload: OpenedCsvUpload, { report, writer }: CheckedUpload): PreparedCsvFile {
	if (writer === undefined) {
		// Nothing to clean up: send the uploaded bytes themselves (after a UTF-8 BOM), unchanged.
		const sent = upload.bytes.subarray(upload.reading.unchangedFrom ?? 0);
		assertWithinUploadLimit(sent.length, 'The CSV', SPLIT_HINT);
		return { ...csvFileOf(sent), report };
	}
	// Checked before the writer is finished, so an oversized CSV is never assembled.
	assertWithinUploadLimit(writer.byteLength(), 'Cleaned up, the CSV', SPLIT_HINT);
	return { ...writer.finishFile(), report };
}

/**
 * Throws before an upload Trillet would refuse (HTTP 413) for its size. Multipart parsers such
 * as busboy (under multer) refuse a file that reaches the limit, so 20 MiB exactly is refused too.
 */
function assertWithinUploadLimit(byteLength: number, subject: string, hint: string): void {
	if (byteLength < MAX_UPLOAD_BYTES) return;
	const size = `${formatMegabytes(byteLength)} (${formatCount(byteLength)} bytes)`;
	const limit = `20 MB (${formatCount(MAX_UPLOAD_BYTES)} bytes)`;
	throw new ContactsError(`${subject} is ${size}; Trillet accepts files under ${limit}.`, hint);
}

function formatMegabytes(byteLength: number): string {
	return `${(byteLength / (1024 * 1024)).toFixed(1)} MB`;
}

export interface Reading {
	/** Where the text starts in the bytes when the bytes are exactly its UTF-8 form (after a UTF-8 BOM: 3), else undefined. */
	unchangedFrom: number | undefined;
	warnings: string[];
}

/** How the bytes become text, and whether they can be sent as they are. */
function describeReading(csv: CsvBytes, encoding: CsvEncoding): Reading {
	if (csv.hadBom) {
		const marks = csv.utf8Boms;
		const note =
			marks === 0
				? 'The file is UTF-16; it was converted to UTF-8.'
				: marks === 1
					? 'The file starts with a byte order mark (BOM), which was removed before the upload.'
					: `The file starts with ${marks} byte order marks (BOM), which were removed before the upload.`;
		return { unchangedFrom: marks === 0 ? undefined : marks * UTF8_BOM_LENGTH, warnings: [note] };
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

/** A file read with `;` or tabs, or with a `sep=` line, is written again: Trillet reads commas. */
function withLayout(reading: Reading, layout: CsvLayout): Reading {
	const warnings = [...reading.warnings];
	if (layout.sepLine) {
		warnings.push(`The first line of the file is Excel's separator hint (sep=${layout.delimiter === '\t' ? '<tab>' : layout.delimiter}); it was not sent.`);
	}
	if (layout.delimiter !== ',') {
		warnings.push(`The file separates its fields with ${describeDelimiter(layout.delimiter)}; it was sent to Trillet with commas.`);
	}
	return { unchangedFrom: isPlain(layout) ? reading.unchangedFrom : undefined, warnings };
}

function isPlain(layout: CsvLayout): boolean {
	return layout.delimiter === ',' && !layout.sepLine;
}

function isAscii(bytes: Uint8Array): boolean {
	for (let index = 0; index < bytes.length; index++) {
		if (bytes[index] >= 0x80) return false;
	}
	return true;
}

