import { countDelimiters, type CsvDelimiter } from './csv';
import { ContactsError } from './errors';
import { PHONE_COLUMN } from './types';

// The API matches column names exactly: "Phone Number" is not phone_number, and "First Name"
// silently becomes a dynamic variable. Catching near-misses here saves a failed or odd batch.

/** The header as the API will read it. */
export interface HeaderCheck {
	/** Column names, trimmed. */
	columns: string[];
	/** Index of the phone_number column in `columns`. */
	phoneIndex: number;
	/** Non-fatal notes, e.g. a column that looks like first_name but is not named so. */
	warnings: string[];
	/**
	 * Columns with no name at the end of the header (`phone_number,first_name,`), left out of
	 * `columns`: a row may only have empty cells under them.
	 */
	unnamedTrailingColumns: number;
}

/** How many column names an error lists before summarising the rest. */
const MAX_LISTED_COLUMNS = 10;

/** Spellings people use for the phone column, compared after `looseName`. */
const PHONE_NEAR_MISSES = new Set([
	'phonenumber',
	'phone',
	'phoneno',
	'mobile',
	'mobilenumber',
	'mobilephone',
	'cell',
	'cellphone',
	'cellnumber',
	'telephone',
	'telephonenumber',
	'tel',
	'number',
	'msisdn',
]);

/** Spellings of the optional known columns, compared after `looseName`. */
const KNOWN_COLUMN_NEAR_MISSES: ReadonlyArray<{ column: string; spellings: ReadonlySet<string> }> = [
	{ column: 'first_name', spellings: new Set(['firstname', 'fname', 'givenname', 'forename']) },
	{ column: 'last_name', spellings: new Set(['lastname', 'lname', 'surname', 'familyname']) },
	{ column: 'email', spellings: new Set(['email', 'emailaddress', 'mail']) },
];

/** Whether a header, read with some separator, has the phone_number column (to tell which separator a file uses). */
export function hasPhoneColumn(fields: string[]): boolean {
	return fields.some((field) => cleanColumnName(field) === PHONE_COLUMN);
}

/** Checks the header row the API will see and returns the trimmed names, the phone column and warnings. */
export function checkHeader(rawHeader: readonly string[], delimiter: CsvDelimiter = ','): HeaderCheck {
	const named = rawHeader.map(cleanColumnName);
	// A separator at the end of the header line, as some exports write it, names no column.
	let width = named.length;
	while (width > 1 && named[width - 1] === '') width--;
	const columns = named.slice(0, width);
	const unnamedTrailingColumns = named.length - width;
	const phoneIndex = columns.indexOf(PHONE_COLUMN);
	if (phoneIndex === -1) throw missingPhoneColumnError(columns);
	if (columns.indexOf(PHONE_COLUMN, phoneIndex + 1) !== -1) {
		throw new ContactsError(
			`The CSV header has the column "${PHONE_COLUMN}" more than once.`,
			`Keep one "${PHONE_COLUMN}" column with the number to call and rename or delete the other.`,
		);
	}
	assertNoEmptyNames(columns);
	assertNoDuplicates(columns);
	const warnings = knownColumnWarnings(columns);
	if (unnamedTrailingColumns > 0) {
		const separators = countDelimiters(delimiter, unnamedTrailingColumns);
		warnings.push(
			unnamedTrailingColumns === 1
				? `The header line ends with ${separators} (a column with no name), empty in every row: it was left out.`
				: `The header line ends with ${separators} (columns with no name), empty in every row: they were left out.`,
		);
	}
	return { columns, phoneIndex, warnings, unnamedTrailingColumns };
}

/** A row with a value under a column that has no name: the value would be sent under no name. */
export function unnamedColumnError(index: number, line: number): ContactsError {
	return new ContactsError(
		`Column ${index + 1} of the CSV header has no name, and line ${line} has a value in it.`,
		'Give every column a name, or delete the empty column (a comma at the end of the header line also makes one).',
	);
}

