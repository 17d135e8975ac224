import type { CsvWriter } from '../csv';

// Part of the fast path (fastPass.ts): what becomes of each row, and the buffer rows that are
// rewritten are copied into. What it buys (npm run bench, the formatted 600,000-row file): no
// string and no subarray per row; rows go to the writer 64 KB at a time instead of four calls per row.

/** The row is sent as it is written. */
export const AS_WRITTEN = 0;
/** The row is sent with its number as `+` and its digits (spaces and dashes removed). */
export const DIGITS_ONLY = 1;
/** The row is sent with its number as normalisePhoneNumber writes it. */
export const NORMALISED = 2;
/** The row is not sent. */
export const LEFT_OUT = 3;
export type Fate = typeof AS_WRITTEN | typeof DIGITS_ONLY | typeof NORMALISED | typeof LEFT_OUT;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DASH = 0x2d;
const BUFFER_BYTES = 64 * 1024;
/** Ranges up to this long are copied byte by byte: cheaper than a subarray and a native call. */
const SHORT_RANGE = 64;

/** Rows copied from the file's bytes into one buffer, handed to the writer when full. */
export class RowBytes {
	private readonly buffer = new Uint8Array(BUFFER_BYTES);
	private length = 0;
	private rows = 0;

	constructor(private readonly writer: CsvWriter) {}

	/** Copies bytes `from` to `to` of `source`. */
	copy(source: Uint8Array, from: number, to: number): void {
		const count = to - from;
		if (!this.makeRoom(count)) {
			this.writer.addWrittenRowsBytes(source.subarray(from, to), 0);
			return;
		}
		const { buffer } = this;
		if (count > SHORT_RANGE) {
			buffer.set(source.subarray(from, to), this.length);
			this.length += count;
			return;
		}
		let at = this.length;
		for (let pos = from; pos < to; pos++) buffer[at++] = source[pos];
		this.length = at;
	}

	/**
	 * Copies bytes `from` to `to` as one row ending in CRLF, leaving out the spaces and dashes
	 * between `numberFrom` and `numberTo` (a number PlainNumberReader read: `+`, digits, spaces,
	 * dashes). One call and one loop a row, where a copy, the digits and a copy again each made
	 * room in the buffer: with quoting judged while reading (byteRecords.ts), checking the
	 * formatted bench file went from 493 to 395 ms (npm run bench).
	 */
	copyRow(source: Uint8Array, from: number, to: number, numberFrom = to, numberTo = to): void {
		if (to - from + 2 > BUFFER_BYTES) {
			this.copy(source, from, numberFrom);
			this.makeRoom(numberTo - numberFrom);
			this.length = this.writeNumber(source, numberFrom, numberTo, this.length);
			this.copy(source, numberTo, to);
			this.endRow();
			return;
		}
		this.makeRoom(to - from + 2);
		const { buffer } = this;
		let at = this.length;
		for (let pos = from; pos < numberFrom; pos++) buffer[at++] = source[pos];
		at = this.writeNumber(source, numberFrom, numberTo, at);
		for (let pos = numberTo; pos < to; pos++) buffer[at++] = source[pos];
		buffer[at++] = CR;
		buffer[at++] = LF;
		this.length = at;
		this.rows++;
	}

	/** Writes the number between `from` and `to` without its spaces and dashes at `at` (room made); returns where it ends. */
	private writeNumber(source: Uint8Array, from: number, to: number, at: number): number {
		const { buffer } = this;
		let end = at;
		for (let pos = from; pos < to; pos++) {
			const byte = source[pos];
			if (byte !== SPACE && byte !== DASH) buffer[end++] = byte;
		}
		return end;
	}

	/** Writes ASCII text (an E.164 number). */
	ascii(text: string): void {
		this.makeRoom(text.length);
		for (let index = 0; index < text.length; index++) this.buffer[this.length++] = text.charCodeAt(index);
	}

	/** Ends the row with CRLF, as the writer ends every row. */
	endRow(): void {
		this.makeRoom(2);
		this.buffer[this.length++] = CR;
		this.buffer[this.length++] = LF;
		this.rows++;
	}

	/** Hands what is buffered to the writer. */
	flush(): void {
		if (this.length > 0 || this.rows > 0) this.writer.addWrittenRowsBytes(this.buffer.subarray(0, this.length), this.rows);
		this.length = 0;
		this.rows = 0;
	}

	/** Whether `count` more bytes fit, after handing the buffer over if needed. */
	private makeRoom(count: number): boolean {
		if (this.length + count > this.buffer.length) this.flush();
		return count <= this.buffer.length;
	}
}
