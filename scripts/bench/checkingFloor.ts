// The least checking a file can cost on this machine: the parts any check that keeps the node's
// promises must do, each timed alone on the clean file, and the sum of their fastest runs.
// Whatever else a check does (reading each row, its number, its width) comes on top, so the sum is
// a lower bound on any check's time here, and what an aim leaves above it is all the rest may take.
import { createHash } from 'node:crypto';

import { NumberLog } from '../../nodes/TrilletBatchCall/contacts/fastPath/repeatedNumbers';
import { markdownTable, medianAndMin, min, ms, timeRuns } from './report';

/** Bytes no byte-wise check can step over: delimiters, quotes, line breaks, control characters, bytes of 0x80 or more. */
const MARKED = new Uint8Array(256);
for (const byte of [0x2c, 0x22, 0x0d, 0x0a, 0x7f]) MARKED[byte] = 1;
for (let byte = 0; byte < 0x20; byte++) if (byte !== 0x09) MARKED[byte] = 1;
for (let byte = 0x80; byte < 0x100; byte++) MARKED[byte] = 1;

/**
 * Looks every byte up in a table and counts the marked ones: the fastest way found here to look
 * at every byte, which a check must do to refuse a control character or bytes that are not UTF-8
 * wherever they stand (native searches were slower: see the README).
 */
function lookAtEveryByte(bytes: Uint8Array): number {
	const marked = MARKED;
	let count = 0;
	for (let pos = 0; pos < bytes.length; pos++) count += marked[bytes[pos]];
	return count;
}

/** The digits of each row's first field (the bench files' phone column) as integers, as the fast path keys them. */
function numbersOf(bytes: Uint8Array): Float64Array {
	const numbers: number[] = [];
	let value = 0;
	let inFirstField = true;
	for (let pos = bytes.indexOf(0x0a) + 1; pos < bytes.length; pos++) {
		const byte = bytes[pos];
		if (!inFirstField) {
			if (byte === 0x0a) inFirstField = true;
			continue;
		}
		if (byte >= 0x30 && byte <= 0x39) value = value * 10 + byte - 0x30;
		else if (byte === 0x2c) {
			numbers.push(value);
			value = 0;
			inFirstField = false;
		}
	}
	return Float64Array.from(numbers);
}

export interface CheckingFloor {
	table: string;
	/** The sum of the parts' fastest runs, in milliseconds. */
	totalMs: number;
	/** The Blob's part of it (an upload with no check makes the Blob too). */
	blobMs: number;
}

const BLOB_PART = "the Blob the upload sends (Node's Blob copies the bytes)";

export function measureCheckingFloor(bytes: Buffer, runs: number): CheckingFloor {
	// Timed as the check runs in n8n: after a Blob. Making one detaches an ArrayBuffer (Node's Blob
	// takes the bytes it copied that way), and from then on, for the life of the process, V8 checks
	// every typed-array access in optimised code for a detached buffer: on Node 20 the byte pass
	// below takes ~70 ms for the 18 MB file after any Blob against ~36 ms before (Node 24: 33 / 27).
	// Every Start Batch makes a Blob, so only the first check in a fresh process could run faster.
	new Blob([new Uint8Array(1)]);
	const numbers = numbersOf(bytes);
	const parts: Array<[string, number[]]> = [
		['look at every byte (a 256-entry table, one pass)', timeRuns(runs, () => lookAtEveryByte(bytes))],
		['SHA-256 of the file (the fingerprint that stops a second start)', timeRuns(runs, () => createHash('sha256').update(bytes).digest('hex'))],
		[BLOB_PART, timeRuns(runs, () => new Blob([bytes]))],
		[
			`find repeats among the ${numbers.length.toLocaleString('en')} numbers (the fast path's NumberLog)`,
			timeRuns(runs, () => {
				const log = new NumberLog(numbers.length);
				for (let index = 0; index < numbers.length; index++) log.claimDigits(numbers[index]);
				return log.repeated();
			}),
		],
	];
	const totalMs = parts.reduce((sum, [, durations]) => sum + min(durations), 0);
	const table = markdownTable(
		['Part', 'ms median (min)'],
		[...parts.map(([name, durations]) => [name, medianAndMin(durations, ms)]), ['sum of the fastest runs', ms(totalMs)]],
	);
	const blob = parts.find(([name]) => name === BLOB_PART)?.[1] ?? [0];
	return { table, totalMs, blobMs: min(blob) };
}
