import { NOT_PLAIN, PLAIN_E164, PLAIN_FORMATTED, PlainNumberReader } from '../../../nodes/TrilletBatchCall/contacts/fastPath/plainNumbers';
import { normalisePhoneNumber } from '../../../nodes/TrilletBatchCall/contacts/phone';
import { mulberry32, pick } from '../csvFixtures';

// The fast path reads a number from bytes only when normalisePhoneNumber would accept it as
// written (or with its spaces and dashes removed); it must never accept what that refuses, nor
// send other digits. Held against normalisePhoneNumber on numbers of many countries, with trunk
// prefixes, odd lengths, unknown codes and stray characters.

// Calling codes with and without trunk prefixes (1 US, 7 RU, 36 HU "06", 44 GB, 39 IT, 800 non-geographic…), and unknown ones.
const CALLING_CODES = ['1', '7', '20', '36', '39', '44', '49', '52', '54', '61', '62', '86', '98', '212', '247', '353', '800', '881', '969', '0', '999'];
const TAILS = ['', ' ', '-', ' - ', 'x', '.', '(', '+', '/', '\u00a0'];

function randomNumber(random: () => number): string {
	let text = `+${pick(random, CALLING_CODES)}`;
	const digits = 3 + Math.floor(random() * 13);
	for (let index = 0; index < digits; index++) {
		text += String(Math.floor(random() * 10));
		if (random() < 0.15) text += pick(random, TAILS.slice(0, random() < 0.9 ? 4 : TAILS.length));
	}
	return random() < 0.05 ? text.slice(1) : text;
}

describe('PlainNumberReader', () => {
	test('agrees with normalisePhoneNumber on 50,000 numbers as people write them (seeded)', () => {
		const random = mulberry32(10);
		const reader = new PlainNumberReader();
		const counts = { [NOT_PLAIN]: 0, [PLAIN_E164]: 0, [PLAIN_FORMATTED]: 0 };
		for (let count = 0; count < 50_000; count++) {
			const text = randomNumber(random);
			const bytes = Buffer.from(`,${text},`, 'utf8');
			const reading = reader.read(bytes, 1, bytes.length - 1);
			counts[reading]++;
			if (reading === NOT_PLAIN) continue;
			const expected = normalisePhoneNumber(text);
			expect({ text, ok: expected.ok, phone: expected.ok && expected.phone, changed: expected.ok && expected.changed }).toEqual({
				text,
				ok: true,
				phone: `+${reader.digits}`,
				changed: reading === PLAIN_FORMATTED,
			});
		}
		// Each reading happens often enough for the comparison to mean something.
		expect(Math.min(...Object.values(counts))).toBeGreaterThan(2_000);
	});

	test('leaves to normalisePhoneNumber a trunk prefix after the country code, an unknown code and a wrong length', () => {
		const reader = new PlainNumberReader();
		const read = (text: string) => reader.read(Buffer.from(text), 0, text.length);
		expect(read('+14155550123')).toBe(PLAIN_E164);
		expect(read('+1 415-555-0123')).toBe(PLAIN_FORMATTED);
		expect(read('+4402079460958')).toBe(NOT_PLAIN);
		expect(read('+9991234567')).toBe(NOT_PLAIN);
		expect(read('+141555501234')).toBe(NOT_PLAIN);
		expect(read('+0141555501')).toBe(NOT_PLAIN);
		expect(read('14155550123')).toBe(NOT_PLAIN);
	});
});
