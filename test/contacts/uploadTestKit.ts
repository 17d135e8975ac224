import { parse } from 'csv-parse/sync';

import { ContactsError } from '../../nodes/TrilletBatchCall/contacts/errors';

/** UTF-8 bytes of a CSV written in a test. */
export function utf8(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}

/** Reads produced CSV bytes with csv-parse (strict: a BOM or a ragged row would show), header first. */
export function readCsv(csv: Uint8Array): string[][] {
	return parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv));
}

/** Runs `work`, which must throw a ContactsError, and returns that error. */
export function contactsErrorFrom(work: () => unknown): ContactsError {
	try {
		work();
	} catch (error) {
		if (error instanceof ContactsError) return error;
		throw error;
	}
	throw new Error('expected a ContactsError, but nothing was thrown');
}
