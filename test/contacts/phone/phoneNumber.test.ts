import { normalisePhoneNumber } from '../../../nodes/TrilletBatchCall/contacts/phone';
import { mulberry32, pick } from '../csvFixtures';

const E164 = /^\+[1-9]\d{6,14}$/;

function reasonFor(raw: string): string {
	const result = normalisePhoneNumber(raw);
	if (result.ok) throw new Error(`expected "${raw}" to be refused, got ${result.phone}`);
	return result.reason;
}

describe('normalisePhoneNumber', () => {
	it('accepts an E.164 number as it is and says nothing changed', () => {
		expect(normalisePhoneNumber('+14155550123')).toEqual({ ok: true, phone: '+14155550123', changed: false });
	});

	it.each([
		['spaces', '+1 415 555 0123', '+14155550123'],
		['dashes', '+1-415-555-0123', '+14155550123'],
		['dots', '+1.415.555.0123', '+14155550123'],
		['brackets around the area code', '+1 (415) 555-0123', '+14155550123'],
		['slashes', '+49 30/1234/5678', '+493012345678'],
		['typographic dashes from a word processor', '+1 415–555‑0123', '+14155550123'],
		['no-break spaces inside', '+33\u00A06\u00A012\u00A034\u00A056\u00A078', '+33612345678'],
		['surrounding tabs and no-break spaces', '\t\u00A0+14155550123 \u00A0', '+14155550123'],
		['a leading 00 instead of +', '0044 20 7946 0958', '+442079460958'],
		['the trunk (0) after the country code', '+44 (0)20 7946 0958', '+442079460958'],
		['the trunk (0) after a 00 country code', '0049 (0) 30 1234 5678', '+493012345678'],
		['the trunk (0) with the country code in brackets', '+(44) (0) 20 7946 0958', '+442079460958'],
		['the apostrophe a spreadsheet uses to mark text', "'+14155550123", '+14155550123'],
	])('removes %s', (_, raw, phone) => {
		const result = normalisePhoneNumber(raw);
		expect(result).toEqual({ ok: true, phone, changed: true });
		expect(phone).toMatch(E164);
	});

	it.each(['', '   ', '\t\u00A0', "'"])('says %j is empty', (raw) => {
		expect(reasonFor(raw)).toBe('is empty');
	});

	it.each(['4155550123', '020 7946 0958', '14155550123', '(415) 555-0123'])(
		'does not guess a country for %j and says how to write the country code',
		(raw) => {
			expect(reasonFor(raw)).toBe(
				'has no country code: write it as +<country code><number>, e.g. +14155550123',
			);
		},
	);

	it.each(['4.41632E+11', '4,41632E+11', '4.41632e11', '+4.4163E+11'])(
		'recognises %j as a spreadsheet that turned the number into scientific notation',
		(raw) => {
			expect(reasonFor(raw)).toBe(
				'was turned into a number in scientific notation by a spreadsheet: format the column as text and export again',
			);
		},
	);

	it.each(['+1 415 555 0123 x123', '+1 415 555 0123 ext. 45', '+14155550123ext45', '+1 415 555 0123 extension 7', '+1 415-555-0123 #12'])(
		'refuses %j because it has an extension',
		(raw) => {
			expect(reasonFor(raw)).toMatch(/^has an extension: .*remove the extension/);
		},
	);

	it.each(['+1-800-FLOWERS', 'tel:+14155550123', 'call Anna'])('refuses %j because it contains letters', (raw) => {
		expect(reasonFor(raw)).toMatch(/^contains letters: write the number with digits only/);
	});

	it('refuses a number with more than 15 digits and says how many it has', () => {
		expect(reasonFor('+44 1234 5678 9012 34')).toBe(
			'is too long: it has 16 digits, an international number has at most 15',
		);
	});

	it('refuses a number with fewer than 7 digits and says how many it has', () => {
		expect(reasonFor('+49 123')).toBe('is too short: it has 5 digits, an international number has at least 7');
	});

	it('refuses a + followed by 0, where the country code belongs', () => {
		expect(reasonFor('+0044 20 7946 0958')).toMatch(/^has no country code after the \+/);
	});

	it.each(['+1 415 555 0123;', '+1 415 555 0123 / +1 415 555 0124', '+1*415*555*0123', '+1 415 +555 0123'])(
		'refuses %j because of characters that are not part of a phone number',
		(raw) => {
			expect(reasonFor(raw)).toMatch(/^contains characters that are not part of a phone number/);
		},
	);
});

describe('normalisePhoneNumber: a + with digits, spaces and dashes', () => {
	test('gives what the general path gives for random such numbers (seeded)', () => {
		// A dot is removed like a space, but it sends the number down the general path.
		const random = mulberry32(12);
		for (let sample = 0; sample < 5000; sample++) {
			const length = Math.floor(random() * 20);
			const raw = `+${Array.from({ length }, () => pick(random, ['0', '1', '4', '9', ' ', '-', '5'])).join('')}`;
			const general = normalisePhoneNumber(`${raw}.`);
			const expected = general.ok ? { ...general, changed: general.phone !== raw } : general;
			expect({ raw, result: normalisePhoneNumber(raw) }).toEqual({ raw, result: expected });
		}
	});
});
