import { concludeValidation } from '../validationReport';
import { ContactChecker } from '../contactChecker';
import { ContactsError } from '../errors';
import type { NumberRules } from '../phone';
import { KNOWN_COLUMNS, PHONE_COLUMN } from '../types';
import type { InvalidRowPolicy, PreparedCsv } from '../types';
import { CsvWriter } from '../csv';
import { variableColumnNames } from './columnNames';
import { type ColumnSource, MAX_LISTED_PLACES, type WrittenRows, writeItemRows } from './itemRows';

// Builds the batch CSV from workflow items, one contact per item, with the same checks as an
// uploaded CSV: every number E.164, nobody twice, nothing sent under `fail` if a row is wrong.

/** Which item fields fill which CSV columns. Field names are dot paths into the item's JSON. */
export interface ItemFieldMapping {
	phoneField: string;
	firstNameField?: string;
	lastNameField?: string;
	emailField?: string;
	/** Which other fields become the agent's `{variables}`: every top-level field, the listed ones, or none. */
	variables: 'all' | 'selected' | 'none';
	variableFields?: Array<{ field: string; column?: string }>;
}

const MAX_LISTED_RENAMES = 10;

/** Builds one batch CSV from the items' JSON, checked like an uploaded file; rows are named `item N`. */
export function buildCsvFromRecords(
	records: ReadonlyArray<Record<string, unknown>>,
	mapping: ItemFieldMapping,
	policy: InvalidRowPolicy,
	numbers?: NumberRules,
): PreparedCsv {
	assertSomethingToBuild(records, mapping);
	mapping = withDocumentedColumns(records, mapping);
	const sources = [...knownColumnSources(mapping), ...variableColumnSources(records, mapping)];
	const columns = [PHONE_COLUMN, ...sources.map((source) => source.column)];
	const checker = new ContactChecker(policy, numbers);
	const writer = new CsvWriter(columns);
	const written = writeItemRows(records, mapping.phoneField, sources, checker, writer);
	const warnings = [
		...renameWarnings(sources),
		...missingFieldWarnings(sources, written.fieldSeen),
		...brokenTextWarnings(written),
	];
	const report = concludeValidation(checker, records.length, columns, warnings);
	return { csv: writer.finish(), report };
}

function assertSomethingToBuild(records: ReadonlyArray<unknown>, mapping: ItemFieldMapping): void {
	if (records.length === 0) {
		throw new ContactsError(
			'There are no input items, so there is no one to call.',
			'Connect a node that outputs one item per contact, and check that it returned items.',
		);
	}
	if (mapping.phoneField.trim() === '') {
		throw new ContactsError(
			'No field is set for the phone number.',
			'Set Phone Number Field to the item field that holds the number, e.g. phone.',
		);
	}
}

/**
 * Rows that already use the API's own column names (a sheet with first_name, last_name, email)
 * fill those columns when no other field is mapped to them, rather than becoming variables.
 */
function withDocumentedColumns(
	records: ReadonlyArray<Record<string, unknown>>,
	mapping: ItemFieldMapping,
): ItemFieldMapping {
	const present = (column: string) => records.some((record) => Object.prototype.hasOwnProperty.call(record, column));
	const orDocumented = (field: string | undefined, column: string) =>
		field !== undefined && field.trim() !== '' ? field : present(column) ? column : undefined;
	return {
		...mapping,
		firstNameField: orDocumented(mapping.firstNameField, 'first_name'),
		lastNameField: orDocumented(mapping.lastNameField, 'last_name'),
		emailField: orDocumented(mapping.emailField, 'email'),
	};
}

/** first_name, last_name and email, each only when a field is mapped to it. */
function knownColumnSources(mapping: ItemFieldMapping): ColumnSource[] {
	const mapped: Array<[string, string | undefined]> = [
		['first_name', mapping.firstNameField],
		['last_name', mapping.lastNameField],
		['email', mapping.emailField],
	];
	return mapped
		.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '')
		.map(([column, field]) => ({ column, field }));
}

