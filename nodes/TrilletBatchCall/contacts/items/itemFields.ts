// Reading a field out of an n8n item's JSON and turning it into the text of a CSV cell.

/** Marks a field the item does not have, as opposed to one it has with an empty value. */
export const MISSING: unique symbol = Symbol('missing field');

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

/** The text a value is sent as: strings as they are, dates in ISO 8601, objects and arrays as JSON, nothing as ''. */
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
	return JSON.stringify(value);
}

function isoDate(date: Date): string {
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
