import examples from 'libphonenumber-js/examples.mobile.json';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

import { findCountry, normalisePhoneNumber } from '../../../nodes/TrilletBatchCall/contacts/phone';
import { mulberry32, pick } from '../csvFixtures';

// The node's hand-sized country table against Google's rules (libphonenumber-js). Agreement is
// on "possible" numbers — the right length for the country, after the trunk prefix — and on the
// E.164 number that comes out. "Valid" (the number range is assigned) is libphonenumber's full
// metadata and is not what the table aims for. The node also keeps to E.164's 7 to 15 digits,
// which libphonenumber's "possible" exceeds for a few countries (German 4-digit numbers, …).

/**
 * The most-called countries, across the regions. Not here: China, Colombia, Brazil and Argentina,
 * where libphonenumber also strips carrier codes and mobile prefixes the table does not hold.
 */
const ORACLE_COUNTRIES = (
	'US CA GB DE FR IT ES NL BE CH AT SE NO DK FI IE PT PL GR CZ RO HU AU NZ IN PK JP KR HK SG ' +
	'PH ID MY TH VN MX CL PE ZA NG KE EG AE SA IL TR RU UA'
).split(' ');
const NUMBERS_PER_COUNTRY = 400;
const SEPARATORS = ['', ' ', '-', '.', ' '];

type Random = () => number;

function digits(random: Random, count: number): string {
	return Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
}

/** A national (significant) number like the country's mobile example: its first digits, random rest, a length near it. */
function nationalNumber(random: Random, country: string): string {
	const example = (examples as Record<string, string>)[country];
	const keep = 1 + Math.floor(random() * 3);
	const length = Math.max(keep + 1, example.length + pick(random, [-5, -2, -1, 0, 0, 0, 0, 1, 2, 5]));
	return example.slice(0, keep) + digits(random, length - keep);
}

/** Digits written the way people do: groups with spaces, dashes or dots. */
function formatted(random: Random, digitsToWrite: string): string {
	const separator = pick(random, SEPARATORS);
	const groups = digitsToWrite.match(/.{1,3}/g) ?? [];
	return groups.join(separator);
}

/** libphonenumber's answer: the E.164 number when it is possible (and has E.164's 7 to 15 digits), else null. */
function oracle(input: string, defaultCountry?: string): string | null {
	const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode | undefined);
	if (parsed === undefined || !parsed.isPossible()) return null;
	const digits = parsed.number.length - 1;
	return digits >= 7 && digits <= 15 ? parsed.number : null;
}

function ours(input: string, defaultCountry?: string): string | null {
	const country = defaultCountry === undefined ? undefined : findCountry(defaultCountry);
	const result = normalisePhoneNumber(input, { defaultCountry: country });
	return result.ok ? result.phone : null;
}

/** The inputs tried for one country: national with and without the trunk prefix, international with and without it. */
function samples(random: Random, country: string): string[] {
	const { callingCode, nationalPrefix } = findCountry(country)!;
	const inputs: string[] = [];
	for (let sample = 0; sample < NUMBERS_PER_COUNTRY; sample++) {
		const national = nationalNumber(random, country);
		inputs.push(
			formatted(random, national),
			formatted(random, nationalPrefix + national),
			`+${callingCode} ${formatted(random, national)}`,
			`+${callingCode} ${formatted(random, nationalPrefix + national)}`,
		);
	}
	return inputs;
}

describe('the country table agrees with libphonenumber (seeded, generated numbers)', () => {
	test.each(ORACLE_COUNTRIES)('%s: national numbers with it as default country, international ones with and without', (country) => {
		const random = mulberry32([...country].reduce((seed, char) => seed * 31 + char.charCodeAt(0), 7));
		const disagreements: string[] = [];
		let possible = 0;
		for (const input of samples(random, country)) {
			const international = input.startsWith('+');
			const expected = oracle(input, country);
			if (expected !== null) possible++;
			const actual = ours(input, country);
			if (actual !== expected) disagreements.push(`${input} with ${country}: ours ${actual}, libphonenumber ${expected}`);
			if (international && ours(input) !== oracle(input)) {
				disagreements.push(`${input} alone: ours ${ours(input)}, libphonenumber ${oracle(input)}`);
			}
		}
		expect(disagreements.slice(0, 10)).toEqual([]);
		// The generated numbers must be a real test: many possible, many not.
		expect(possible).toBeGreaterThan(NUMBERS_PER_COUNTRY * 0.8);
		expect(possible).toBeLessThan(NUMBERS_PER_COUNTRY * 3.9);
	});
});
