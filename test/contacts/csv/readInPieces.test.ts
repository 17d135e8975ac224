import { CsvReader, forEachCsvRecord, type CsvParseStats } from '../../../nodes/TrilletBatchCall/contacts/csv/read';
import { escapeCsvField } from '../../../nodes/TrilletBatchCall/contacts/csv/quoting';
import { mulberry32, randomTable, toUntidyCsv, type Random } from '../csvFixtures';
import { contactsErrorFrom } from '../uploadTestKit';

interface ReadRecords {
	records: string[][];
	lines: number[];
	strayQuotes: boolean[];
	stats: CsvParseStats;
}

/** Reads `text` given to a CsvReader in pieces cut at `cuts` (ascending offsets). */
function readInPieces(text: string, cuts: readonly number[]): ReadRecords {
	const read: Omit<ReadRecords, 'stats'> = { records: [], lines: [], strayQuotes: [] };
	const reader = new CsvReader((fields, line, strayQuote) => {
		read.records.push(fields);
		read.lines.push(line);
		read.strayQuotes.push(strayQuote);
	});
	let from = 0;
	for (const cut of cuts) {
		reader.read(text.slice(from, cut), false);
		from = cut;
	}
	reader.read(text.slice(from), true);
	return { ...read, stats: reader.stats() };
}

function readWhole(text: string): ReadRecords {
	return readInPieces(text, []);
}

/** Up to `count` random cut offsets, ascending, repeats allowed (an empty piece). */
function randomCuts(random: Random, length: number, count: number): number[] {
	return Array.from({ length: count }, () => Math.floor(random() * (length + 1))).sort((a, b) => a - b);
}

/** Every way to cut `text` in two. */
function everyCut(text: string): number[][] {
	return Array.from({ length: text.length + 1 }, (_, cut) => [cut]);
}

describe('CsvReader: text in pieces reads exactly as the whole text', () => {
	const tricky: Record<string, string> = {
		'a quoted field with line breaks': 'phone_number,note\n+1,"two\r\nline\nbreaks"\n+2,plain\r"+3","x\ry"\n+4,end',
		'escaped quotes': 'a,b\n"say ""hi""",""""\n"x""",y\n',
		'a CRLF, a lone CR and blank lines': 'a,b\r\n\r\n1,2\r\r3,4\n\n',
		'stray quotes in unquoted fields': 'a,b\nab"c,d""e\n x "y",z"\n',
		'a byte order mark': '\uFEFFphone_number,name\n+1,Ann\n',
		'only a byte order mark': '\uFEFF',
		'no final line break': 'a\n1\n2',
		'a quote at the very end': 'a,b\n1,"x"',
		'emoji and other surrogate pairs': 'name\n😀\n"😀,😀"\n',
	};

	test.each(Object.entries(tricky))('cut anywhere in two: %s', (_name, text) => {
		const whole = readWhole(text);
		for (const cuts of everyCut(text)) expect(readInPieces(text, cuts)).toEqual(whole);
	});

	test('cut into single characters', () => {
		for (const text of Object.values(tricky)) {
			const cuts = Array.from({ length: text.length }, (_, index) => index);
			expect(readInPieces(text, cuts)).toEqual(readWhole(text));
		}
	});

	test('cut at random into random untidy tables, 500 times (seeded)', () => {
		const random = mulberry32(20240612);
		for (let table = 0; table < 500; table++) {
			const rows = randomTable(random, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 5));
			const { text } = toUntidyCsv(random, rows);
			const cuts = randomCuts(random, text.length, Math.floor(random() * 8));
			expect(readInPieces(text, cuts)).toEqual(readWhole(text));
		}
	});

	test('gives the line a record starts on after many cuts', () => {
		const text = 'phone_number,note\n+1,"two\r\nline\nbreaks"\n\n+2,plain\r"+3","x\ry"\n+4,end';
		const cuts = Array.from({ length: text.length }, (_, index) => index);
		expect(readInPieces(text, cuts).lines).toEqual([1, 2, 6, 7, 9]);
	});

	test('keeps an unfinished record across empty pieces', () => {
		const reader = new CsvReader(() => undefined);
		reader.read('a\n"unfini', false);
		expect(reader.pendingLength).toBe('"unfini'.length);
		reader.read('', false);
		reader.read('shed"\n', false);
		expect(reader.pendingLength).toBe(0);
		reader.read('', true);
		expect(reader.stats()).toEqual({ records: 2, blankLines: 0, lines: 2 });
	});

	test('names the same line for an unterminated quote, wherever the text is cut', () => {
		const text = 'a,b\n1,2\n3,"never\nclosed\n4,5\n';
		for (const cuts of everyCut(text)) {
			const error = contactsErrorFrom(() => readInPieces(text, cuts));
			expect(error.message).toContain('starting on line 3 that is never closed');
		}
	});

	test('names the same line for text after a closing quote, wherever the text is cut', () => {
		const text = 'a,b\n1,2\n"multi\nline"x,3\n';
		for (const cuts of everyCut(text)) {
			expect(contactsErrorFrom(() => readInPieces(text, cuts)).message).toContain('line 4');
		}
	});

	test('does not take a closing quote for a doubled one, or the reverse, when the pair is cut', () => {
		expect(readInPieces('a\n"x"""\n', [5]).records).toEqual([['a'], ['x"']]);
		expect(readInPieces('a\n"x"\n"y"', [5]).records).toEqual([['a'], ['x'], ['y']]);
	});
});

