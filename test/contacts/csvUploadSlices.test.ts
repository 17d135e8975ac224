import { createHash } from 'node:crypto';

import { CsvTextSlices, DEFAULT_SLICE_BYTES, openCsvText, type CsvEncoding } from '../../nodes/TrilletBatchCall/contacts/csv';
import { prepareCsvFile } from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { ContactsError } from '../../nodes/TrilletBatchCall/contacts/errors';
import type { InvalidRowPolicy } from '../../nodes/TrilletBatchCall/contacts/types';
import { mulberry32, pick, randomTable, toUntidyCsv, type Random } from './csvFixtures';
import { contactsErrorFrom, cutsAfterPad, PAD, padToCut, preparedOn, unpadded, uploadedByGeneralReader, utf8 } from './uploadTestKit';

// The general reader (csvPasses.ts) decodes and reads a file a slice at a time. Wherever a slice
// ends, the outcome must be the one the file gives read as one slice: the same bytes, report and
// errors. Each file holds a pad mark `~` that grows until a slice ends at the byte under test
// (padToCut); the outcome is then compared with the small file's, a run of `~` counting as one.

const decoder = new TextDecoder('utf-8', { fatal: true });

/** What the general reader makes of a file, in a form jest compares and prints well. */
async function outcome(bytes: Uint8Array, invalidRows: InvalidRowPolicy, encoding?: CsvEncoding) {
	try {
		const { csv, report } = await uploadedByGeneralReader(bytes, { invalidRows, encoding });
		return { csv: decoder.decode(csv), sentAsIs: Buffer.from(csv).equals(bytes), report };
	} catch (error) {
		if (!(error instanceof ContactsError)) throw error;
		const { message, hint, problems, problemCount } = error;
		return { error: { message, hint, problems, problemCount } };
	}
}

/** The outcome of the small file (one slice), which must be the outcome with a slice ending before each of `cuts`. */
async function expectSameAtEveryCut(bytes: Uint8Array, invalidRows: InvalidRowPolicy, cuts = cutsAfterPad(bytes), encoding?: CsvEncoding) {
	expect(bytes.length).toBeLessThan(DEFAULT_SLICE_BYTES);
	const whole = await outcome(bytes, invalidRows, encoding);
	for (const cut of cuts) {
		const padded = padToCut(bytes, cut).bytes;
		expect({ cut, ...unpadded(await outcome(padded, invalidRows, encoding)) }).toEqual({ cut, ...whole });
	}
	return whole;
}

/** `text` with the pad mark before the first `before`. */
function padBefore(text: string, before: string): string {
	const at = text.indexOf(before);
	if (at === -1) throw new Error(`no ${JSON.stringify(before)} in the test file`);
	return text.slice(0, at) + PAD + text.slice(at);
}

function utf16le(text: string): Uint8Array {
	return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
}

const PHONES = ['+14155550123', '+1 415 555 0124', '+44 20 7946 0958', '12345', '', "'+14155550125", '+1 (415) 555-0126'];

/** A phone number cell: mostly unique numbers in assorted formats, some bad ones and duplicates. */
function randomPhone(random: Random, row: number): string {
	if (random() < 0.2) return pick(random, PHONES);
	const digits = String(4155550000 + row);
	return pick(random, [`+1${digits}`, `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6)}`]);
}

/**
 * A random untidy contact file: unicode, quotes, line breaks, ragged rows, blank lines, maybe a
 * BOM. Its first column, `filler`, is empty but in one row, which holds the pad mark.
 */
function randomContactText(random: Random): string {
	const width = 1 + Math.floor(random() * 3);
	const header = ['filler', 'phone_number', ...Array.from({ length: width }, (_, index) => `c${index}`)];
	const cells = randomTable(random, 1 + Math.floor(random() * 30), width);
	const padRow = Math.floor(random() * cells.length);
	const rows = cells.map((row, index) => {
		const ragged = random() < 0.1 ? row.slice(0, Math.floor(random() * width)) : random() < 0.05 ? [...row, ''] : row;
		return [index === padRow ? PAD : '', randomPhone(random, index), ...ragged];
	});
	// Mostly one kind of line break, as a readable upload has; sometimes mixed, which is refused.
	return toUntidyCsv(random, [header, ...rows], { oneLineBreak: random() < 0.8 }).text;
}

