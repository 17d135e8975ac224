import { findCountry, normalisePhoneNumber } from '../../../nodes/TrilletBatchCall/contacts/phone';
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
				'has no country code: write it as +<country code><number>, e.g. +14155550123, or set Options → Default Country',
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

	it('refuses a number too long for its country and says how many digits it has', () => {
		expect(reasonFor('+44 1234 5678 9012 34')).toBe(
			'is too long for United Kingdom (+44): a number there has 7, 9 or 10 digits after the country code or the trunk prefix 0, this one has 14',
		);
	});

	it('refuses a number too short for its country', () => {
		expect(reasonFor('+49 123')).toBe(
			'is too short for Germany (+49): a number there has 4 to 15 digits after the country code or the trunk prefix 0, this one has 3',
		);
	});

	it('refuses +1 415 555 012: one digit short of a NANP number, though 7 to 15 digits', () => {
		expect(reasonFor('+1 415 555 012')).toMatch(/^is too short for United States \(\+1\): a number there has 10 digits .* this one has 9$/);
		expect(reasonFor('+14155550')).toMatch(/^is too short for United States/);
	});

	it('refuses a number its country allows but that has fewer than 7 digits in all', () => {
		expect(reasonFor('+49 1234')).toBe('is too short: it has 6 digits, an international number has at least 7');
	});

	it('refuses a number its country allows but E.164 does not (more than 15 digits)', () => {
		expect(reasonFor('+49 1512 3456 7890 12')).toBe('is too long: it has 16 digits, an international number has at most 15');
	});

	it('refuses a calling code no country has', () => {
		expect(reasonFor('+999 1234 5678')).toMatch(/^has an unknown country code: no country's code starts \+999/);
	});

	it('takes the trunk 0 off a number written with it after the country code', () => {
		expect(normalisePhoneNumber('+44 020 7183 8750')).toEqual({ ok: true, phone: '+442071838750', changed: true });
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

describe('normalisePhoneNumber with a default country', () => {
	const country = (code: string) => ({ defaultCountry: findCountry(code) });

	it.each([
		['US', '(415) 555-0123', '+14155550123'],
		['US', '415.555.0123', '+14155550123'],
		['US', '1 415 555 0123', '+14155550123'],
		['GB', '020 7183 8750', '+442071838750'],
		['GB', '07700 900123', '+447700900123'],
		['DE', '030 1234 5678', '+493012345678'],
		['FR', '06 12 34 56 78', '+33612345678'],
		['AU', '0412 345 678', '+61412345678'],
		['IT', '06 1234 5678', '+390612345678'],
		['IT', '312 345 6789', '+393123456789'],
		['RU', '8 800 555 35 35', '+78005553535'],
		['GB', '447700900123', '+447700900123'],
	])('reads %s national number %j as %s', (code, raw, phone) => {
		expect(normalisePhoneNumber(raw, country(code))).toEqual({ ok: true, phone, changed: true, national: true });
	});

	it('leaves international numbers to their own country', () => {
		expect(normalisePhoneNumber('+44 20 7183 8750', country('US'))).toEqual({ ok: true, phone: '+442071838750', changed: true });
		expect(normalisePhoneNumber('0044 20 7183 8750', country('US'))).toEqual({ ok: true, phone: '+442071838750', changed: true });
		expect(normalisePhoneNumber('+1 415 555 012', country('US'))).toMatchObject({ ok: false });
	});

	it('says a national number is too short for the default country', () => {
		expect(normalisePhoneNumber('415 555 012', country('US'))).toEqual({
			ok: false,
			reason:
				'is too short for United States (+1): a number there has 10 digits after the country code or the trunk prefix 1, this one has 9 (read as a national number of the default country US)',
		});
	});

	it('still gives the spreadsheet advice for a number in scientific notation', () => {
		expect(normalisePhoneNumber('4.15555E+9', country('US'))).toMatchObject({ ok: false, reason: /scientific notation/ });
	});
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
