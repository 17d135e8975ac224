import { unnamedColumnError, type HeaderCheck } from './columns';
import { ContactChecker } from './contactChecker';
import { describeDelimiter, isBlankRecord, type CsvDelimiter } from './csv';
import type { NumberRules } from './phone';
import type { InvalidRowPolicy } from './types';

/**
 * Checks a CSV's data records against its header, one at a time as the parser yields them:
 * which records are called and with which cells. Deterministic, so a second pass over the
 * same text with a fresh checker makes exactly the same decisions.
 */
export class CsvRecordChecker {
	readonly contacts: ContactChecker;
	/** Data records read: blank records (`,,,`) are not counted, they are no one to call. */
	rowsRead = 0;
	/** Records whose every cell is empty, left out without a problem. */
	blankRecords = 0;
	/** Records with fewer fields than the header, sent with the missing cells empty. */
	shortRecords = 0;
	firstShortRecordLine: number | undefined;
	/** Records with empty fields past the header's last column, sent without them. */
	trailingCommaRecords = 0;

	private readonly width: number;
	/** The header's fields, its unnamed trailing columns included. */
	private readonly rawWidth: number;

	constructor(
		private readonly header: HeaderCheck,
		policy: InvalidRowPolicy,
		numbers?: NumberRules,
		/** The file's separator, named in the advice for a row with too many fields. */
		private readonly delimiter: CsvDelimiter = ',',
	) {
		this.contacts = new ContactChecker(policy, numbers);
		this.width = header.columns.length;
		this.rawWidth = this.width + header.unnamedTrailingColumns;
	}

	/** The cells to send for this record (phone in E.164), or undefined when it is blank or left out. */
	accept(fields: string[], line: number): string[] | undefined {
		if (isBlankRecord(fields)) {
			this.blankRecords++;
			return undefined;
		}
		this.rowsRead++;
		if (fields.length > this.width) this.dropEmptyTrailingFields(fields, line);
		if (fields.length > this.width) {
			// Usually an unquoted comma: every cell after it has moved one column to the right.
			const separator = this.delimiter === ',' ? 'commas' : describeDelimiter(this.delimiter);
			const reason = `has ${fields.length} fields, the header has ${this.rawWidth}: quote fields that contain ${separator}`;
			this.contacts.reject({ line }, '', fields.join(this.delimiter), reason);
			return undefined;
		}
		if (fields.length < this.width) this.noteShortRecord(fields, line);
		const phone = this.contacts.check({ line }, fields[this.header.phoneIndex]);
		if (phone === undefined) return undefined;
		// The parser hands over a fresh array per record, so it is ours to fill in.
		fields[this.header.phoneIndex] = phone;
		return fields;
	}

	/** Whether the records, as sent, differ from how they are written in the file. */
	get changedRecords(): boolean {
		const { contacts } = this;
		return (
			contacts.problemCount > 0 ||
			contacts.excludedCount > 0 ||
			contacts.phoneNumbersNormalised > 0 ||
			this.blankRecords > 0 ||
			this.shortRecords > 0 ||
			this.trailingCommaRecords > 0
		);
	}

	/** Notes for the report about records that were sent differently from how they were written. */
	warnings(): string[] {
		const warnings: string[] = [];
		if (this.shortRecords > 0) {
			warnings.push(
				`${this.shortRecords} ${this.shortRecords === 1 ? 'row has' : 'rows have'} fewer fields than the header ` +
					`(the first on line ${this.firstShortRecordLine}): the missing cells at the end were sent empty.`,
			);
		}
		if (this.trailingCommaRecords > 0) {
			warnings.push(
				`${this.trailingCommaRecords} ${this.trailingCommaRecords === 1 ? 'row ends' : 'rows end'} with empty fields past the last column: they were left out.`,
			);
		}
		return warnings;
	}

	/**
	 * Cells under the header's unnamed trailing columns must be empty (those columns are left out);
	 * empty fields past the header (a comma at the end of each row, common in exports) are no data.
	 */
	private dropEmptyTrailingFields(fields: string[], line: number): void {
		// Data past the header: a row with too many fields, which the caller leaves out.
		for (let index = this.rawWidth; index < fields.length; index++) {
			if (fields[index] !== '') return;
		}
		const unnamedEnd = Math.min(fields.length, this.rawWidth);
		for (let index = this.width; index < unnamedEnd; index++) {
			if (fields[index] !== '') throw unnamedColumnError(index, line);
		}
		if (fields.length > this.rawWidth) this.trailingCommaRecords++;
		fields.length = this.width;
	}

	/** Spreadsheets often leave trailing empty cells out; they are taken as empty rather than as an error. */
	private noteShortRecord(fields: string[], line: number): void {
		this.shortRecords++;
		this.firstShortRecordLine ??= line;
		while (fields.length < this.width) fields.push('');
	}
}
