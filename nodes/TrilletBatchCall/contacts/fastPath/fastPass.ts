import { checkHeader, type HeaderCheck } from '../columns';
import { concludeValidation } from '../validationReport';
import { ContactChecker, type WrittenNumber } from '../contactChecker';
import { CsvBlobWriter, CsvTextSlices, type CsvBytes } from '../csv';
import type { NumberRules } from '../phone';
import type { CheckedUpload, InvalidRowPolicy } from '../types';
import { ByteRecords, GIVE_UP } from './byteRecords';
import { NOT_PLAIN, PLAIN_E164, PLAIN_FORMATTED, PlainNumberReader } from './plainNumbers';
import { estimateRows, NumberLog } from './repeatedNumbers';
import { RowBytes, AS_WRITTEN, DIGITS_ONLY, LEFT_OUT, NORMALISED, type Fate } from './rowBytes';

// The fast path's one pass over a file (the overview and what each trick buys: index.ts).

const LF = 0x0a;
const CR = 0x0d;

/** Checks (and rewrites when needed) a UTF-8 file of the common shape, or gives up with undefined. */
export function checkOnFastPath(
	csv: CsvBytes,
	policy: InvalidRowPolicy,
	readingWarnings: string[],
	numbers?: NumberRules,
): CheckedUpload | undefined {
	if (csv.decoding !== 'utf-8') return undefined;
	const result = checkBytes(csv, policy, readingWarnings, numbers);
	if (result === undefined) refuseUnusableText(csv);
	return result;
}

/**
 * Bytes that are not UTF-8 and control characters are refused before anything else, with the
 * general reader's messages. A file read to its end on bytes has neither (the byte
 * reader's table), so only a file the fast path gives up on is decoded here.
 */
function refuseUnusableText(csv: CsvBytes): void {
	new CsvTextSlices(csv).checkRest();
}

function checkBytes(csv: CsvBytes, policy: InvalidRowPolicy, readingWarnings: string[], numbers?: NumberRules): CheckedUpload | undefined {
	const { body } = csv;
	const firstLf = body.indexOf(LF);
	// A file of one line is left to the general reader (openCsvText took off every byte order mark).
	if (firstLf === -1) return undefined;
	const crlf = firstLf > 0 && body[firstLf - 1] === CR;
	const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	const decode = (from: number, to: number) => text.toString('utf8', from, to);
	const log = new NumberLog(estimateRows(body));
	let pass = readFile(body, crlf, decode, new ContactChecker(policy, numbers, log));
	if (pass === undefined) return undefined;
	const repeated = log.repeated();
	if (repeated !== undefined) {
		// A number came twice: read again knowing which, so that the rows that repeat it are left
		// out (and named) exactly as the general reader does. The first reading, and its copy if the
		// file is rewritten, is let go before: a rewritten file with a repeat is copied twice.
		pass = undefined;
		pass = readFile(body, crlf, decode, new ContactChecker(policy, numbers, repeated));
		if (pass === undefined) return undefined;
	}
	const { header } = pass;
	const report = concludeValidation(pass.contacts, pass.rowsRead, header.columns, [...header.warnings, ...readingWarnings]);
	return { report, writer: pass.finish() };
}

/** Reads the whole file with `contacts`; undefined when it is not of the common shape. */
function readFile(body: Uint8Array, crlf: boolean, decode: Decode, contacts: ContactChecker): FastPass | undefined {
	const records = new ByteRecords(body, crlf);
	const header = readHeader(records, decode);
	if (header === undefined) return undefined;
	const pass = new FastPass(records, crlf, header.check, decode, contacts);
	if (header.changed) pass.startWriting(0);
	return pass.readRows() ? pass : undefined;
}

type Decode = (from: number, to: number) => string;

/**
 * One pass over the rows: each row's number is checked and, from the first row that cannot go
 * out as it is (the rows before it are copied then), each row sent is written as it is read.
 */
class FastPass {
	rowsRead = 0;
	private readonly plain = new PlainNumberReader();
	private readonly written: WrittenNumber;
	private writer?: CsvBlobWriter;
	private out?: RowBytes;

