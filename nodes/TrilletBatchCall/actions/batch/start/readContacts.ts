import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	assertCsvSizeAccepted,
	buildCsvFromRecords,
	csvFileOf,
	prepareCsvFile,
	type CsvFile,
	type ItemFieldMapping,
	type ValidationReport,
} from '../../../contacts';
import { asNodeError } from '../../../helpers/nodeErrors';
import { numberRulesOf, readNumberRules } from './numberOptions';
import type { StartOptions } from './startOptions';

/** A contact list checked and ready to upload (the CSV exactly as it is sent), with the file name Trillet will show. */
export interface ContactList extends CsvFile {
	report: ValidationReport;
	fileName: string;
}

/** Reads and checks the CSV file an input item carries. */
export async function contactsFromBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	options: StartOptions,
): Promise<ContactList> {
	const fieldName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const binary = csvBinary(context, itemIndex, fieldName);
	const subject = `The file "${binary.fileName ?? fieldName}"`;
	try {
		// n8n 2.x records the size: a file too large is refused before it is loaded into memory.
		const size = (binary as { bytes?: unknown }).bytes;
		if (typeof size === 'number') assertCsvSizeAccepted(size);
		// Read through the helper, never `binary.data`: in filesystem or S3 mode that is only a reference.
		const numbers = await readNumberRules(context, itemIndex, options.numbers, options.encoding);
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, fieldName);
		// Only the Blob is kept, so the bytes can be collected before the upload.
		const prepared = prepareCsvFile(bytes, { invalidRows: options.invalidRows, encoding: options.encoding, numbers });
		return { ...prepared, fileName: csvFileName(options.fileName || binary.fileName || 'contacts.csv') };
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex, subject);
	}
}

/** Builds one CSV from all input items: each item is one person to call. */
export function contactsFromItems(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	options: StartOptions,
): ContactList {
	if (items.every((item) => Object.keys(item.json).length === 0 && Object.keys(item.binary ?? {}).length > 0)) {
		throw new NodeOperationError(context.getNode(), 'The input items carry files, not contacts', {
			description: 'To call the people in a CSV file, set "Contacts From" to "CSV File"',
		});
	}
	// An upstream node set to "Always Output Data" sends one empty item when it found nothing.
	if (items.every((item) => Object.keys(item.json).length === 0)) {
		throw new NodeOperationError(context.getNode(), 'There are no contacts to call: the input items are empty', {
			description:
				'The previous node returned no rows. Check its filter, or connect a node that outputs one item per person, e.g. Google Sheets → Get Rows',
		});
	}
	const mapping = readFieldMapping(context);
	const numbers = numberRulesOf(context, 0, options.numbers);
	try {
		const { csv, report } = buildCsvFromRecords(
			items.map((item) => item.json),
			mapping,
			options.invalidRows,
			numbers,
		);
		return { ...csvFileOf(csv), report, fileName: csvFileName(options.fileName || 'n8n-contacts.csv') };
	} catch (error) {
		// An item at fault is named; a problem of the list as a whole (its size) names none.
		const firstRow = (error as { problems?: Array<{ row: { item?: number } }> }).problems?.[0]?.row;
		throw asNodeError(context.getNode(), error, firstRow?.item);
	}
}

function readFieldMapping(context: IExecuteFunctions): ItemFieldMapping {
	const text = (name: string) => String(context.getNodeParameter(name, 0, '') ?? '').trim();
	const selected = context.getNodeParameter('variableFields.field', 0, []) as Array<{
		field?: string;
		column?: string;
	}>;
	return {
		phoneField: text('phoneField') || 'phone_number',
		firstNameField: text('firstNameField') || undefined,
		lastNameField: text('lastNameField') || undefined,
		emailField: text('emailField') || undefined,
		variables: context.getNodeParameter('variables', 0, 'all') as ItemFieldMapping['variables'],
		variableFields: selected
			.filter((entry) => (entry.field ?? '').trim() !== '')
			.map((entry) => ({ field: String(entry.field).trim(), column: entry.column?.trim() || undefined })),
	};
}

/** The binary field holding the CSV, or an error that says what the item does carry. */
function csvBinary(context: IExecuteFunctions, itemIndex: number, fieldName: string): IBinaryData {
	try {
		return context.helpers.assertBinaryData(itemIndex, fieldName);
	} catch {
		const present = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
		const message = present.length
			? `Item ${itemIndex} has no binary field "${fieldName}" (it has: ${present.join(', ')})`
			: `Item ${itemIndex} carries no file: a CSV was expected in the binary field "${fieldName}"`;
		const description = present.length
			? `Set "Input Binary Field" to ${present.map((name) => `"${name}"`).join(' or ')}`
			: 'Put a node that outputs the CSV as a file before this one (Google Sheets → Download as CSV, HTTP Request with Response Format "File", Convert to File, Read File), or set "Contacts From" to "Input Items"';
		throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
	}
}

function csvFileName(name: string): string {
	const base = name.replace(/[\\/]/g, '_').trim() || 'contacts';
	return /\.csv$/i.test(base) ? base : `${base.replace(/\.[a-z0-9]{1,5}$/i, '')}.csv`;
}
