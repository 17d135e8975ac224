import { COUNTRY_ROWS, MAIN_COUNTRY_ROWS, NON_GEOGRAPHIC_ROWS } from './countryTable';

// Looks countries up in the generated table (countryTable.ts), by ISO code for a default
// country and by calling code for an international number. The maps are built on first use.

/** How the numbers behind one calling code are written. */
export interface NumberingPlan {
	callingCode: string;
	/** The trunk prefix national numbers are written with (0 in GB, 1 in the US), or ''. */
	nationalPrefix: string;
	/** The possible lengths of a national number (the digits after the calling code), ascending. */
	lengths: readonly number[];
	/** Whether digits (without calling code and trunk prefix) have the shape of a number there; absent: any. */
	matches?: (national: string) => boolean;
	/** How a message names it: `United States` or `+800`. */
	label: string;
}

/** A country a default country can be set to. */
export interface Country extends NumberingPlan {
	/** ISO 3166-1 alpha-2, e.g. US. */
	code: string;
	name: string;
}

let countriesByCode: Map<string, Country> | undefined;
let plansByCallingCode: Map<string, NumberingPlan> | undefined;

function countryMap(): Map<string, Country> {
	countriesByCode ??= new Map(
		COUNTRY_ROWS.map(([code, name, callingCode, nationalPrefix, lengths, pattern]) => [
			code,
			{ code, name, callingCode, nationalPrefix, lengths, matches: matcher(pattern), label: `${name} (+${callingCode})` },
		]),
	);
	return countriesByCode;
}

function planMap(): Map<string, NumberingPlan> {
	if (plansByCallingCode) return plansByCallingCode;
	const plans = new Map<string, NumberingPlan>();
	const main = new Map(MAIN_COUNTRY_ROWS);
	for (const country of countryMap().values()) {
		const mainCode = main.get(country.callingCode);
		if (mainCode === undefined || mainCode === country.code) plans.set(country.callingCode, country);
	}
	for (const [callingCode, lengths] of NON_GEOGRAPHIC_ROWS) {
		plans.set(callingCode, { callingCode, nationalPrefix: '', lengths, label: `+${callingCode}` });
	}
	plansByCallingCode = plans;
	return plans;
}

/** A whole-string test compiled on first use: most countries' patterns are never needed. */
function matcher(pattern: string): (national: string) => boolean {
	let compiled: RegExp | undefined;
	return (national) => {
		compiled ??= new RegExp(`^(?:${pattern})$`);
		return compiled.test(national);
	};
}

/** The country with this ISO 3166-1 alpha-2 code (any case), or undefined. */
export function findCountry(code: string): Country | undefined {
	return countryMap().get(code.trim().toUpperCase());
}

/** Every country, by name. */
export function listCountries(): Country[] {
	return [...countryMap().values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The numbering plan whose calling code starts these digits (calling codes are 1 to 3 digits, none a prefix of another). */
export function findNumberingPlan(digits: string): NumberingPlan | undefined {
	const plans = planMap();
	for (let length = 1; length <= 3 && length <= digits.length; length++) {
		const plan = plans.get(digits.slice(0, length));
		if (plan !== undefined) return plan;
	}
	return undefined;
}
