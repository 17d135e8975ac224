import { buildCsvFromRecords, type ItemFieldMapping } from '../../../nodes/TrilletBatchCall/contacts/items';
import {
	MAX_NESTING_DEPTH,
	toCellText,
	UnwritableValueError,
} from '../../../nodes/TrilletBatchCall/contacts/items/itemRows';
import { MAX_UPLOAD_BYTES } from '../../../nodes/TrilletBatchCall/contacts/types';
import { mulberry32, pick } from '../csvFixtures';
import { contactsErrorFrom, readCsv } from '../uploadTestKit';

const ALL: ItemFieldMapping = { phoneField: 'phone', variables: 'all' };

/** A phone number per item index, all different. */
function phoneOf(item: number): string {
	return `+1415${String(5_000_000 + item).padStart(7, '0')}`;
}

/** The same record, with every field a getter that counts the reads of its value. */
function countingReads(record: Record<string, unknown>, reads: { count: number }): Record<string, unknown> {
	const counted: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) {
		Object.defineProperty(counted, key, {
			enumerable: true,
			get: () => {
				reads.count++;
				return value;
			},
		});
	}
	return counted;
}

describe('buildCsvFromRecords: text cut inside a character', () => {
	test('warns, naming the item and the field, when a string holds half of an emoji', () => {
		const records = [
			{ phone: phoneOf(0), note: 'fine 😀' },
			{ phone: phoneOf(1), note: 'cut \uD83D', name: '\uDE00 end' },
		];
		const { csv, report } = buildCsvFromRecords(records, ALL, 'fail');

		expect(readCsv(csv)[2]).toEqual([phoneOf(1), 'cut \uFFFD', '\uFFFD end']);
		expect(report.warnings).toEqual([
			'Some text holds half of a character (often an emoji cut in two by an earlier step), which is sent as "�": ' +
				'item 1 field "note", item 1 field "name". Cut the text where a whole character ends, or fix it in the node it comes from.',
		]);
	});

	test('warns for a mapped field and for half a character inside an object sent as JSON, not for the text "\\ud83d"', () => {
		const records = [
			{ phone: phoneOf(0), given: 'Zo\uD83D', meta: { note: 'x\uDE00' }, code: 'literally \\ud83d', tags: ['\\ud83d'] },
		];
		const { report } = buildCsvFromRecords(records, { ...ALL, firstNameField: 'given' }, 'fail');

		expect(report.warnings).toHaveLength(1);
		expect(report.warnings[0]).toContain('item 0 field "given", item 0 field "meta".');
	});

	test('names the first ten places and counts the rest', () => {
		const records = Array.from({ length: 12 }, (_, item) => ({ phone: phoneOf(item), note: '\uD83D' }));
		const { report } = buildCsvFromRecords(records, ALL, 'fail');

		expect(report.warnings[0]).toContain('item 9 field "note", and 2 more.');
		expect(report.warnings[0]).not.toContain('item 10');
	});

	test('random text: a warning exactly when some sent text does not survive UTF-8', () => {
		const random = mulberry32(10);
		const pieces = ['a', '😀', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', '東', '\\ud83d', '"', ''];
		const faults: string[] = [];
		for (let sample = 0; sample < 400; sample++) {
			const records = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, item) => ({
				phone: phoneOf(item),
				text: Array.from({ length: Math.floor(random() * 4) }, () => pick(random, pieces)).join(''),
				...(random() < 0.3 ? { nested: { deeper: [pick(random, pieces) + pick(random, pieces)] } } : {}),
			}));
			const { report } = buildCsvFromRecords(records, ALL, 'fail');
			const broken = records.flatMap((record, item) =>
				Object.entries(record)
					.filter(([, value]) => !survivesUtf8(value))
					.map(([field]) => `item ${item} field "${field}"`),
			);
			const warned = report.warnings.find((warning) => warning.startsWith('Some text holds half of a character'));
			const listed = warned === undefined ? [] : (/"�": (.*)\. Cut/.exec(warned)?.[1].split(', ') ?? ['unreadable']);
			if (listed.join() !== broken.join()) faults.push(`${JSON.stringify(records)}: warned ${JSON.stringify(listed)}`);
		}
		expect(faults).toEqual([]);
	});
});

