// The numbers already accepted, each with the row it was first seen on. A Map of 200,000 number
// strings takes about 15 MB; here each E.164 number is the integer of its digits (at most 15,
// so exact in a double) in an open-addressing table of typed arrays: 12 bytes a slot, and faster.
// It is filled up to three quarters before it doubles, and can start at the size it will need
// (RepeatedNumbers knows it). The fast path's first reading of a file does without it
// (fastPath/repeatedNumbers.ts).

export const INITIAL_CAPACITY = 1024;
/** Empty slots hold 0: no E.164 number is 0 (its first digit is 1–9). */
export const EMPTY = 0;
const TWO_TO_32 = 2 ** 32;

/** The smallest power of two that holds `expected` numbers at most three quarters full. */
export function capacityFor(expected: number): number {
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

/** The digits after the + as one integer. */
export function digitsOf(phone: string): number {
	let value = 0;
	for (let index = 1; index < phone.length; index++) value = value * 10 + (phone.charCodeAt(index) - 0x30);
	return value;
}

/** Both 32-bit halves, mixed (MurmurHash3's finaliser) so that every bit of the key moves the low bits. */
export function hash(key: number): number {
	let mixed = (key >>> 0) ^ Math.imul(Math.floor(key / TWO_TO_32), 0x9e3779b1);
	mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
	mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
	return (mixed ^ (mixed >>> 16)) >>> 0;
}
