import type { NumberingPlan } from './countries';

// The country rules libphonenumber applies to a number's length, from a hand-sized table: the
// trunk prefix comes off when what is left can be a number there, and the result must have one
// of the country's possible lengths. Length only ("possible", not "valid"): which number ranges
// are assigned changes too often to ship, and a length check already stops a missing digit.

/** A number read with a country's rules: the digits after the calling code, or why they cannot be a number there. */
export type NationalReading = { ok: true; national: string; trunkRemoved: boolean } | { ok: false; reason: string };

// E.164's bounds, over every country's own: no number outside them is dialable anywhere.
const MAX_E164_DIGITS = 15;
const MIN_E164_DIGITS = 7;

export type LengthFit = 'possible' | 'too short' | 'too long' | 'invalid length';

export function lengthFit(length: number, lengths: readonly number[]): LengthFit {
	if (lengths.includes(length)) return 'possible';
	if (length < lengths[0]) return 'too short';
	if (length > lengths[lengths.length - 1]) return 'too long';
	return 'invalid length';
}

/**
 * Reads the digits after the calling code (or of a national number) with the plan's rules.
 * The trunk prefix comes off as libphonenumber takes it off (see withoutTrunkPrefix).
 */
export function readNationalNumber(digits: string, plan: NumberingPlan): NationalReading {
	const national = withoutTrunkPrefix(digits, plan);
	const { length } = national;
	const fit = lengthFit(length, plan.lengths);
	const total = plan.callingCode.length + length;
	if (fit === 'possible' && total >= MIN_E164_DIGITS && total <= MAX_E164_DIGITS) {
		return { ok: true, national, trunkRemoved: length !== digits.length };
	}
	return { ok: false, reason: describeLength(fit, length, plan) };
}

/**
 * The digits without the plan's trunk prefix, unless what is left is too short or of an impossible
 * length, or has not the shape of a number there while the digits with it have (Russia's 800 …).
 */
export function withoutTrunkPrefix(digits: string, plan: NumberingPlan): string {
	const prefix = plan.nationalPrefix;
	if (prefix === '' || !digits.startsWith(prefix)) return digits;
	const stripped = digits.slice(prefix.length);
	const fit = lengthFit(stripped.length, plan.lengths);
	if (fit === 'too short' || fit === 'invalid length') return digits;
	if (plan.matches !== undefined && plan.matches(digits) && !plan.matches(stripped)) return digits;
	return stripped;
}

function describeLength(fit: LengthFit, length: number, plan: NumberingPlan): string {
	if (fit === 'possible') {
		const total = plan.callingCode.length + length;
		if (total < MIN_E164_DIGITS) return `is too short: it has ${total} digits, an international number has at least ${MIN_E164_DIGITS}`;
		return `is too long: it has ${total} digits, an international number has at most ${MAX_E164_DIGITS}`;
	}
	const problem = fit === 'invalid length' ? 'has an impossible length' : `is ${fit}`;
	const trunk = plan.nationalPrefix === '' ? '' : ` or the trunk prefix ${plan.nationalPrefix}`;
	return (
		`${problem} for ${plan.label}: a number there has ${describeLengths(plan.lengths)} digits ` +
		`after the country code${trunk}, this one has ${length}`
	);
}

/** `10`, `9 or 10`, `7, 9 or 10`, `4 to 15`. */
export function describeLengths(lengths: readonly number[]): string {
	const first = lengths[0];
	const last = lengths[lengths.length - 1];
	if (lengths.length > 3 && last - first === lengths.length - 1) return `${first} to ${last}`;
	if (lengths.length === 1) return String(first);
	return `${lengths.slice(0, -1).join(', ')} or ${last}`;
}
