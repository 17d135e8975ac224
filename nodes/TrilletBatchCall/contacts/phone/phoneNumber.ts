// Turns a phone number as people type it into the E.164 form Trillet dials. It only removes
// formatting; it never guesses a country, because a wrong guess rings a stranger.

/** The outcome of checking one phone number: the E.164 number to dial, or why it cannot be dialled. */
export type PhoneCheck = { ok: true; phone: string; changed: boolean } | { ok: false; reason: string };

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_DIGITS = 15;
const MIN_DIGITS = 7;
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
export function normalisePhoneNumber(raw: string): PhoneCheck {
	if (E164.test(raw)) return { ok: true, phone: raw, changed: false };
	const plain = compactPlainNumber(raw);
	if (plain !== undefined) {
		const problem = describeNonE164(plain);
		return problem === undefined ? { ok: true, phone: plain, changed: plain !== raw } : { ok: false, reason: problem };
	}
	const written = stripTextMarker(raw.trim());
	if (written === '') return { ok: false, reason: 'is empty' };
	const problem = describeUnreadable(written);
	if (problem !== undefined) return { ok: false, reason: problem };
	const phone = removeFormatting(written);
	const reason = describeNonE164(phone);
	return reason === undefined ? { ok: true, phone, changed: phone !== raw } : { ok: false, reason };
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

/** Why a number with its formatting removed is still not E.164, or undefined when it is. */
function describeNonE164(phone: string): string | undefined {
	if (E164.test(phone)) return undefined;
	if (/^\d+$/.test(phone)) {
		return `has no country code: write it as +<country code><number>, e.g. ${EXAMPLE}`;
	}
	if (!/^\+\d*$/.test(phone)) {
		return `contains characters that are not part of a phone number: use digits, spaces and a leading +, e.g. ${EXAMPLE}`;
	}
	if (phone.startsWith('+0')) {
		return `has no country code after the +: country codes do not start with 0, e.g. ${EXAMPLE}`;
	}
	const digits = phone.length - 1;
	if (digits > MAX_DIGITS) {
		return `is too long: it has ${digits} digits, an international number has at most ${MAX_DIGITS}`;
	}
	return `is too short: it has ${digits} digits, an international number has at least ${MIN_DIGITS}`;
}
