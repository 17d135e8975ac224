// What the rest of the node may use of the contact-list core (plain TypeScript, no n8n).

export { prepareCsvFile, assertCsvSizeAccepted, type PreparedCsvFile, type CsvUploadOptions } from './csvUpload';
export { buildCsvFromRecords, type ItemFieldMapping } from './items';
export { csvFileOf, forEachCsvRecord, isBlankRecord, type CsvEncoding, type CsvFile } from './csv';
export { describeRow } from './validationReport';
export {
	DoNotCallList,
	findCountry,
	listCountries,
	readDoNotCallCsv,
	splitNumberList,
	type Country,
	type ListedNumber,
	type NumberRules,
} from './phone';
export type { InvalidRowPolicy, ValidationReport } from './types';
