// Phone numbers: what the rest of contacts/ and the node may use of them.
export { findCountry, listCountries, type Country } from './countries';
export { normalisePhoneNumber, type PhoneCheck, type PhoneRules } from './phoneNumber';
