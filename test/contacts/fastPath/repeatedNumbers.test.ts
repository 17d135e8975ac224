import { FirstSeenNumbers, type NumberClaims } from '../../../nodes/TrilletBatchCall/contacts/firstSeenNumbers';
import { estimateRows, NumberLog, RepeatedNumbers } from '../../../nodes/TrilletBatchCall/contacts/fastPath/repeatedNumbers';
import { mulberry32 } from '../csvFixtures';

describe('NumberLog and RepeatedNumbers (the fast path: note every number, then read again only if one repeats)', () => {
	/** Claims every number with `claims`, returning what each claim answered. */
	function claimAll(claims: NumberClaims, phones: string[]): Array<number | undefined> {
		return phones.map((phone, row) => claims.claim(phone, row));
	}

	function randomPhones(seed: number, count: number, repeatEvery: number): string[] {
		const random = mulberry32(seed);
		const phones: string[] = [];
		for (let row = 0; row < count; row++) {
			if (row > 0 && random() < 1 / repeatEvery) phones.push(phones[Math.floor(random() * row)]);
			else phones.push(`+${1 + Math.floor(random() * 9)}${String(Math.floor(random() * 1e11)).padStart(11, '0')}`);
		}
		return phones;
	}

	test('finds no repeat where there is none, among 300,000 numbers in hundreds of parts', () => {
		const log = new NumberLog();
		const phones = Array.from({ length: 300_000 }, (_, row) => `+1${2_012_000_000 + row * 37}`);
		expect(claimAll(log, phones).every((answer) => answer === undefined)).toBe(true);
		expect(log.repeated()).toBeUndefined();
	});

	for (const [seed, repeatEvery] of [
		[1, 2],
		[2, 50],
		[3, 100_000],
	] as const) {
		test(`read again with the repeats, answers exactly as FirstSeenNumbers (seed ${seed}, about one in ${repeatEvery} repeated)`, () => {
			const phones = randomPhones(seed, 120_000, repeatEvery);
			const log = new NumberLog(10);
			claimAll(log, phones);
			const repeated = log.repeated();
			expect(repeated).toBeDefined();
			expect(claimAll(repeated as RepeatedNumbers, phones)).toEqual(claimAll(new FirstSeenNumbers(), phones));
		});
	}

	test('reorders the numbers where they are and loses none: asked again, it finds the same repeats', () => {
		const phones = randomPhones(4, 60_000, 20);
		const log = new NumberLog();
		claimAll(log, phones);
		const expected = claimAll(new FirstSeenNumbers(), phones);
		expect(claimAll(log.repeated() as RepeatedNumbers, phones)).toEqual(expected);
		expect(claimAll(log.repeated() as RepeatedNumbers, phones)).toEqual(expected);
	});

	test('one number on every row is found once and named with its first row', () => {
		const phones = Array.from({ length: 5000 }, () => '+14155550123');
		const log = new NumberLog();
		claimAll(log, phones);
		const answers = claimAll(log.repeated() as RepeatedNumbers, phones);
		expect(answers[0]).toBeUndefined();
		expect(new Set(answers.slice(1))).toEqual(new Set([0]));
	});
});

describe('estimateRows (sizes the NumberLog before the file is read)', () => {
	const lines = (line: string, count: number) => new TextEncoder().encode(`${line}\n`.repeat(count));

	test('counts the lines of a file of even rows, from its first 64 KB', () => {
		const row = 'Ada,Lovelace,+14155550123';
		const file = lines(row, 100_000);
		const estimate = estimateRows(file);
		// The sample ends inside a line, so the count is close, not exact.
		expect(Math.abs(estimate - 100_000)).toBeLessThan(100_000 * 0.01);
	});

	test('a file that starts with short lines sizes the log at most one number per 16 bytes', () => {
		const short = lines('1', 40_000);
		const shortThenLong = new Uint8Array(short.length + 20_000 * 201);
		shortThenLong.set(short);
		shortThenLong.set(lines('x'.repeat(200), 20_000), short.length);
		// The first 64 KB holds 2-byte lines only: counted as they are, 8 bytes a number would be 4× the file.
		expect(estimateRows(shortThenLong)).toBe(Math.ceil(shortThenLong.length / 16));
	});
});
