// The numbers already accepted, each with the row it was first seen on. A Map of 200,000 number
// strings takes about 15 MB; here each E.164 number is the integer of its digits (at most 15,
// so exact in a double) in an open-addressing table of typed arrays: 12 bytes a slot, and faster.
// Given the rows expected, the table starts that large (growing it cost ~6% of checking a
// 600,000-row file), and it is filled up to three quarters before it doubles.

const INITIAL_CAPACITY = 1024;
/** Empty slots hold 0: no E.164 number is 0 (its first digit is 1–9). */
const EMPTY = 0;
const TWO_TO_32 = 2 ** 32;

/** The smallest power of two that holds `expected` numbers at most three quarters full. */
function capacityFor(expected: number): number {
	let capacity = INITIAL_CAPACITY;
	while (capacity * 3 < expected * 4) capacity *= 2;
	return capacity;
}

/** What ContactChecker asks of the numbers it has accepted: each returns the row a number was first seen on, or undefined. */
export interface NumberClaims {
	/** Notes that `phone` (E.164) is on `row` (any 32-bit integer), unless it was seen before: then returns that row. */
	claim(phone: string, row: number): number | undefined;
	/** claim() for an E.164 number given as the integer of its digits. */
	claimDigits(key: number, row: number): number | undefined;
}

export class FirstSeenNumbers implements NumberClaims {
	private keys: Float64Array;
	private rows: Int32Array;
	private size = 0;

	/** `expectedNumbers`: how many numbers will likely be noted (an estimate; the table grows past it). */
	constructor(expectedNumbers = 0) {
		const capacity = capacityFor(expectedNumbers);
		this.keys = new Float64Array(capacity);
		this.rows = new Int32Array(capacity);
	}

	/**
	 * Notes that `phone` (E.164) is on `row` (any 32-bit integer), unless it was seen before:
	 * then returns the row it was first seen on, and notes nothing.
	 */
	claim(phone: string, row: number): number | undefined {
		return this.claimDigits(digitsOf(phone), row);
	}

	/** claim() for an E.164 number given as the integer of its digits. */
	claimDigits(key: number, row: number): number | undefined {
		const slot = this.slotOf(key);
		if (this.keys[slot] !== EMPTY) return this.rows[slot];
		this.keys[slot] = key;
		this.rows[slot] = row;
		// At most three quarters full, so a lookup probes few slots.
		if (++this.size * 4 > this.keys.length * 3) this.grow();
		return undefined;
	}

	/** Whether `key` was claimed. */
	has(key: number): boolean {
		return this.keys[this.slotOf(key)] === key;
	}

	/** The slot holding `key`, or the empty slot where it belongs (linear probing). */
	private slotOf(key: number): number {
		const mask = this.keys.length - 1;
		let slot = hash(key) & mask;
		while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & mask;
		return slot;
	}

	private grow(): void {
		const { keys, rows } = this;
		this.keys = new Float64Array(keys.length * 2);
		this.rows = new Int32Array(keys.length * 2);
		for (let index = 0; index < keys.length; index++) {
			if (keys[index] !== EMPTY) {
				const slot = this.slotOf(keys[index]);
				this.keys[slot] = keys[index];
				this.rows[slot] = rows[index];
			}
		}
	}
}

/**
 * The fast path's first reading of a file (fastCsvPath.ts): every number is noted in a list and
 * called new; at the end, repeated() finds the numbers noted more than once. A file without a
 * repeated number (most) is then done; one with some is read again with a RepeatedNumbers, which
 * answers exactly what FirstSeenNumbers would. What it buys (npm run bench, 600,000 rows): a
 * FirstSeenNumbers of 600,000 numbers spans 12 MB, and each claim lands in a random place in it
 * (~100 ns, a cache miss); appending to a list and finding repeats part by part, each part's
 * table small enough for the cache, costs ~25 ms for the whole file, and holds 8 bytes a number twice.
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

	/** The numbers noted more than once, or undefined when every number was noted once. */
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
		const next = partStarts.slice(0, 1 << partBits);
		const byPart = new Float64Array(size);
		for (let index = 0; index < size; index++) byPart[next[partOf(keys[index], shift)]++] = keys[index];
		const table = new Float64Array(capacityFor(largestPart));
		const mask = table.length - 1;
		const repeated: number[] = [];
		for (let part = 0; part < 1 << partBits; part++) {
			const from = partStarts[part];
			const to = partStarts[part + 1];
			for (let index = from; index < to; index++) {
				const key = byPart[index];
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

/** The digits after the + as one integer. */
function digitsOf(phone: string): number {
	let value = 0;
	for (let index = 1; index < phone.length; index++) value = value * 10 + (phone.charCodeAt(index) - 0x30);
	return value;
}

/** Both 32-bit halves, mixed (MurmurHash3's finaliser) so that every bit of the key moves the low bits. */
function hash(key: number): number {
	let mixed = (key >>> 0) ^ Math.imul(Math.floor(key / TWO_TO_32), 0x9e3779b1);
	mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
	mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
	return (mixed ^ (mixed >>> 16)) >>> 0;
}