function randomContactCsv(random: Random): Uint8Array {
	const text = randomContactText(random);
	return utf8(random() < 0.1 ? `\uFEFF${text}` : text);
}

function someOf(random: Random, cuts: number[], count: number): number[] {
	return Array.from({ length: count }, () => pick(random, cuts));
}

describe('the general reader reads a file in slices as it reads it whole', () => {
	test('random untidy contact files, UTF-8 and UTF-16, cut by a slice edge here and there (seeded)', async () => {
		const random = mulberry32(20240613);
		for (let file = 0; file < 150; file++) {
			const text = randomContactText(random);
			const policy = random() < 0.5 ? 'skip' : 'fail';
			const inUtf8 = utf8(random() < 0.1 ? `\uFEFF${text}` : text);
			await expectSameAtEveryCut(inUtf8, policy, someOf(random, cutsAfterPad(inUtf8), 3));
			const inUtf16 = utf16le(text);
			await expectSameAtEveryCut(inUtf16, policy, someOf(random, cutsAfterPad(inUtf16), 3));
		}
	});

	test('a quoted field with line breaks across slice edges, and the lines after it', async () => {
		const text = 'phone_number,note\n+14155550123,"one\r\ntwo\nthree"\n12345,bad\n+14155550124,"x,\ny"\n';
		for (const before of ['one\r', 'two', 'three', 'bad', 'x,', 'y"']) {
			const whole = await expectSameAtEveryCut(utf8(padBefore(text, before)), 'skip');
			expect(whole).toMatchObject({ report: { problems: [expect.objectContaining({ row: { line: 5 } })] } });
		}
	});

	test('multi-byte characters cut by slice edges', async () => {
		const text = 'phone_number,name\n+14155550123,Zoë 中文 😀\n+1 415 555 0124,"😀,😀"\n';
		const first = await expectSameAtEveryCut(utf8(padBefore(text, 'Zoë')), 'fail');
		expect(first).toMatchObject({ csv: 'phone_number,name\r\n+14155550123,~Zoë 中文 😀\r\n+14155550124,"😀,😀"\r\n' });
		const second = await expectSameAtEveryCut(utf8(padBefore(text, '😀,')), 'fail');
		expect(second).toMatchObject({ csv: 'phone_number,name\r\n+14155550123,Zoë 中文 😀\r\n+14155550124,"~😀,😀"\r\n' });
	});

	test('stray quotes next to slice edges', async () => {
		const text = 'phone_number,note\n+14155550123,He said "hi"\n+14155550124,ab"\n+14155550125,"ok"\n';
		for (const before of ['He', 'ab', 'ok']) {
			const whole = await expectSameAtEveryCut(utf8(padBefore(text, before)), 'fail');
			expect(whole).toMatchObject({ csv: expect.stringMatching(/"~?He said ""hi"""/) });
		}
	});

	test('a CRLF file whose CR and LF fall into different slices is still sent as it is', async () => {
		const text = 'phone_number,name\r\n+14155550123,Ada\r\n+14155550124,Bob\r\n';
		for (const before of ['Ada', 'Bob']) {
			const bytes = utf8(padBefore(text, before));
			const lineFeed = bytes.indexOf(0x0a, bytes.indexOf(0x7e));
			// The cut between the CR and the LF is one of those tried.
			expect(cutsAfterPad(bytes)).toContain(lineFeed);
			expect(await expectSameAtEveryCut(bytes, 'fail')).toMatchObject({ sentAsIs: true });
		}
	});

	test('a lone CR at the end of the last slice of a CRLF file is refused however the file is cut', async () => {
		const bytes = utf8('phone_number,name\r\n+14155550123,Ada\r\n+14155550124,~Bob\r');
		expect(await expectSameAtEveryCut(bytes, 'fail')).toHaveProperty('error.message', expect.stringMatching(/line 3 ends with a bare CR/));
	});

	test('errors name the same line whatever the slicing', async () => {
		const files = [
			'phone_number,note\n+14155550123,"~never\nclosed\n',
			'phone_number,note\n+14155550123,"never\n~closed\n',
			'phone_number,note\n+14155550123,~ok\n"+14155550124"x,no\n',
			'note,phone_number\nok,+14155550123\n~no,"+14155550124"x\n',
			'Phone Number,note\n+14155550123,~ok\n',
			'phone_number,note\n+14155550123,~ok\n+1 415 555 0123,duplicate\n',
			'phone_number,note\n+14155550123,ok\n+1 415 555 0123,~duplicate\n',
		];
		for (const text of files) expect(await expectSameAtEveryCut(utf8(text), 'fail')).toHaveProperty('error');
		// Blank lines only, in one slice and across several.
		for (const blank of [2, 50_000]) {
			const error = contactsErrorFrom(() => preparedOn('general', utf8(`phone_number${'\n'.repeat(blank)}`), { invalidRows: 'fail' }));
			expect(error.message).toBe('The CSV has no rows to call: it has a header line but no contacts below it.');
		}
	});

	test('a long record is read whole, across many slices', async () => {
		const long = `phone_number,note\n+14155550123,"${'ab""c\n'.repeat(200_000)}"\n`;
		const { report } = await uploadedByGeneralReader(utf8(long), { invalidRows: 'fail' });
		expect(report.rowsSent).toBe(1);
	});

	test('the pad puts a slice edge where it is asked to', async () => {
		const bytes = utf8('phone_number,name\n+14155550123,~Ada Lovelace\n');
		const cut = bytes.indexOf(0x7e) + 4;
		const { bytes: padded, padLength } = padToCut(bytes, cut);
		const slices = new CsvTextSlices(openCsvText(padded));
		expect(slices.next().text).toBe('phone_number,name\n');
		expect(slices.next().text).toBe(`+14155550123,${PAD.repeat(padLength)}Ada`);
		expect(slices.next()).toEqual({ text: ' Lovelace\n', last: true });
	});
});