describe('CsvReader: where each record lies in the text', () => {
	interface Span {
		fields: string[];
		written: string;
		fieldTexts: string[];
		minimallyQuoted: boolean;
		fieldCount: number;
	}

	function spansInPieces(text: string, cuts: readonly number[]): Span[] {
		const spans: Span[] = [];
		const reader = new CsvReader((fields, _line, _stray, span) => {
			spans.push({
				fields: [...fields],
				written: span.text.slice(span.start, span.end),
				fieldTexts: fields.map((_, index) => span.text.slice(span.fieldStart(index), span.fieldEnd(index))),
				minimallyQuoted: span.minimallyQuoted,
				fieldCount: span.fieldCount,
			});
		});
		let from = 0;
		for (const cut of cuts) {
			reader.read(text.slice(from, cut), false);
			from = cut;
		}
		reader.read(text.slice(from), true);
		return spans;
	}

	test('says a record is minimally quoted exactly when its text is what escapeCsvField would write', () => {
		const random = mulberry32(77);
		let minimal = 0;
		for (let table = 0; table < 300; table++) {
			const rows = randomTable(random, 1 + Math.floor(random() * 10), 1 + Math.floor(random() * 5));
			const { text } = toUntidyCsv(random, rows);
			for (const span of spansInPieces(text, randomCuts(random, text.length, 4))) {
				const escaped = span.fields.map(escapeCsvField).join(',');
				expect({ minimal: span.minimallyQuoted, written: span.written }).toEqual({
					minimal: span.written === escaped,
					written: span.written,
				});
				if (span.minimallyQuoted) minimal++;
			}
		}
		// Both kinds were seen.
		expect(minimal).toBeGreaterThan(100);
	});

	test('gives each field as written, quotes included, and the field count', () => {
		const spans = spansInPieces('a,b,c\n"x,1",,"say ""hi"""\r\n', [9]);
		expect(spans[1]).toMatchObject({
			fields: ['x,1', '', 'say "hi"'],
			written: '"x,1",,"say ""hi"""',
			fieldTexts: ['"x,1"', '', '"say ""hi"""'],
			minimallyQuoted: true,
			fieldCount: 3,
		});
	});

	test.each([
		['needless quotes', '"abc",d', false],
		['a stray quote', 'ab"c,d', false],
		['a leading space', ' abc,d', false],
		['a trailing tab', 'abc\t,d', false],
		['an empty quoted field', '"",d', false],
		['quotes around a space at the end', '"abc ",d', true],
		['quotes around a comma', '"a,b",d', true],
		['quotes around a line break', '"a\nb",d', true],
		['plain fields', 'abc,d', true],
	])('%s', (_name, record, minimallyQuoted) => {
		expect(spansInPieces(`h1,h2\n${record}\n`, [])[1].minimallyQuoted).toBe(minimallyQuoted);
	});

	test('reads the whole text as forEachCsvRecord does', () => {
		const text = 'a,b\n1,2\n';
		const seen: string[][] = [];
		forEachCsvRecord(text, (_fields, _line, _stray, span) => seen.push([span.text.slice(span.start, span.end)]));
		expect(seen).toEqual([['a,b'], ['1,2']]);
	});
});
