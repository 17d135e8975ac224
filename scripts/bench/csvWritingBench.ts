// Writing the batch CSV from 100,000 workflow items. Our whole items → CSV path
// (buildCsvFromRecords, validation included) and our bare CsvWriter, against csv-stringify's
// sync API on the same rows with the same quoting rules; both outputs are parsed back with
// csv-parse and compared, so the race is between writers that produce the same CSV.
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

import { buildCsvFromRecords, type ItemFieldMapping } from '../../nodes/TrilletBatchCall/contacts/items';
import { CsvWriter } from '../../nodes/TrilletBatchCall/contacts/csv';
import { markdownTable, medianAndMin, median, ms, mb, times, timeRuns } from './report';

const ITEMS = 100_000;

const MAPPING: ItemFieldMapping = {
	phoneField: 'phone',
	firstNameField: 'firstName',
	lastNameField: 'lastName',
	emailField: 'email',
	variables: 'all',
};

/** The CSV header buildCsvFromRecords makes for MAPPING: the API columns, then every other field. */
const COLUMNS = ['phone_number', 'first_name', 'last_name', 'email', 'visits', 'subscribed', 'referrer', 'address', 'note', 'greeting'];

/**
 * csv-stringify told our rules: CRLF after every line, a field with a comma, quote, CR or LF quoted
 * (with a CRLF record delimiter it would leave a lone LF unquoted), and leading or trailing spaces
 * and tabs quoted too.
 */
const STRINGIFY_OPTIONS = {
	record_delimiter: '\r\n',
	quote_record_delimiter: true,
	eof: true,
	quoted_match: /^[ \t]|[ \t]$/,
} as const;

const FIRST = ['Ana', 'José', 'Zoë', 'Li', 'Oluwaseun', 'Łukasz', 'Mary-Jane'];
const LAST = ['Smith', "O'Neil", 'Müller', 'Nguyễn', 'van der Berg', 'García'];
const NOTES = ['', 'Call after 5pm', 'Said "hi", then left', 'Line one\nline two', ' leading space', 'a, b and c'];
const GREETINGS = ['Hello', 'Grüß Gott', 'こんにちは 😀', 'Привет', 'مرحبا'];

/** 100,000 items as a Google Sheets or CRM node would hand them over. */
function makeItems(): Array<Record<string, unknown>> {
	return Array.from({ length: ITEMS }, (_, index) => ({
		phone: `+1${2_012_000_000 + index * 37}`,
		firstName: FIRST[index % FIRST.length],
		lastName: LAST[index % LAST.length],
		email: `contact${index}@example.com`,
		visits: (index % 97) * 1.5,
		subscribed: index % 3 === 0,
		referrer: null,
		address: { city: index % 2 ? 'Zürich' : 'Lyon', zip: String(8000 + (index % 100)), tags: ['a', 'b'] },
		note: NOTES[index % NOTES.length],
		greeting: GREETINGS[index % GREETINGS.length],
	}));
}

/** The cells of each item, worked out independently of the node's code (the rows the writers get). */
function expectedRows(items: ReadonlyArray<Record<string, unknown>>): string[][] {
	return items.map((item) => [
		String(item.phone),
		String(item.firstName),
		String(item.lastName),
		String(item.email),
		String(item.visits),
		String(item.subscribed),
		'',
		JSON.stringify(item.address),
		String(item.note),
		String(item.greeting),
	]);
}

function writeWithCsvWriter(rows: readonly string[][]): Uint8Array {
	const writer = new CsvWriter(COLUMNS);
	for (const row of rows) writer.addRow(row);
	return writer.finish();
}

export interface CsvWritingResult {
	table: string;
	equivalence: string;
	equivalent: boolean;
}

export function runCsvWritingBench(runs: number): CsvWritingResult {
	const items = makeItems();
	const rows = expectedRows(items);
	const table = [COLUMNS, ...rows];

	let built: Uint8Array = new Uint8Array(0);
	let written: Uint8Array = new Uint8Array(0);
	let stringified = '';
	let encoded: Buffer = Buffer.alloc(0);
	const timings = {
		build: timeRuns(runs, () => void (built = buildCsvFromRecords(items, MAPPING, 'fail').csv)),
		writer: timeRuns(runs, () => void (written = writeWithCsvWriter(rows))),
		stringify: timeRuns(runs, () => void (stringified = stringify(table, STRINGIFY_OPTIONS))),
		stringifyBytes: timeRuns(runs, () => void (encoded = Buffer.from(stringify(table, STRINGIFY_OPTIONS), 'utf8'))),
	};

	const reference = median(timings.stringifyBytes);
	const row = (name: string, durations: number[], bytes: number) => [
		name,
		medianAndMin(durations, ms),
		times(median(durations) / reference),
		mb(bytes),
	];
	const markdown = markdownTable(
		[`${ITEMS.toLocaleString('en')} items → CSV`, 'ms median (min)', '÷ csv-stringify → bytes', 'output MB'],
		[
			row('buildCsvFromRecords (items → validated CSV bytes)', timings.build, built.length),
			row('CsvWriter (string rows → CSV bytes)', timings.writer, written.length),
			row('csv-stringify sync (string rows → string)', timings.stringify, Buffer.byteLength(stringified)),
			row('csv-stringify sync + UTF-8 encode (→ bytes)', timings.stringifyBytes, encoded.length),
		],
	);

	const parsedOurs = parse(Buffer.from(built)) as string[][];
	const parsedTheirs = parse(encoded) as string[][];
	// Required: the same rows come back from every output.
	const required = {
		'buildCsvFromRecords parses to the expected rows': isDeepStrictEqual(parsedOurs, table),
		'csv-stringify output parses to the same rows': isDeepStrictEqual(parsedTheirs, parsedOurs),
		'CsvWriter and buildCsvFromRecords are byte-identical': Buffer.compare(Buffer.from(written), Buffer.from(built)) === 0,
	};
	// Shown: whether the quoting rules really are the same, byte for byte.
	const shown = { 'CsvWriter and csv-stringify are byte-identical': Buffer.compare(Buffer.from(written), encoded) === 0 };
	const equivalence = Object.entries({ ...required, ...shown })
		.map(([check, passed]) => `- ${check}: ${passed ? 'yes' : 'no'}`)
		.join('\n');
	return { table: markdown, equivalence, equivalent: Object.values(required).every(Boolean) };
}
