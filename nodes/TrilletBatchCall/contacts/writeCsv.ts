// Writes the CSV that is uploaded: RFC 4180, CRLF after every line, UTF-8 without BOM.

const NEEDS_QUOTES = /[",\r\n]|^[ \t]|[ \t]$/;
const QUOTES = /"/g;

/** Bytes per output chunk: big enough that 200,000 rows make only a few dozen chunks. */
const CHUNK_BYTES = 1024 * 1024;

/** Quotes a field when it holds a comma, quote, CR or LF, or starts or ends with a space or tab (so no parser trims it). */
export function escapeCsvField(value: string): string {
	if (!NEEDS_QUOTES.test(value)) return value;
	return `"${value.replace(QUOTES, '""')}"`;
}

/**
 * Builds a CSV row by row straight into UTF-8 chunks, so memory holds the bytes once and no
 * per-row strings or arrays stay alive; `byteLength()` is exact at any time. Given the size it
 * expects, the writer starts with one chunk that large; a CSV that fits in one chunk is returned
 * by `finish()` without a copy (the unused tail of a large chunk is never touched, so the
 * operating system does not back it with memory).
 */
export class CsvWriter {
	private readonly encoder = new TextEncoder();
	private readonly filledChunks: Uint8Array[] = [];
	private filledBytes = 0;
	private chunk: Uint8Array;
	private chunkBytes = 0;
	private rows = 0;
	private finished = false;

	constructor(
		private readonly columns: readonly string[],
		expectedBytes = 0,
	) {
		if (columns.length === 0) throw new Error('CsvWriter needs at least one column');
		this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, expectedBytes));
		this.writeLine(columns);
	}

	/** Data rows added so far (the header is not counted). */
	get rowCount(): number {
		return this.rows;
	}

	/** Appends one data row; it must have exactly one field per column. */
	addRow(fields: readonly string[]): void {
		if (fields.length !== this.columns.length) {
			throw new Error(`CsvWriter row has ${fields.length} fields but the header has ${this.columns.length} columns`);
		}
		this.writeLine(fields);
		this.rows++;
	}

	/** UTF-8 bytes written so far, the header included. */
	byteLength(): number {
		return this.filledBytes + this.chunkBytes;
	}

	/** Returns the whole CSV as one byte array; the writer cannot be used afterwards. */
	finish(): Uint8Array {
		this.assertNotFinished();
		this.finished = true;
		if (this.filledChunks.length === 0) {
			const csv = this.chunk.subarray(0, this.chunkBytes);
			this.chunk = new Uint8Array(0);
			return csv;
		}
		const csv = new Uint8Array(this.byteLength());
		let offset = 0;
		for (const filled of this.filledChunks) {
			csv.set(filled, offset);
			offset += filled.length;
		}
		csv.set(this.chunk.subarray(0, this.chunkBytes), offset);
		this.filledChunks.length = 0;
		this.chunk = new Uint8Array(0);
		return csv;
	}

	private writeLine(fields: readonly string[]): void {
		this.assertNotFinished();
		let line = '';
		for (let index = 0; index < fields.length; index++) {
			line += index === 0 ? escapeCsvField(fields[index]) : `,${escapeCsvField(fields[index])}`;
		}
		this.writeText(`${line}\r\n`);
	}

	private writeText(text: string): void {
		let rest = text;
		for (;;) {
			const { read, written } = this.encoder.encodeInto(rest, this.chunk.subarray(this.chunkBytes));
			this.chunkBytes += written;
			if (read === rest.length) return;
			// The chunk is full: keep what it holds and continue in a fresh one (a long line may need more than a chunk).
			rest = rest.slice(read);
			this.filledChunks.push(this.chunk.subarray(0, this.chunkBytes));
			this.filledBytes += this.chunkBytes;
			this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, rest.length * 3));
			this.chunkBytes = 0;
		}
	}

	private assertNotFinished(): void {
		if (this.finished) throw new Error('CsvWriter was already finished');
	}
}
