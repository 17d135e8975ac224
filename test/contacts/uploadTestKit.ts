import { parse } from 'csv-parse/sync';

import { prepareCsvFile, type CsvUploadOptions } from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { ContactsError } from '../../nodes/TrilletBatchCall/contacts/errors';
import type { ValidationReport } from '../../nodes/TrilletBatchCall/contacts/types';

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

/** What prepareCsvFile uploads for `bytes`, read back from the Blob, with its report. */
export async function uploaded(bytes: Uint8Array, options: CsvUploadOptions): Promise<{ csv: Uint8Array; report: ValidationReport }> {
	const { file, report } = prepareCsvFile(bytes, options);
	return { csv: new Uint8Array(await file.arrayBuffer()), report };
}

/** Whether prepareCsvFile uploads exactly the bytes given. */
export async function sentAsItIs(bytes: Uint8Array, options: CsvUploadOptions): Promise<boolean> {
	const { csv } = await uploaded(bytes, options);
	return Buffer.from(csv).equals(bytes);
}