describe('the general reader in slices: bytes that do not decode', () => {
	// Past the first slice (32 KB), which the reader decodes before it reads any record.
	const rows = Array.from({ length: 3000 }, (_, index) => `+1415555${1000 + index},Name ${index}`).join('\n');

	test('names the offset and line of a bad byte in a later slice, at or next to a slice edge', async () => {
		const start = utf8(`phone_number,name\n${rows}\n+14155559999,~Jos`);
		const bytes = Uint8Array.from([...start, 0xe9, 0x0a]);
		expect(bytes.length).toBeGreaterThan(2 * DEFAULT_SLICE_BYTES);
		for (const cut of cutsAfterPad(bytes)) {
			const padded = padToCut(bytes, cut).bytes;
			const offset = padded.indexOf(0xe9);
			for (const path of ['general', 'fast'] as const) {
				const error = contactsErrorFrom(() => preparedOn(path, padded, { invalidRows: 'fail' }));
				expect(error.message).toContain(`byte 0xE9 at byte offset ${offset} (line 3002)`);
			}
		}
	});

	test('reports a bad byte further on rather than a problem with what was read before it', async () => {
		const early = ['Phone Number,name\n', 'phone_number,name\n"+14155550100"x,bad\n', 'phone_number,name\n"never closed\n'];
		for (const text of early) {
			const bytes = Uint8Array.from([...utf8(`${text}${rows}\nJos`), 0xe9, 0x0a]);
			expect(bytes.length).toBeGreaterThan(2 * DEFAULT_SLICE_BYTES);
			for (const read of [() => preparedOn('general', bytes, { invalidRows: 'fail' }), () => prepareCsvFile(bytes, { invalidRows: 'fail' })]) {
				expect(contactsErrorFrom(read).message).toMatch(/^The CSV file is not valid UTF-8: byte 0xE9 at byte offset \d+ \(line 300[23]\)/);
			}
		}
	});

	test('refuses a file of whitespace, or of whitespace and a bad byte, in one slice or several', async () => {
		for (const repeats of [100, 10_000]) {
			const spaces = utf8(' \r\n\t\n '.repeat(repeats));
			expect(await outcome(spaces, 'fail')).toMatchObject({ error: { message: 'The CSV file contains only whitespace.' } });
			const badByte = Uint8Array.from([...utf8(' \n'.repeat(repeats)), 0xff]);
			expect(await outcome(badByte, 'fail')).toMatchObject({
				error: { message: expect.stringContaining(`byte 0xFF at byte offset ${2 * repeats} (line ${repeats + 1})`) },
			});
		}
	});

	test('reads UTF-16 and legacy encodings the same wherever a slice ends', async () => {
		const text = 'phone_number,name\r\n+14155550123,~Zoë 中文 😀\r\n+1 415 555 0124,"a,b"\r\n';
		// In UTF-16 every character after the pad, surrogate pairs halved, to the end of the file.
		expect(await expectSameAtEveryCut(utf16le(text), 'fail')).toHaveProperty('report');
		const broken = Uint8Array.from([...utf16le(text), 0x3d, 0xd8]);
		expect(await expectSameAtEveryCut(broken, 'fail')).toMatchObject({ error: { message: /not valid UTF-16LE/ } });
		const windows1252 = Uint8Array.from([...utf8('phone_number,name\n+14155550123,~Zo'), 0xeb, 0x80, 0x0a]);
		expect(await expectSameAtEveryCut(windows1252, 'fail', undefined, 'windows-1252')).toMatchObject({
			csv: 'phone_number,name\r\n+14155550123,~Zoë€\r\n',
		});
	});
});

