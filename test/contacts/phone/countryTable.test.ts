import { countryData, mainCountries, nonGeographicData } from '../../../scripts/generateCountryTable';
import { COUNTRY_ROWS, MAIN_COUNTRY_ROWS, NON_GEOGRAPHIC_ROWS } from '../../../nodes/TrilletBatchCall/contacts/phone/countryTable';

// The committed table must be what scripts/generateCountryTable.ts makes of the installed
// libphonenumber-js. Names come from the ICU data of the Node.js that generated the table, which
// differs between Node versions, so they are only required to be there.
describe('countryTable.ts', () => {
	test('holds what a fresh generation from libphonenumber-js gives', () => {
		const committed = COUNTRY_ROWS.map(([code, , callingCode, nationalPrefix, lengths, pattern]) => ({
			code,
			callingCode,
			nationalPrefix,
			lengths,
			pattern,
		}));
		expect(committed).toEqual(countryData());
		expect(NON_GEOGRAPHIC_ROWS).toEqual(nonGeographicData());
		expect(MAIN_COUNTRY_ROWS).toEqual(mainCountries());
	});

	test('names every country', () => {
		for (const [code, name] of COUNTRY_ROWS) expect({ code, name: name.trim().length > 1 }).toEqual({ code, name: true });
	});
});
