import { capacityFor, digitsOf, EMPTY, FirstSeenNumbers, hash, INITIAL_CAPACITY, type NumberClaims } from '../firstSeenNumbers';

// Part of the fast path (index.ts): repeated numbers found once the file is read, not row by row.

const LF = 0x0a;
/** Bytes of the start of a file in which its line breaks are counted, to estimate its rows. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Fewest bytes a row is assumed to take when the NumberLog is sized: a contact row is rarely
 * shorter (a number alone is 9–17). A file of shorter rows only makes the log grow as it fills.
 */
const SHORTEST_ROW_BYTES = 16;

/**
 * About how many lines the file has, from the line breaks in its first bytes (to size the
 * NumberLog once), and never more than one per SHORTEST_ROW_BYTES: a file that starts with
 * short lines cannot make the log, at 8 bytes a number, more than half the file's size.
 */
export function estimateRows(bytes: Uint8Array): number {
	const sample = Math.min(bytes.length, SAMPLE_BYTES);
	let breaks = 0;
	for (let pos = 0; pos < sample; pos++) if (bytes[pos] === LF) breaks++;
	const estimate = Math.ceil((Math.max(breaks, 1) * bytes.length) / Math.max(sample, 1));
	return Math.min(estimate, Math.ceil(bytes.length / SHORTEST_ROW_BYTES));
}

/**
 * The fast path's first reading of a file (fastPass.ts): every number is noted in a list and
 * called new; at the end, repeated() finds the numbers noted more than once. A file without a
 * repeated number (most) is then done; one with some is read again with a RepeatedNumbers, which
 * answers exactly what FirstSeenNumbers would. What it buys (npm run bench, 600,000 rows): a
 * FirstSeenNumbers of 600,000 numbers spans 12 MB, and each claim lands in a random place in it
 * (~100 ns, a cache miss); appending to a list and finding repeats part by part, each part's
 * table small enough for the cache, costs ~30 ms for the whole file, and holds 8 bytes a number.
 */
export class NumberLog implements NumberClaims {
	private keys: Float64Array;
	private size = 0;

	constructor(expectedNumbers = 0) {
		this.keys = new Float64Array(Math.max(INITIAL_CAPACITY, expectedNumbers));
	}

	claim(phone: string): undefined {
		return this.claimDigits(digitsOf(phone));
	}

	claimDigits(key: number): undefined {
		if (this.size === this.keys.length) {
			const grown = new Float64Array(this.keys.length * 2);
			grown.set(this.keys);
			this.keys = grown;
		}
		this.keys[this.size++] = key;
		return undefined;
	}

	/**
	 * The numbers noted more than once, or undefined when every number was noted once. The list is
	 * reordered where it is, by part: the numbers it holds stay the same.
	 */
	repeated(): RepeatedNumbers | undefined {
		const { keys, size } = this;
		// Parts of about PART_NUMBERS numbers each, by the top bits of their hash.
		const partBits = Math.min(16, Math.max(1, Math.ceil(Math.log2(Math.max(1, size / PART_NUMBERS)))));
		const shift = 32 - partBits;
		const partStarts = new Int32Array((1 << partBits) + 1);
		for (let index = 0; index < size; index++) partStarts[partOf(keys[index], shift) + 1]++;
		let largestPart = 0;
		for (let part = 0; part < 1 << partBits; part++) {
			largestPart = Math.max(largestPart, partStarts[part + 1]);
			partStarts[part + 1] += partStarts[part];
		}
		groupByPart(keys, partStarts, shift);
		const table = new Float64Array(capacityFor(largestPart));
		const mask = table.length - 1;
		const repeated: number[] = [];
		for (let part = 0; part < 1 << partBits; part++) {
			const from = partStarts[part];
			const to = partStarts[part + 1];
			for (let index = from; index < to; index++) {
				const key = keys[index];
				let slot = hash(key) & mask;
				while (table[slot] !== EMPTY && table[slot] !== key) slot = (slot + 1) & mask;
				if (table[slot] === EMPTY) table[slot] = key;
				else repeated.push(key);
			}
			table.fill(EMPTY);
		}
		return repeated.length === 0 ? undefined : new RepeatedNumbers(repeated);
	}
}

/**
 * Moves each number into its part, in place (each part from partStarts[part] to
 * partStarts[part + 1]): a number is taken from the first place in its part not yet filled, and
 * the one it displaces goes on to its own part, until one lands where the chain began. Each number
 * is moved once. What it buys (the bench's upload of the clean file, filesystem mode): grouped
 * into a copy instead, 8 bytes a number more, the peak memory above idle was 3.5× the file, not
 * 2.9–3.0×, in the same ~30 ms.
 */
function groupByPart(keys: Float64Array, partStarts: Int32Array, shift: number): void {
	const parts = partStarts.length - 1;
	const next = partStarts.slice(0, parts);
	for (let part = 0; part < parts; part++) {
		const end = partStarts[part + 1];
		while (next[part] < end) {
			let key = keys[next[part]];
			let home = partOf(key, shift);
			while (home !== part) {
				const displaced = keys[next[home]];
				keys[next[home]++] = key;
				key = displaced;
				home = partOf(key, shift);
			}
			keys[next[part]++] = key;
		}
	}
}

/** Numbers per part when repeats are looked for: a part's table (8 bytes a slot) stays in the cache. */
const PART_NUMBERS = 2048;

/**
 * First seen, for the numbers known to repeat (NumberLog.repeated()) and no other: claim() answers
 * as FirstSeenNumbers would, and a number not among them is new without being looked for further.
 */
export class RepeatedNumbers implements NumberClaims {
	private readonly seen: FirstSeenNumbers;
	private readonly members: FirstSeenNumbers;

	constructor(repeated: readonly number[]) {
		this.seen = new FirstSeenNumbers(repeated.length);
		this.members = new FirstSeenNumbers(repeated.length);
		for (const key of repeated) this.members.claimDigits(key, 0);
	}

	claim(phone: string, row: number): number | undefined {
		return this.claimDigits(digitsOf(phone), row);
	}

	claimDigits(key: number, row: number): number | undefined {
		if (!this.members.has(key)) return undefined;
		return this.seen.claimDigits(key, row);
	}
}

/**
 * A number's part when repeats are looked for: its low 32 bits, spread by a multiply (Fibonacci
 * hashing), top bits taken. Cheaper than hash(), and phone numbers' low bits vary plenty; numbers
 * alike in them only make one part larger (its table is sized for the largest).
 */
function partOf(key: number, shift: number): number {
	return Math.imul(key >>> 0, 0x9e3779b1) >>> shift;
}