describe('prepareCsvFile', () => {
	async function fileOutcome(bytes: Uint8Array, path: 'fast' | 'general') {
		const prepared = path === 'fast' ? prepareCsvFile(bytes, { invalidRows: 'skip' }) : preparedOn(path, bytes, { invalidRows: 'skip' });
		if (prepared === undefined) throw new Error('the general reader always gives a file');
		const { file, sha256, report } = prepared;
		const sent = new Uint8Array(await file.arrayBuffer());
		return { type: file.type, csv: decoder.decode(sent), sha256, expectedSha256: createHash('sha256').update(sent).digest('hex'), report };
	}

	test('gives a text/csv Blob with the SHA-256 of its bytes, wherever a slice ends (seeded)', async () => {
		const random = mulberry32(5);
		for (let file = 0; file < 40; file++) {
			const bytes = randomContactCsv(random);
			let expected;
			try {
				expected = await fileOutcome(bytes, 'fast');
			} catch (error) {
				if (!(error instanceof ContactsError)) throw error;
				continue;
			}
			expect(expected).toMatchObject({ type: 'text/csv', sha256: expected.expectedSha256 });
			const padded = padToCut(bytes, pick(random, cutsAfterPad(bytes))).bytes;
			const got = await fileOutcome(padded, 'general');
			expect(got).toMatchObject({ type: 'text/csv', sha256: got.expectedSha256 });
			const { sha256: _sha256, expectedSha256: _expected, ...rest } = got;
			const { sha256: _wholeSha256, expectedSha256: _wholeExpected, ...wholeRest } = expected;
			expect(unpadded(rest)).toEqual(wholeRest);
		}
	});

	test('writes a cleaned-up copy of several megabytes into the Blob whole', async () => {
		const rows = Array.from({ length: 80_000 }, (_, index) => `+1 415 ${String(1_000_000 + index)},"Zoë, 😀 ${index}"`);
		const bytes = utf8(`phone_number,name\n${rows.join('\n')}\n`);
		const { csv } = await uploadedByGeneralReader(bytes, { invalidRows: 'fail' });
		expect(csv.length).toBeGreaterThan(2 * 1024 * 1024);
		for (const path of ['fast', 'general'] as const) {
			const got = await fileOutcome(bytes, path);
			expect(got.csv).toBe(decoder.decode(csv));
			expect(got.sha256).toBe(got.expectedSha256);
		}
	});

	test('sends a clean file’s bytes after the byte order mark', async () => {
		for (const path of ['fast', 'general'] as const) {
			const got = await fileOutcome(utf8('\uFEFFphone_number\n+14155550123\n'), path);
			expect(got.csv).toBe('phone_number\n+14155550123\n');
			expect(got.sha256).toBe(got.expectedSha256);
		}
	});
});
