import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CsvEncoding, InvalidRowPolicy } from '../../../contacts';
import {
	defaultCountryField,
	excludeFileField,
	excludeNumbersField,
	readNumberOptions,
	type NumberOptions,
} from './numberOptions';

export const startOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		defaultCountryField,
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only check the contacts and return the report and the CSV that would be sent, without starting any call',
		},
		excludeNumbersField,
		excludeFileField,
		{
			displayName: 'File Encoding',
			name: 'encoding',
			type: 'options',
			default: 'utf-8',
			description:
				'The character set of an uploaded CSV. Excel’s plain "CSV (Comma delimited)" is usually Windows-1252; "CSV UTF-8" needs no change.',
			options: [
				{ name: 'ISO-8859-15 (Latin-9)', value: 'iso-8859-15' },
				{ name: 'UTF-8', value: 'utf-8' },
				{ name: 'Windows-1250 (Central European)', value: 'windows-1250' },
				{ name: 'Windows-1251 (Cyrillic)', value: 'windows-1251' },
				{ name: 'Windows-1252 (Western European, Excel)', value: 'windows-1252' },
			],
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. march-renewals.csv',
			description: 'The name Trillet shows for the uploaded list; by default the input file’s name',
		},
		{
			displayName: 'Invalid Rows',
			name: 'invalidRows',
			type: 'options',
			default: 'fail',
			description: 'What to do when some contacts cannot be called (bad phone number, duplicate)',
			options: [
				{
					name: 'Stop Before Upload',
					value: 'fail',
					description: 'Start nothing and list the rows to fix',
				},
				{
					name: 'Skip Them',
					value: 'skip',
					description: 'Call only the valid rows; the skipped ones are listed in the output',
				},
			],
		},
	],
};

const ENCODINGS: CsvEncoding[] = ['utf-8', 'windows-1250', 'windows-1251', 'windows-1252', 'iso-8859-15'];

export interface StartOptions {
	dryRun: boolean;
	encoding: CsvEncoding;
	fileName: string;
	invalidRows: InvalidRowPolicy;
	/** Default country and do-not-call list. */
	numbers: NumberOptions;
}

/** The Options collection for an item, with defaults filled in. */
export function readStartOptions(context: IExecuteFunctions, itemIndex: number): StartOptions {
	// Expressions may give any type: a number as file name, a typo as encoding.
	const options = context.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const encoding = String(options.encoding ?? 'utf-8').toLowerCase() as CsvEncoding;
	if (!ENCODINGS.includes(encoding)) {
		throw new NodeOperationError(context.getNode(), `"${String(options.encoding)}" is not a File Encoding this node reads`, {
			itemIndex,
			description: `Use one of: ${ENCODINGS.join(', ')}`,
		});
	}
	return {
		dryRun: options.dryRun === true || options.dryRun === 'true',
		encoding,
		fileName: String(options.fileName ?? '').trim(),
		invalidRows: options.invalidRows === 'skip' ? 'skip' : 'fail',
		numbers: readNumberOptions(context, options, itemIndex),
	};
}
