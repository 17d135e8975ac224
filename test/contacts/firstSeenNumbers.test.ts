import { FirstSeenNumbers } from '../../nodes/TrilletBatchCall/contacts/firstSeenNumbers';
import { mulberry32 } from './csvFixtures';

describe('FirstSeenNumbers', () => {
	test('returns nothing for a new number and the first row for a number seen before', () => {
		const seen = new FirstSeenNumbers();
		expect(seen.claim('+14155550123', 2)).toBeUndefined();
		expect(seen.claim('+14155550124', 3)).toBeUndefined();
		expect(seen.claim('+14155550123', 4)).toBe(2);
		expect(seen.claim('+14155550123', 5)).toBe(2);
	});

	test('keeps rows given as negative numbers (input items)', () => {
		const seen = new FirstSeenNumbers();
		seen.claim('+442079460958', -1);
		expect(seen.claim('+442079460958', -7)).toBe(-1);
	});

	test('tells apart the longest and shortest E.164 numbers that differ in one digit', () => {
		const seen = new FirstSeenNumbers();
		expect(seen.claim('+999999999999999', 1)).toBeUndefined();
		expect(seen.claim('+999999999999998', 2)).toBeUndefined();
		expect(seen.claim('+1234567', 3)).toBeUndefined();
		expect(seen.claim('+1234568', 4)).toBeUndefined();
		expect(seen.claim('+999999999999999', 5)).toBe(1);
		expect(seen.claim('+1234567', 6)).toBe(3);
	});

	test('agrees with a Map on 200,000 random numbers with repeats, through every growth (seeded)', () => {
		const random = mulberry32(8);
		const seen = new FirstSeenNumbers();
		const expected = new Map<string, number>();
		for (let row = 0; row < 200_000; row++) {
			const digits = 7 + Math.floor(random() * 9);
			const phone = `+${1 + Math.floor(random() * 9)}${String(Math.floor(random() * 10 ** (digits - 1))).padStart(digits - 1, '0')}`;
			const earlier = expected.get(phone);
			if (earlier === undefined) expected.set(phone, row);
			const claimed = seen.claim(phone, row);
			if (claimed !== earlier) expect({ phone, row, claimed }).toEqual({ phone, row, claimed: earlier });
		}
		expect(expected.size).toBeGreaterThan(150_000);
	});

	test('finds repeats among numbers that differ only by large round steps', () => {
		const seen = new FirstSeenNumbers();
		for (let index = 0; index < 5000; index++) expect(seen.claim(`+1${4_150_000_000 + index * 1024}`, index)).toBeUndefined();
		for (let index = 0; index < 5000; index++) expect(seen.claim(`+1${4_150_000_000 + index * 1024}`, -1)).toBe(index);
	});
});
