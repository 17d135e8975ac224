// Reading a field out of an n8n item's JSON and turning it into the text of a CSV cell.

/** Marks a field the item does not have, as opposed to one it has with an empty value. */
export const MISSING: unique symbol = Symbol('missing field');

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
export function readField(record: Readonly<Record<string, unknown>>, path: string): unknown {
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
				`is nested more than ${MAX_NESTING_DEPTH.toLocaleString('en-US')} levels deep (or holds itself), too deep to send as JSON text`,
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