	constructor(
		/** The file's records, the header read. */
		private readonly records: ByteRecords,
		private readonly crlf: boolean,
		readonly header: HeaderCheck,
		private readonly decode: Decode,
		readonly contacts: ContactChecker,
	) {
		const { plain } = this;
		this.written = { raw: () => records.fieldText(header.phoneIndex, decode), e164: () => `+${plain.digits}` };
	}

	/** Reads every row; false when the file is not of the common shape. */
	readRows(): boolean {
		const { records, plain, contacts, header, decode } = this;
		const { bytes } = records;
		const { columns, phoneIndex } = header;
		records.keptField = phoneIndex;
		while (!records.done) {
			if (records.readRecord() !== columns.length) return false;
			const reading = plain.read(bytes, records.keptStart, records.keptEnd);
			let fate: Fate;
			let sent = '';
			if (reading !== NOT_PLAIN) {
				const called = contacts.checkPlainNumber(records.line, plain.digits, reading === PLAIN_FORMATTED, this.written);
				fate = !called ? LEFT_OUT : reading === PLAIN_E164 ? AS_WRITTEN : DIGITS_ONLY;
			} else {
				const phone = records.fieldText(phoneIndex, decode);
				// A row without a number may be a blank row (`,,,`), which the general reader leaves out.
				if (phone.trim() === '') return false;
				sent = contacts.check({ line: records.line }, phone) ?? '';
				fate = sent === '' ? LEFT_OUT : sent === phone ? AS_WRITTEN : NORMALISED;
			}
			this.rowsRead++;
			// Under "fail", once a row has a problem nothing will be sent: no copy is made.
			if (fate === AS_WRITTEN && this.out === undefined) continue;
			if (contacts.policy === 'fail' && contacts.problemCount > 0) continue;
			if (this.out === undefined) this.startWriting(this.rowsRead - 1);
			if (fate !== LEFT_OUT) this.writeRow(records, fate, sent);
		}
		return this.rowsRead > 0;
	}

	/** Starts the copy, with the `rows` rows before this one as they are (read again: they were all sent unchanged). */
	startWriting(rows: number): void {
		this.writer = new CsvBlobWriter(this.header.columns);
		this.out = new RowBytes(this.writer);
		this.records.noteSpacedValues = true;
		const before = new ByteRecords(this.records.bytes, this.crlf);
		readHeader(before, this.decode);
		before.noteSpacedValues = true;
		before.keptField = this.header.phoneIndex;
		for (let row = 0; row < rows; row++) {
			before.readRecord();
			this.writeRow(before, AS_WRITTEN, '');
		}
	}

	/** The copy, or undefined when the file goes out as it is. */
	finish(): CsvBlobWriter | undefined {
		this.out?.flush();
		return this.writer;
	}

	/** Writes the record just read, with its number as sent (`sent`: for NORMALISED), as the general path writes it. */
	private writeRow(records: ByteRecords, fate: Fate, sent: string): void {
		const out = this.out as RowBytes;
		const { bytes, recordStart, keptStart, keptEnd } = records;
		const { phoneIndex } = this.header;
		if (!records.isMinimallyQuoted()) {
			// Quoted more than needed, or spaces around a value: written field by field.
			out.flush();
			const cells = this.header.columns.map((_, index) => records.fieldText(index, this.decode));
			if (fate !== AS_WRITTEN) cells[phoneIndex] = fate === DIGITS_ONLY ? `+${this.plain.digits}` : sent;
			(this.writer as CsvBlobWriter).addRow(cells);
			return;
		}
		if (fate === AS_WRITTEN) {
			out.copyRow(bytes, recordStart, records.recordEnd);
		} else if (fate === DIGITS_ONLY) {
			out.copyRow(bytes, recordStart, records.recordEnd, keptStart, keptEnd);
		} else {
			out.copy(bytes, recordStart, keptStart);
			out.ascii(sent);
			out.copy(bytes, keptEnd, records.recordEnd);
			out.endRow();
		}
	}
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
