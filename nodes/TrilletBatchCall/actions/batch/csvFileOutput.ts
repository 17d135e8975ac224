import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachCsvRecord, isBlankRecord } from '../../contacts';
import type { TrilletFile } from '../../transport';

// A CSV that Trillet sends back (results, template), put on the output item as a file.

export const outputBinaryField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** One output item: the CSV as binary data, and what it is in the JSON. */
export async function csvFileItem(
	context: IExecuteFunctions,
	itemIndex: number,
	file: TrilletFile,
	json: IDataObject & { fileName: string },
): Promise<INodeExecutionData> {
	const fieldName = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
	const fileName = file.fileName ?? json.fileName;
	// The MIME type is always given: without it n8n guesses from the bytes, and a CSV has no magic number.
	const binary = await context.helpers.prepareBinaryData(file.bytes, fileName, 'text/csv');
	return {
		json: { ...json, fileName, rows: countCsvRows(file.bytes), bytes: file.bytes.length },
		binary: { [fieldName]: binary },
	};
}

/**
 * The data rows of a CSV, header and blank lines left out; null when the text is not CSV the
 * reader understands (the file is still handed on as Trillet sent it).
 */
export function countCsvRows(bytes: Buffer): number | null {
	let rows = 0;
	try {
		forEachCsvRecord(bytes.toString('utf8'), (fields) => {
			if (!isBlankRecord(fields)) rows++;
		});
	} catch {
		return null;
	}
	return Math.max(0, rows - 1);
}
