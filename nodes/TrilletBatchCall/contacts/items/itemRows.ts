import type { ContactChecker } from '../contactChecker';
import { formatCount } from '../validationReport';
import { ContactsError } from '../errors';
import { MAX_UPLOAD_BYTES, PHONE_COLUMN } from '../types';
import type { CsvWriter } from '../csv';

// Writes one CSV row per item that can be called, stopping as soon as the CSV is too large; each
// cell is a field read out of the item's JSON and turned into text.

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

// Reading a field out of an n8n item's JSON and turning it into the text of a CSV cell.

/** Marks a field the item does not have, as opposed to one it has with an empty value. */
const MISSING: unique symbol = Symbol('missing field');

/**
 * How many levels an object or array may nest to be sent as JSON text: far deeper than real
 * data, and far below the ~4,000 levels at which JSON.stringify runs out of stack (a value that
 * deep fails there, and is then walked here to say why).
 */
export const MAX_NESTING_DEPTH = 1000;

/** A value that cannot be sent as the text of a cell; `reason` completes "the field …". */
export class UnwritableValueError extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'UnwritableValueError';
	}
}

/** Reads `path` from a record: a key that literally holds the dots wins, else the dots walk into nested objects. */
function readField(record: Readonly<Record<string, unknown>>, path: string): unknown {
	if (Object.hasOwn(record, path)) return record[path];
	if (!path.includes('.')) return MISSING;
	let current: unknown = record;
	for (const key of path.split('.')) {
		if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return MISSING;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/**
 * The text a value is sent as: strings as they are, dates in ISO 8601, objects and arrays as
 * JSON, nothing as ''. Throws UnwritableValueError for an object JSON cannot hold.
 */
export function toCellText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined || value === MISSING) return '';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (typeof value !== 'object') return ''; // functions and symbols carry no data
	// Checked by tag, not instanceof: a Date made in n8n's Code node sandbox comes from another realm.
	if (Object.prototype.toString.call(value) === '[object Date]') return isoDate(value as Date);
	const toISO = (value as { toISO?: unknown }).toISO;
	if (typeof toISO === 'function') {
		// Luxon's DateTime, which n8n expressions produce; an invalid one gives null.
		const iso: unknown = toISO.call(value);
		return typeof iso === 'string' ? iso : '';
	}
	return toJsonText(value);
}

function isoDate(date: Date): string {
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function toJsonText(value: object): string {
	let text: string | undefined;
	let failed = false;
	let failure: unknown;
	try {
		text = JSON.stringify(value);
	} catch (error) {
		// A circular reference, a BigInt inside, or nesting deeper than the stack holds.
		failed = true;
		failure = error;
	}
	// More than MAX_NESTING_DEPTH levels take a bracket pair each: only a text that long (or a
	// failure) is walked, not every small object (60 ms less for the bench's 100,000 addresses).
	if (failed || (text !== undefined && text.length >= 2 * (MAX_NESTING_DEPTH + 1))) assertNestingWithinLimit(value);
	if (!failed) return text ?? '';
	const reason = failure instanceof Error ? failure.message : String(failure);
	throw new UnwritableValueError(`cannot be written as JSON text (${reason})`);
}

/** Walks the value without recursion, so no depth can overflow the stack here. */
function assertNestingWithinLimit(root: object): void {
	const open: Array<{ children: readonly unknown[]; next: number }> = [{ children: writtenChildren(root), next: 0 }];
	while (open.length > 0) {
		const level = open[open.length - 1];
		if (level.next === level.children.length) {
			open.pop();
			continue;
		}
		const child = level.children[level.next++];
		if (!isWrittenObject(child)) continue;
		if (open.length === MAX_NESTING_DEPTH) {
			throw new UnwritableValueError(
				`is nested more than ${formatCount(MAX_NESTING_DEPTH)} levels deep (or holds itself), too deep to send as JSON text`,
			);
		}
		open.push({ children: writtenChildren(child), next: 0 });
	}
}

/** The values JSON.stringify writes out of an object: an array's elements, an object's own enumerable values. */
function writtenChildren(value: object): readonly unknown[] {
	return Array.isArray(value) ? value : Object.values(value);
}

/** An object JSON.stringify walks into; it sends what toJSON returns (a Date's ISO text), not the object itself. */
function isWrittenObject(value: unknown): value is object {
	return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
