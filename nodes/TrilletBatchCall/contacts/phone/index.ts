// Phone numbers: what the rest of contacts/ and the node may use of them.
export { findCountry, findNumberingPlan, listCountries, type Country } from './countries';
export { readDoNotCallCsv } from './doNotCallFile';
export { DoNotCallList, splitNumberList, type ListedNumber, type NumberRules } from './exclusions';
export { normalisePhoneNumber, type PhoneCheck, type PhoneRules } from './phoneNumber';
