// The contact lists the upload benchmark sends: a narrow export of 600,000 contacts close to 20 MB,
// and the same contacts with every phone number typed the way people type them (which forces a
// rewrite; it must stay under the 20 MiB limit too).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { MAX_UPLOAD_BYTES } from '../../nodes/TrilletBatchCall/contacts/types';
import { mulberry32 } from '../../test/contacts/csvFixtures';

/** Where the clean file stops growing: close to the limit, leaving room for the formatted copy. */
const CLEAN_TARGET_BYTES = Math.floor(19 * 1024 * 1024);
/** The contacts in the file (fewer only if they would not fit). */
const MAX_ROWS = 600_000;
const WARMUP_ROWS = 2_000;

const HEADER = 'phone_number,first_name,last_name,note';
const FIRST_NAMES = ['James', 'Mary', 'José', 'Zoë', 'Łukasz', 'Søren', 'Renée', 'Aiko', 'Olivia', 'Noah', 'Chloé', 'Mohammed', 'Priya', 'Liam', 'Emma', 'Mateo'];
const LAST_NAMES = ['Smith', "O'Brien", 'García', 'Müller', 'Nguyen', 'Kowalski', 'Johnson', 'Rossi', 'Tanaka', 'Dubois', 'Brown', 'Patel', 'Andersen', 'Silva'];
const NOTES = ['', '', '', '', 'VIP', 'Said "hi"', 'gold, annual', ''];

export interface BenchCsvFiles {
	/** Valid E.164 numbers throughout: the node may send the bytes as they are. */
	clean: string;
	/** The same contacts with formatted numbers (`+1 415-555-0123`): the node must rewrite the file. */
	formatted: string;
	/** The first rows of each, to warm the code paths up before a measured run. */
	cleanWarmup: string;
	formattedWarmup: string;
	rows: number;
	cleanBytes: number;
	formattedBytes: number;
}

/** Quotes a field as a spreadsheet export does: only when it holds a comma, quote or line break. */
function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Row `index`'s number, unique by construction: three in four are US, the rest UK mobiles. */
function phoneNumbers(index: number): { e164: string; formatted: string } {
	if (index % 4 !== 3) {
		const digits = String(2_012_000_000 + index * 37); // NPA 201… upwards, 10 digits
		return { e164: `+1${digits}`, formatted: `+1 ${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` };
	}
	const digits = String(7_400_000_000 + index); // 74… UK mobile range, 10 digits
	return { e164: `+44${digits}`, formatted: `+44 ${digits.slice(0, 4)} ${digits.slice(4)}` };
}

/** Writes the benchmark CSVs (LF line endings, UTF-8 without BOM) into `directory`. */
export function writeBenchCsvFiles(directory: string): BenchCsvFiles {
	const random = mulberry32(20_240_603);
	const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)];
	const cleanLines = [HEADER];
	const formattedLines = [HEADER];
	let cleanBytes = Buffer.byteLength(HEADER) + 1;
	for (let index = 0; index < MAX_ROWS; index++) {
		const first = pick(FIRST_NAMES);
		const last = pick(LAST_NAMES);
		const rest = [first, last, pick(NOTES)].map(csvField).join(',');
		const phone = phoneNumbers(index);
		const line = `${phone.e164},${rest}`;
		const lineBytes = Buffer.byteLength(line) + 1;
		if (cleanBytes + lineBytes > CLEAN_TARGET_BYTES) break;
		cleanBytes += lineBytes;
		cleanLines.push(line);
		formattedLines.push(`${phone.formatted},${rest}`);
	}
	const files = {
		clean: path.join(directory, 'contacts-clean.csv'),
		formatted: path.join(directory, 'contacts-formatted.csv'),
		cleanWarmup: path.join(directory, 'warmup-clean.csv'),
		formattedWarmup: path.join(directory, 'warmup-formatted.csv'),
	};
	const write = (file: string, lines: string[]): number => {
		const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
		writeFileSync(file, bytes);
		return bytes.length;
	};
	const written = write(files.clean, cleanLines);
	const formattedBytes = write(files.formatted, formattedLines);
	write(files.cleanWarmup, cleanLines.slice(0, WARMUP_ROWS + 1));
	write(files.formattedWarmup, formattedLines.slice(0, WARMUP_ROWS + 1));
	if (formattedBytes >= MAX_UPLOAD_BYTES) throw new Error(`The formatted CSV is ${formattedBytes} bytes, over the limit`);
	return { ...files, rows: cleanLines.length - 1, cleanBytes: written, formattedBytes };
}
