import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DoNotCallList,
	findCountry,
	listCountries,
	readDoNotCallCsv,
	splitNumberList,
	type Country,
	type CsvEncoding,
	type ListedNumber,
	type NumberRules,
} from '../../../contacts';
import { asNodeError } from '../../../helpers/nodeErrors';

// Options → Default Country and the do-not-call list: how the batch's numbers are read and
// which of them are never called.

function countryOptions(): INodePropertyOptions[] {
	return [
		{ name: 'None (Numbers Must Start With + or 00)', value: '' },
		...listCountries().map((country) => ({ name: `${country.name} (+${country.callingCode})`, value: country.code })),
	];
}

export const defaultCountryField: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'options',
	default: '',
	options: countryOptions(),
	description:
		'The country of numbers written without + or 00, such as (415) 555-0123 or 020 7183 8750: its trunk prefix (0, or 1 in North America) is removed and its calling code added. With none, such numbers are refused. An expression may give an ISO code such as US.',
};

export const excludeNumbersField: INodeProperties = {
	displayName: 'Exclude Numbers',
	name: 'excludeNumbers',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. +14155550123, (415) 555-0199',
	description:
		'A do-not-call list: numbers never called in this batch, separated by commas or new lines, or an expression giving an array. Compared after the same clean-up as the contacts (default country included).',
};

export const excludeFileField: INodeProperties = {
	displayName: 'Exclude Numbers From File',
	name: 'excludeBinaryPropertyName',
	type: 'string',
	default: '',
	placeholder: 'e.g. doNotCall',
	description:
		'The binary field of the same item holding a CSV with a phone_number column (a suppression export): its numbers are never called',
	displayOptions: { show: { '/source': ['binary'] } },
};

/** What the phone number options ask for, read from the Options collection. */
export interface NumberOptions {
	defaultCountry?: Country;
	excludeNumbers: ListedNumber[];
	/** CSV mode: the binary field with a do-not-call CSV, or ''. */
	excludeBinaryPropertyName: string;
}

export function readNumberOptions(context: IExecuteFunctions, options: Record<string, unknown>, itemIndex: number): NumberOptions {
	return {
		defaultCountry: readDefaultCountry(context, options.defaultCountry, itemIndex),
		excludeNumbers: listedNumbers(options.excludeNumbers),
		excludeBinaryPropertyName: String(options.excludeBinaryPropertyName ?? '').trim(),
	};
}

function readDefaultCountry(context: IExecuteFunctions, value: unknown, itemIndex: number): Country | undefined {
	const code = String(value ?? '').trim();
	if (code === '') return undefined;
	const country = findCountry(code);
	if (country === undefined) {
		throw new NodeOperationError(context.getNode(), `"${code}" is not a Default Country this node knows`, {
			itemIndex,
			description: 'Pick the country from the list, or give its ISO 3166-1 alpha-2 code, e.g. US, GB or DE',
		});
	}
	return country;
}

/** Exclude Numbers as text (commas, line breaks) or, from an expression, an array of numbers. */
function listedNumbers(value: unknown): ListedNumber[] {
	const values = Array.isArray(value)
		? value.flatMap((entry) => (typeof entry === 'string' ? splitNumberList(entry) : [String(entry ?? '')]))
		: splitNumberList(String(value ?? ''));
	return values.map((number, index) => ({ value: number, where: `entry ${index + 1} of Exclude Numbers` }));
}

/** The default country and the do-not-call list, the file's numbers read from the item's binary field. */
export async function readNumberRules(
	context: IExecuteFunctions,
	itemIndex: number,
	options: NumberOptions,
	encoding?: CsvEncoding,
): Promise<NumberRules> {
	const listed = [...options.excludeNumbers];
	const field = options.excludeBinaryPropertyName;
	if (field !== '') listed.push(...(await readDoNotCallFile(context, itemIndex, field, encoding)));
	return numberRulesOf(context, itemIndex, options, listed);
}

/** The default country and the do-not-call list, without a file (Input Items mode). */
export function numberRulesOf(
	context: IExecuteFunctions,
	itemIndex: number,
	options: NumberOptions,
	listed: ListedNumber[] = options.excludeNumbers,
): NumberRules {
	const rules = { defaultCountry: options.defaultCountry };
	try {
		return { ...rules, doNotCall: listed.length === 0 ? undefined : new DoNotCallList(listed, rules) };
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

async function readDoNotCallFile(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	encoding?: CsvEncoding,
): Promise<ListedNumber[]> {
	const binary = context.getInputData()[itemIndex]?.binary?.[field];
	if (binary === undefined) {
		const present = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no binary field "${field}" for the do-not-call list`, {
			itemIndex,
			description: `Set Options → Exclude Numbers From File to the field holding the do-not-call CSV${present.length ? ` (the item has: ${present.join(', ')})` : ''}, or remove the option`,
		});
	}
	const fileName = binary.fileName ?? field;
	try {
		// Read through the helper, never `binary.data`: in filesystem or S3 mode that is only a reference.
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, field);
		return readDoNotCallCsv(bytes, fileName, encoding);
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex, `The do-not-call file "${fileName}"`);
	}
}
