import { checkHeader, type HeaderCheck } from './columns';
import { concludeValidation } from './validationReport';
import { CsvBlobWriter, detachString, LineBreakCheck, readCsvRecords, type CsvBytes, type CsvLayout, type CsvWriter, type RecordSpan } from './csv';
import { CsvRecordChecker } from './csvRecordChecker';
import { ContactsError } from './errors';
import type { NumberRules } from './phone';
import type { CheckedUpload, InvalidRowPolicy, ValidationReport } from './types';

// The passes over an uploaded CSV (see csvUpload.ts). Only after the whole first pass is
// it known for sure whether the file can go out as it is. A file that must be cleaned up is
// usually seen to need it early (a reformatted phone number, a BOM, CRLF and LF mixed …): the
// first pass then writes the cleaned-up copy as it goes. A file that still looks clean after its
// first rows is only checked; should it need a rewrite after all, a second pass over the bytes
// writes the copy (parsing is cheap, memory is not).

/** What the passes need to know from the options and from how the bytes are read. */
export interface ScanPlan {
	policy: InvalidRowPolicy;
	numbers?: NumberRules;
	/** Already known before the scan: the file cannot go out as it is (encoding, BOM; line breaks are seen as it is read). */
	rewrite: boolean;
	/** The separator and `sep=` line (layout.ts); a file with either is always written again. */
	layout: CsvLayout;
}

/** Data records the first pass writes out while the file looks clean, in case it is not. */
const SPECULATIVE_RECORDS = 1000;

interface CheckedCsv {
	header: HeaderCheck;
	/** Whether the file cannot go out as it is. */
	changed: boolean;
	report: ValidationReport;
	/** The cleaned-up copy, when the first pass could write it. */
	writer?: CsvBlobWriter;
}

/**
 * The general reader: any file, a slice of text at a time, in one pass or two. prepareCsvFile
 * (csvUpload.ts) calls it for every file the fast path (fastPath/) does not read.
 */
export function checkOnGeneralPath(csv: CsvBytes, plan: ScanPlan, readingWarnings: string[]): CheckedUpload {
	const checked = checkCsv(csv, plan, readingWarnings);
	const { report } = checked;
	// plan.rewrite makes the scan find the file changed: an unchanged file is one sent as it is.
	if (!checked.changed) return { report };
	return { report, writer: checked.writer ?? writeCleanCsv(csv, checked.header, plan) };
}

/**
 * The first pass and its verdict. Only the header, the verdict, the report and any copy written
 * leave here: the checker, with every number seen, can be collected before a second pass.
 */
function checkCsv(csv: CsvBytes, plan: ScanPlan, readingWarnings: string[]): CheckedCsv {
	const scan = scanCsv(csv, plan);
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
	return { header, changed, report, writer: changed ? scan.writer : undefined };
}

interface CsvScan {
	header: HeaderCheck;
	records: CsvRecordChecker;
	/** Whether the file cannot go out as it is. */
	changed: boolean;
	warnings: string[];
	/** Holds every record that is called, cleaned up, unless the file looked clean for its first rows. */
	writer?: CsvBlobWriter;
}

/** The first pass: checks the header and every record, keeping only counts and the problems (and maybe the copy). */
function scanCsv(csv: CsvBytes, plan: ScanPlan): CsvScan {
	let header: HeaderCheck | undefined;
	let records: CsvRecordChecker | undefined;
	let writer: CsvBlobWriter | undefined;
	let strayQuotes = false;
	let headerChanged = false;
	const lineBreaks = new LineBreakCheck();
	const onSlice = (text: string, last: boolean) => lineBreaks.add(text, last);
	const stats = readCsvRecords(csv, (fields, line, strayQuote, span) => {
		strayQuotes ||= strayQuote;
		if (header === undefined || records === undefined) {
			// Copies: the names outlive the slice of text they were read from.
			const rawHeader = fields.map(detachString);
			header = checkHeader(rawHeader, plan.layout.delimiter);
			headerChanged = header.columns.length !== rawHeader.length || header.columns.some((column, index) => column !== rawHeader[index]);
			records = new CsvRecordChecker(header, plan.policy, plan.numbers, plan.layout.delimiter);
			writer = new CsvBlobWriter(header.columns);
			return;
		}
		const cells = records.accept(fields, line);
		if (writer === undefined) return;
		if (cells !== undefined) writeRecord(writer, header, cells, span);
		const changedSoFar = plan.rewrite || lineBreaks.irregular || headerChanged || strayQuotes || records.changedRecords;
		// Clean so far after many rows: most likely sent as it is, so stop copying.
		const looksClean = !changedSoFar && records.rowsRead + records.blankRecords >= SPECULATIVE_RECORDS;
		// Under `fail`, a row that cannot be called means nothing is sent.
		const failed = plan.policy === 'fail' && records.contacts.problemCount > 0;
		if (looksClean || failed) writer = undefined;
	}, { ...plan.layout, oneLineBreakKind: true, onSlice });
	// openCsvText refuses a file without a non-blank character: only a sep= line can be all there is.
	if (header === undefined || records === undefined) {
		throw new ContactsError(
			'The CSV has only its first line, sep=…, and no header line below it.',
			`Add a header line with a "phone_number" column below the sep= line, and the contacts below it.`,
		);
	}
	const blankLines = stats.blankLines + records.blankRecords;
	// A quote written inside an unquoted value (`He said "hi"`) is refused by strict parsers; one in a
	// quoted value is already written as `""` and may go out as it is.
	const changed =
		records.changedRecords || headerChanged || blankLines > 0 || strayQuotes || plan.rewrite || lineBreaks.irregular;
	const warnings =
		blankLines > 0 ? [`${blankLines} empty ${blankLines === 1 ? 'line was' : 'lines were'} left out.`] : [];
	return { header, records, changed, warnings, writer };
}

/**
 * Writes a record that is called. When the file has it written as the writer would write it,
 * the text is copied with only the phone number replaced, instead of quoting each field again.
 */
function writeRecord(writer: CsvWriter, header: HeaderCheck, cells: string[], span: RecordSpan): void {
	const { phoneIndex } = header;
	// A short or trailing-comma record was padded or cut to the header's width: its text is not the row.
	if (!span.minimallyQuoted || span.fieldCount !== header.columns.length) {
		writer.addRow(cells);
		return;
	}
	const { text } = span;
	// An E.164 number never needs quotes.
	const before = text.slice(span.start, span.fieldStart(phoneIndex));
	writer.addWrittenRow(before + cells[phoneIndex] + text.slice(span.fieldEnd(phoneIndex), span.end));
}

/** The second pass: writes the records that are called, cleaned up, with a fresh checker that decides as the first did. */
function writeCleanCsv(csv: CsvBytes, header: HeaderCheck, plan: ScanPlan): CsvBlobWriter {
	const records = new CsvRecordChecker(header, plan.policy, plan.numbers, plan.layout.delimiter);
	const writer = new CsvBlobWriter(header.columns);
	let isHeader = true;
	readCsvRecords(
		csv,
		(fields, line, _strayQuote, span) => {
			if (isHeader) {
				isHeader = false;
				return;
			}
			const cells = records.accept(fields, line);
			if (cells !== undefined) writeRecord(writer, header, cells, span);
		},
		{ ...plan.layout, oneLineBreakKind: true },
	);
	return writer;
}
