import type { ContactChecker } from '../contactChecker';
import { formatCount } from '../describeProblems';
import { ContactsError } from '../errors';
import { MAX_UPLOAD_BYTES, PHONE_COLUMN } from '../types';
import type { CsvWriter } from '../csv';
import { MISSING, readField, toCellText, UnwritableValueError } from './itemFields';

// Writes one CSV row per item that can be called, stopping as soon as the CSV is too large.

/** One CSV column after the phone number and where its value comes from. */
export interface ColumnSource {
	column: string;
	field: string;
	/** For a variable: the column name asked for, before it was made safe and unique. */
	requested?: string;
}

/** An item field whose text holds half of a character (a lone UTF-16 surrogate). */
export interface BrokenTextPlace {
	item: number;
	field: string;
}

/** What writing the rows saw, for the report's warnings. */
export interface WrittenRows {
	/** Per source: whether any written item had that field. */
	fieldSeen: boolean[];
	/** The first MAX_LISTED_PLACES fields with a broken character; `brokenTextCount` counts them all. */
	brokenText: BrokenTextPlace[];
	brokenTextCount: number;
}

/** How many places with a broken character the report names; the count covers all of them. */
export const MAX_LISTED_PLACES = 10;

// Half of a surrogate pair: UTF-8 cannot hold it, so it would arrive as U+FFFD. A string without
// one is "well formed" (String.prototype.isWellFormed, Node 20+; the es2022 lib does not declare it).
interface WellFormedText {
	isWellFormed(): boolean;
}
// The same inside JSON text, where JSON.stringify writes it as an escape (an unescaped backslash before it).
const ESCAPED_LONE_SURROGATE = /(?<!\\)(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/;

const TOO_LARGE_HINT =
	'Split the items into several batches (e.g. with Loop Over Items) so each CSV stays under 20 MB, ' +
	'or send fewer fields: every field of any item is a column in every row, so set Agent Variables to "Selected".';

/** Writes the rows of the items that can be called; the checker records the others. */
export function writeItemRows(
	records: ReadonlyArray<Record<string, unknown>>,
	phoneField: string,
	sources: readonly ColumnSource[],
	checker: ContactChecker,
	writer: CsvWriter,
): WrittenRows {
	const written: WrittenRows = { fieldSeen: sources.map(() => false), brokenText: [], brokenTextCount: 0 };
	if (writer.byteLength() >= MAX_UPLOAD_BYTES) throw headerTooLargeError(writer, sources.length);
	// One row array for every item: addRow writes its bytes at once and keeps nothing.
	const row: string[] = new Array<string>(sources.length + 1);
	for (let item = 0; item < records.length; item++) {
		const record = records[item];
		const rawPhone = readField(record, phoneField);
		if (rawPhone === MISSING) {
			checker.reject({ item }, PHONE_COLUMN, '', `is missing: the item has no field "${phoneField}"`);
			continue;
		}
		const phone = checker.check({ item }, cellText(rawPhone, item, phoneField));
		if (phone === undefined) continue;
		row[0] = phone;
		for (let index = 0; index < sources.length; index++) {
			const field = sources[index].field;
			const value = readField(record, field);
			if (value !== MISSING) written.fieldSeen[index] = true;
			const text = cellText(value, item, field);
			if (holdsBrokenCharacter(value, text)) noteBrokenText(written, item, field);
			row[index + 1] = text;
		}
		writer.addRow(row);
		// Checked row by row: a CSV far over the limit is never built, only the row that passes it.
		if (writer.byteLength() >= MAX_UPLOAD_BYTES) throw tooLargeError(item, records.length);
	}
	return written;
}

function noteBrokenText(written: WrittenRows, item: number, field: string): void {
	if (written.brokenTextCount++ < MAX_LISTED_PLACES) written.brokenText.push({ item, field });
}

/** The value's cell text, or an error naming the item and field when it has none. */
function cellText(value: unknown, item: number, field: string): string {
	let failure: unknown;
	try {
		return toCellText(value);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof UnwritableValueError) return unwritable(item, field, failure.reason);
	throw failure;
}

function unwritable(item: number, field: string, reason: string): never {
	throw new ContactsError(
		`Item ${item}'s field "${field}" ${reason}.`,
		'Flatten the item before this node (e.g. with a Set or Code node), or leave the field out: ' +
			'set Agent Variables to "Selected" and list the fields to send.',
		[{ row: { item }, column: field, value: '', reason }],
	);
}

function holdsBrokenCharacter(value: unknown, text: string): boolean {
	// isWellFormed: 16 ms instead of the regex's 47 ms for the bench's 1,000,000 cells.
	if (typeof value === 'string') return !(text as unknown as WellFormedText).isWellFormed();
	return typeof value === 'object' && value !== null && text.includes('\\u') && ESCAPED_LONE_SURROGATE.test(text);
}

function tooLargeError(item: number, itemCount: number): ContactsError {
	return new ContactsError(
		`The CSV built from the input items passes Trillet's limit of 20 MB (${formatCount(MAX_UPLOAD_BYTES)} bytes) ` +
			`at item ${item} of ${formatCount(itemCount)} items, so it was not built further.`,
		TOO_LARGE_HINT,
	);
}

function headerTooLargeError(writer: CsvWriter, columnCount: number): ContactsError {
	return new ContactsError(
		`The header of the CSV built from the input items alone is ${formatCount(writer.byteLength())} bytes ` +
			`(${formatCount(columnCount + 1)} columns), over Trillet's limit of 20 MB (${formatCount(MAX_UPLOAD_BYTES)} bytes).`,
		TOO_LARGE_HINT,
	);
}