function cleanColumnName(raw: string): string {
	return raw.replace(/^\uFEFF/, '').trim();
}

/** Lower case without spaces, `_`, `-` or `.`: "Phone Number", "phone-number" and "phoneNumber" all become "phonenumber". */
function looseName(name: string): string {
	return name.toLowerCase().replace(/[\s_.-]+/g, '');
}

function missingPhoneColumnError(columns: readonly string[]): ContactsError {
	const separator = columns.length === 1 ? [';', '\t', '|'].find((mark) => columns[0].includes(mark)) : undefined;
	if (separator !== undefined) {
		const name = separator === '\t' ? 'tabs' : `"${separator}"`;
		return new ContactsError(
			`The CSV separates its columns with ${name}, but Trillet reads commas (the header came out as one column: "${columns[0].slice(0, 60)}").`,
			'Export it again with commas: in Excel "CSV UTF-8 (Comma delimited)", in Google Sheets File → Download → Comma-separated values.',
		);
	}
	const nearMiss = columns.find((column) => looseName(column) === 'phonenumber') ??
		columns.find((column) => PHONE_NEAR_MISSES.has(looseName(column)));
	if (nearMiss !== undefined) {
		return new ContactsError(
			`The CSV has no "${PHONE_COLUMN}" column, but it has a column "${nearMiss}".`,
			`Rename the column "${nearMiss}" to "${PHONE_COLUMN}" (exactly so: lower case, with an underscore).`,
		);
	}
	if (columns.some(looksLikePhoneNumber)) {
		return new ContactsError(
			`The CSV has no "${PHONE_COLUMN}" column: its first line holds ${listColumns(columns)}, which looks like a contact rather than a header.`,
			`Add a header line at the top of the file, with "${PHONE_COLUMN}" above the phone numbers.`,
		);
	}
	return new ContactsError(
		`The CSV has no "${PHONE_COLUMN}" column. Columns found: ${listColumns(columns)}.`,
		`Add a column named exactly "${PHONE_COLUMN}" holding the numbers to call in international format (e.g. +14155550123).`,
	);
}

function looksLikePhoneNumber(value: string): boolean {
	return /^\+?[\d\s().-]{7,}$/.test(value) && /\d{3}/.test(value);
}

function listColumns(columns: readonly string[]): string {
	const listed = columns.slice(0, MAX_LISTED_COLUMNS).map((column) => `"${column}"`).join(', ');
	const more = columns.length - MAX_LISTED_COLUMNS;
	return more > 0 ? `${listed} and ${more} more` : listed;
}

function assertNoEmptyNames(columns: readonly string[]): void {
	const emptyIndex = columns.indexOf('');
	if (emptyIndex === -1) return;
	throw new ContactsError(
		`Column ${emptyIndex + 1} of the CSV header has no name.`,
		'Give every column a name, or delete the empty column (a comma at the end of the header line also makes one).',
	);
}

function assertNoDuplicates(columns: readonly string[]): void {
	const seen = new Set<string>();
	const duplicates = new Set<string>();
	for (const column of columns) {
		if (seen.has(column)) duplicates.add(column);
		seen.add(column);
	}
	if (duplicates.size === 0) return;
	const names = [...duplicates].map((name) => `"${name}"`).join(', ');
	throw new ContactsError(
		`The CSV header has duplicate column names: ${names}.`,
		'Give every column a different name: the agent could not tell the values apart.',
	);
}

function knownColumnWarnings(columns: readonly string[]): string[] {
	const warnings: string[] = [];
	for (const { column: known, spellings } of KNOWN_COLUMN_NEAR_MISSES) {
		if (columns.includes(known)) continue;
		const nearMiss = columns.find((column) => spellings.has(looseName(column)));
		if (nearMiss === undefined) continue;
		warnings.push(
			`The column "${nearMiss}" is not read as "${known}": the agent will see it as the variable {${nearMiss}}. ` +
				`Rename it to "${known}" if it holds the contact's ${known.replace('_', ' ')}.`,
		);
	}
	return warnings;
}
