import { findNumberingPlan, type Country } from './countries';
import { lengthFit, readNationalNumber, withoutTrunkPrefix } from './countryNumbers';

// Turns a phone number as people type it into the E.164 form Trillet dials, checked against its
// country's number lengths. It never guesses a country, because a wrong guess rings a stranger:
// a number without + or 00 is read as national only when the user chose a default country.

/**
 * The outcome of checking one phone number: the E.164 number to dial, or why it cannot be dialled.
 * `national` is set when the number was written without its country code and completed with the default country.
 */
export type PhoneCheck = { ok: true; phone: string; changed: boolean; national?: true } | { ok: false; reason: string };

/** How numbers are read beyond their formatting. */
export interface PhoneRules {
	/** The country a number written without + or 00 belongs to; without it such numbers are refused. */
	defaultCountry?: Country;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const INTERNATIONAL = /^\+[1-9]\d*$/;
const EXAMPLE = '+14155550123';

// What a spreadsheet makes of a long number in a cell formatted as a number (4.41632E+11).
const SCIENTIFIC_NOTATION = /^\+?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
// "x123", "ext. 123", "extension 123", "#123" at the end of a number.
const EXTENSION = /\d[\s.\-)]*(?:e?xt(?:ension)?\.?|x|#)\s*\d+$/i;
const LETTERS = /\p{L}/u;
// Only digits, + and separators: none of the special advice applies (skips three regexes per number).
const ONLY_DIGITS_AND_SEPARATORS = /^[\d\s+().\-\u2010-\u2015\u2212/]*$/;
// Separators people and spreadsheets put between digit groups (spaces of every width, dashes, dots, slashes).
const FORMATTING = /[\s\u200B\u2060.\-\u2010-\u2015\u2212/]/g;
// "+44 (0)20 …": the national trunk 0 written after the country code must not be dialled.
const TRUNK_ZERO_AFTER_COUNTRY_CODE = /^\+(\(?[1-9]\d{0,2}\)?)\(0\)/;
const BRACKETS = /[()]/g;
const PLUS = 0x2b;
const SPACE = 0x20;
const DASH = 0x2d;

/** Cleans up a phone number's formatting and checks that the result is a dialable E.164 number. */
export function normalisePhoneNumber(raw: string, rules: PhoneRules = {}): PhoneCheck {
	if (E164.test(raw)) return checkInternational(raw, raw);
	const plain = compactPlainNumber(raw);
	if (plain !== undefined) {
		const problem = describeNonE164(plain);
		return problem === undefined ? checkInternational(plain, raw) : { ok: false, reason: problem };
	}
	const written = stripTextMarker(raw.trim());
	if (written === '') return { ok: false, reason: 'is empty' };
	const problem = describeUnreadable(written);
	if (problem !== undefined) return { ok: false, reason: problem };
	const phone = removeFormatting(written);
	if (rules.defaultCountry !== undefined && /^\d+$/.test(phone)) return completeNational(phone, rules.defaultCountry);
	const reason = describeNonE164(phone);
	return reason === undefined ? checkInternational(phone, raw) : { ok: false, reason };
}


/** Checks an E.164-shaped number against its own country's lengths (a trunk 0 written after the country code comes off). */
function checkInternational(phone: string, raw: string): PhoneCheck {
	const digits = phone.slice(1);
	const plan = findNumberingPlan(digits);
	if (plan === undefined) {
		return {
			ok: false,
			reason: `has an unknown country code: no country's code starts ${phone.slice(0, 4)}; check the digits after the +`,
		};
	}
	const reading = readNationalNumber(digits.slice(plan.callingCode.length), plan);
	if (!reading.ok) return reading;
	const e164 = reading.trunkRemoved ? `+${plan.callingCode}${reading.national}` : phone;
	return { ok: true, phone: e164, changed: e164 !== raw };
}

/**
 * Reads digits written without + or 00 as a national number of the default country. As
 * libphonenumber does, digits that start with the country's own calling code and cannot be a
 * national number are read as an international number that lost its + (447700900123 in GB).
 */
function completeNational(digits: string, country: Country): PhoneCheck {
	const reading = readNationalNumber(lostPlus(digits, country) ? digits.slice(country.callingCode.length) : digits, country);
	if (!reading.ok) return { ok: false, reason: `${reading.reason} (read as a national number of the default country ${country.code})` };
	return { ok: true, phone: `+${country.callingCode}${reading.national}`, changed: true, national: true };
}

/** libphonenumber's test: the digits start with the calling code, and are too long or not shaped like a number there without it. */
function lostPlus(digits: string, country: Country): boolean {
	if (!digits.startsWith(country.callingCode)) return false;
	const whole = withoutTrunkPrefix(digits, country);
	if (lengthFit(whole.length, country.lengths) === 'too long') return true;
	const shorter = withoutTrunkPrefix(digits.slice(country.callingCode.length), country);
	return country.matches !== undefined && !country.matches(whole) && country.matches(shorter);
}

/**
 * The most common formatting, `+1 415-555-0123`, without regular expressions: a + and then only
 * digits, spaces and dashes, with the spaces and dashes removed (as the general path removes
 * them), or undefined for anything else.
 */
function compactPlainNumber(raw: string): string | undefined {
	if (raw.charCodeAt(0) !== PLUS) return undefined;
	let compact = '+';
	let from = 1;
	for (let index = 1; index < raw.length; index++) {
		const code = raw.charCodeAt(index);
		if (code >= 0x30 && code <= 0x39) continue;
		if (code !== SPACE && code !== DASH) return undefined;
		compact += raw.slice(from, index);
		from = index + 1;
	}
	return compact + raw.slice(from);
}

/** Sheets and Excel mark a cell as text with a leading apostrophe; it is not part of the number. */
function stripTextMarker(value: string): string {
	return value.startsWith("'") ? value.slice(1).trim() : value;
}

/** Problems that formatting cannot fix and that deserve their own advice. */
function describeUnreadable(value: string): string | undefined {
	if (ONLY_DIGITS_AND_SEPARATORS.test(value)) return undefined;
	if (SCIENTIFIC_NOTATION.test(value)) {
		return 'was turned into a number in scientific notation by a spreadsheet: format the column as text and export again';
	}
	if (EXTENSION.test(value)) {
		return 'has an extension: a batch call dials the number only, so remove the extension';
	}
	if (LETTERS.test(value)) {
		return `contains letters: write the number with digits only, e.g. ${EXAMPLE}`;
	}
	return undefined;
}

function removeFormatting(value: string): string {
	let compact = value.replace(FORMATTING, '');
	if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
	compact = compact.replace(TRUNK_ZERO_AFTER_COUNTRY_CODE, '+$1');
	return compact.replace(BRACKETS, '');
}

/** Why a number with its formatting removed is not a + and digits, or undefined when it is. */
function describeNonE164(phone: string): string | undefined {
	// Its country's rules decide whether it has the right length.
	if (INTERNATIONAL.test(phone)) return undefined;
	if (/^\d+$/.test(phone)) {
		return `has no country code: write it as +<country code><number>, e.g. ${EXAMPLE}, or set Options → Default Country`;
	}
	if (!/^\+\d*$/.test(phone)) {
		return `contains characters that are not part of a phone number: use digits, spaces and a leading +, e.g. ${EXAMPLE}`;
	}
	if (phone.startsWith('+0')) {
		return `has no country code after the +: country codes do not start with 0, e.g. ${EXAMPLE}`;
	}
	return `has no digits after the +: write the country code and the number, e.g. ${EXAMPLE}`;
}
