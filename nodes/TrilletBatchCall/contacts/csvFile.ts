import { createHash } from 'node:crypto';

/** The type of the uploaded file. */
export const CSV_MIME_TYPE = 'text/csv';

/**
 * A CSV as the Blob an upload sends (FormData takes a Blob, which holds its own copy of the
 * bytes), with the SHA-256 of its bytes, taken before they are let go.
 */
export interface CsvFile {
	file: Blob;
	/** Hex SHA-256 of the file's bytes. */
	sha256: string;
}

/** A CsvFile made of the CSV bytes given. */
export function csvFileOf(bytes: Uint8Array): CsvFile {
	return { file: new Blob([bytes], { type: CSV_MIME_TYPE }), sha256: createHash('sha256').update(bytes).digest('hex') };
}