/** Whether every string in the value comes back the same from UTF-8 (half of a surrogate pair does not). */
function survivesUtf8(value: unknown): boolean {
	if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('utf8') === value;
	if (typeof value !== 'object' || value === null) return true;
	return Object.values(value).every(survivesUtf8);
}

describe('buildCsvFromRecords: a CSV too large to upload', () => {
	test('stops at the item that takes the CSV past 20 MB, and never reads the items after it', () => {
		// 1,000 items each with a field of its own: 1,001 columns in every row, 26 MB in all.
		const reads = { count: 0 };
		const value = 'v'.repeat(25_000);
		const records = Array.from({ length: 1_000 }, (_, item) => ({ phone: phoneOf(item), [`key_${item}`]: value }));
		const guarded = records.map((record, item) => (item > 810 ? countingReads(record, reads) : record));

		const error = contactsErrorFrom(() => buildCsvFromRecords(guarded, ALL, 'fail'));

		const [, stoppedAt] = /at item (\d+) of 1,000 items/.exec(error.message) ?? [];
		expect(error.message).toBe(
			`The CSV built from the input items passes Trillet's limit of 20 MB (20,971,520 bytes) at item ${stoppedAt} of 1,000 items, so it was not built further.`,
		);
		expect(error.hint).toMatch(/^Split the items into several batches \(e\.g\. with Loop Over Items\).*set Agent Variables to "Selected"\.$/);
		// Each row is 1,001 cells: the phone number (12 bytes), 1,000 commas, one value and CRLF.
		const header = records.reduce((bytes, _, item) => bytes + `,key_${item}`.length, 'phone_number'.length + 2);
		const rowBytes = 12 + 1_000 + value.length + 2;
		expect(Number(stoppedAt)).toBe(Math.ceil((MAX_UPLOAD_BYTES - header) / rowBytes) - 1);
		expect(Number(stoppedAt)).toBeLessThanOrEqual(810);
		expect(reads.count).toBe(0);
	});

	test('a CSV just under the limit is built; one byte more is refused at the last item', () => {
		const header = 'phone_number,note\r\n'.length;
		const rowBytes = (note: string) => phoneOf(0).length + 1 + note.length + 2;
		const big = 'n'.repeat(1024 * 1024);
		const records = Array.from({ length: 19 }, (_, item) => ({ phone: phoneOf(item), note: big }));
		const used = header + records.length * rowBytes(big);
		const lastNote = 'n'.repeat(MAX_UPLOAD_BYTES - 1 - used - rowBytes(''));
		const fits = [...records, { phone: phoneOf(19), note: lastNote }];

		expect(buildCsvFromRecords(fits, ALL, 'fail').csv.length).toBe(MAX_UPLOAD_BYTES - 1);
		const over = [...records, { phone: phoneOf(19), note: `${lastNote}n` }];
		expect(contactsErrorFrom(() => buildCsvFromRecords(over, ALL, 'fail')).message).toContain('at item 19 of 20 items');
	});

	test('refuses a header that alone is over the limit, before any row', () => {
		const fields = Object.fromEntries(Array.from({ length: 30_000 }, (_, index) => [`${'k'.repeat(700)}${index}`, '']));
		const error = contactsErrorFrom(() => buildCsvFromRecords([{ phone: phoneOf(0), ...fields }], ALL, 'fail'));

		expect(error.message).toMatch(/^The header of the CSV built from the input items alone is [\d,]+ bytes \(30,001 columns\), over Trillet's limit of 20 MB/);
	});
});

describe('buildCsvFromRecords: values nested too deep for JSON text', () => {
	function nested(depth: number): unknown {
		let value: unknown = 'bottom';
		for (let level = 0; level < depth; level++) value = level % 2 ? { a: value } : [value];
		return value;
	}

	test('names the item and the field of an object nested 4,500 levels, and says what to do', () => {
		const records = [{ phone: phoneOf(0) }, { phone: phoneOf(1) }, { phone: phoneOf(2), deep: nested(4_500) }];
		const error = contactsErrorFrom(() => buildCsvFromRecords(records, ALL, 'skip'));

		expect(error.message).toBe(
			'Item 2\'s field "deep" is nested more than 1,000 levels deep (or holds itself), too deep to send as JSON text.',
		);
		expect(error.hint).toBe(
			'Flatten the item before this node (e.g. with a Set or Code node), or leave the field out: set Agent Variables to "Selected" and list the fields to send.',
		);
		expect(error.problems.map((problem) => problem.row)).toEqual([{ item: 2 }]);
	});

	test('names the dot path of a mapped field, and refuses a phone field nested too deep', () => {
		const records = [{ phone: phoneOf(0), props: { notes: nested(100_000) } }];
		const mapping: ItemFieldMapping = { phoneField: 'phone', firstNameField: 'props.notes', variables: 'none' };
		expect(contactsErrorFrom(() => buildCsvFromRecords(records, mapping, 'fail')).message).toMatch(/^Item 0's field "props.notes" is nested/);
		expect(contactsErrorFrom(() => buildCsvFromRecords([{ phone: nested(5_000) }], ALL, 'fail')).message).toMatch(/^Item 0's field "phone" is nested/);
	});

	test('sends a value nested 1,000 levels as its JSON text', () => {
		const { csv } = buildCsvFromRecords([{ phone: phoneOf(0), deep: nested(1_000) }], ALL, 'fail');
		expect(readCsv(csv)[1][1]).toBe(JSON.stringify(nested(1_000)));
	});
});

/** An object and array chain `depth` levels deep. */
function nested(depth: number): unknown {
	let value: unknown = 1;
	for (let level = 0; level < depth; level++) value = level % 3 === 0 ? [value] : { level: value, when: new Date(0) };
	return value;
}

function reasonFor(value: unknown): string {
	try {
		toCellText(value);
	} catch (error) {
		if (error instanceof UnwritableValueError) return error.reason;
		throw error;
	}
	throw new Error('expected an UnwritableValueError, but nothing was thrown');
}

describe('toCellText: objects sent as JSON text', () => {
	test(`writes an object nested ${MAX_NESTING_DEPTH} levels as JSON.stringify does, dates inside as ISO text`, () => {
		expect(toCellText(nested(MAX_NESTING_DEPTH))).toBe(JSON.stringify(nested(MAX_NESTING_DEPTH)));
	});

	test('refuses one level more, and any deeper, without running out of stack', () => {
		for (const depth of [MAX_NESTING_DEPTH + 1, 4_500, 100_000]) {
			expect(reasonFor(nested(depth))).toBe(
				'is nested more than 1,000 levels deep (or holds itself), too deep to send as JSON text',
			);
		}
	});

	test('refuses the shortest JSON text one level too deep, arrays inside arrays, and writes one level less', () => {
		const arrays = (depth: number) => {
			let value: unknown[] = [];
			for (let level = 1; level < depth; level++) value = [value];
			return value;
		};
		expect(toCellText(arrays(MAX_NESTING_DEPTH))).toBe(`${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}`);
		expect(reasonFor(arrays(MAX_NESTING_DEPTH + 1))).toMatch(/^is nested more than 1,000 levels deep/);
	});

	test('refuses an object that holds itself, and one holding a BigInt, with the reason', () => {
		const loop: Record<string, unknown> = { name: 'loop' };
		loop.self = { back: loop };
		expect(reasonFor(loop)).toMatch(/holds itself/);
		expect(reasonFor({ amount: 10n })).toBe('cannot be written as JSON text (Do not know how to serialize a BigInt)');
	});

	test('random depths: the JSON text up to the limit, a clear refusal beyond it', () => {
		const random = mulberry32(21);
		const faults: number[] = [];
		for (let sample = 0; sample < 40; sample++) {
			const depth = 1 + Math.floor(random() * 3 * MAX_NESTING_DEPTH);
			const value = nested(depth);
			const ok = depth <= MAX_NESTING_DEPTH ? toCellText(value) === JSON.stringify(value) : /nested more than/.test(reasonFor(value));
			if (!ok) faults.push(depth);
		}
		expect(faults).toEqual([]);
	});
});