/** The variable columns, named so the agent can use them as `{name}` and none takes an API column's name. */
function variableColumnSources(
	records: ReadonlyArray<Record<string, unknown>>,
	mapping: ItemFieldMapping,
): ColumnSource[] {
	const wanted = wantedVariables(records, mapping);
	// The API columns are reserved so that a variable, not an API column, is the one renamed.
	const names = variableColumnNames(
		wanted.map((variable) => variable.column),
		KNOWN_COLUMNS,
	);
	return wanted.map((variable, index) => ({ column: names[index], field: variable.field, requested: variable.column }));
}

/** The fields asked for as variables, each with the column name the user wants (before it is made safe). */
function wantedVariables(
	records: ReadonlyArray<Record<string, unknown>>,
	mapping: ItemFieldMapping,
): ColumnSource[] {
	if (mapping.variables === 'none') return [];
	if (mapping.variables === 'selected') {
		return (mapping.variableFields ?? []).map(({ field, column }) => {
			if (field.trim() === '') {
				throw new ContactsError(
					'A variable has no field name.',
					'Fill in the field of every entry under Variables, or remove the empty entry.',
				);
			}
			return { field, column: column !== undefined && column.trim() !== '' ? column : field };
		});
	}
	// A mapped dot path (properties.phone) takes its whole top-level object out of "all": the
	// rest of that object is not sent as a JSON column the user never asked for.
	const mapped = [mapping.phoneField, mapping.firstNameField, mapping.lastNameField, mapping.emailField];
	const mappedFields = new Set(mapped.flatMap((field) => (field === undefined ? [] : [field, field.split('.')[0]])));
	const fields = new Set<string>();
	let previousKeys: string[] = [];
	for (const record of records) {
		const keys = Object.keys(record);
		// Items mostly share their fields: 7 ms instead of 30 ms for the bench's 100,000 items.
		if (sameKeys(keys, previousKeys)) continue;
		previousKeys = keys;
		for (const field of keys) {
			if (!mappedFields.has(field)) fields.add(field);
		}
	}
	return [...fields].map((field) => ({ field, column: field }));
}

function sameKeys(keys: readonly string[], others: readonly string[]): boolean {
	if (keys.length !== others.length) return false;
	for (let index = 0; index < keys.length; index++) {
		if (keys[index] !== others[index]) return false;
	}
	return true;
}

/** Tells the user the variable names the agent's prompt must use where they differ from the names asked for. */
function renameWarnings(sources: readonly ColumnSource[]): string[] {
	const renamed = sources.filter((source) => source.requested !== undefined && source.requested !== source.column);
	if (renamed.length === 0) return [];
	const listed = renamed.slice(0, MAX_LISTED_RENAMES).map((source) => `"${source.requested}" → {${source.column}}`);
	if (renamed.length > MAX_LISTED_RENAMES) listed.push(`and ${renamed.length - MAX_LISTED_RENAMES} more`);
	return [
		`Some fields are sent under another column name, which is the variable the agent's prompt must use: ${listed.join(', ')}.`,
	];
}

function missingFieldWarnings(sources: readonly ColumnSource[], fieldSeen: readonly boolean[]): string[] {
	return sources
		.filter((_, index) => !fieldSeen[index])
		.map((source) => `No item that was sent has the field "${source.field}"; the column ${source.column} is empty.`);
}

/** Text cut inside a character (e.g. an emoji) by an earlier step: Trillet would get "�" for it. */
function brokenTextWarnings({ brokenText, brokenTextCount }: WrittenRows): string[] {
	if (brokenTextCount === 0) return [];
	const listed = brokenText.map(({ item, field }) => `item ${item} field "${field}"`);
	if (brokenTextCount > MAX_LISTED_PLACES) listed.push(`and ${brokenTextCount - MAX_LISTED_PLACES} more`);
	return [
		`Some text holds half of a character (often an emoji cut in two by an earlier step), which is sent as "�": ${listed.join(', ')}. ` +
			'Cut the text where a whole character ends, or fix it in the node it comes from.',
	];
}
