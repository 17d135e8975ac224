import { checkHeader, hasPhoneColumn } from '../columns';
import { detectCsvLayout, isBlankRecord, openCsvText, readCsvRecords, type CsvEncoding } from '../csv';
import type { ListedNumber } from './exclusions';

/**
 * The numbers in a suppression export: a CSV with a phone_number column, read like a contact
 * list (same decoding, same separators and `sep=` line, same header rules), each number with
 * the line it is on.
 */
export function readDoNotCallCsv(bytes: Uint8Array, fileName: string, encoding: CsvEncoding = 'utf-8'): ListedNumber[] {
	const listed: ListedNumber[] = [];
	let phoneIndex: number | undefined;
	const csv = openCsvText(bytes, encoding);
	const layout = detectCsvLayout(csv, hasPhoneColumn);
	readCsvRecords(
		csv,
		(fields, line) => {
			if (phoneIndex === undefined) {
				phoneIndex = checkHeader(fields, layout.delimiter).phoneIndex;
				return;
			}
			if (isBlankRecord(fields)) return;
			listed.push({ value: fields[phoneIndex] ?? '', where: `line ${line} of the file "${fileName}"` });
		},
		layout,
	);
	return listed;
}
