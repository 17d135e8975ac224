import { createHash } from 'node:crypto';

import type { CsvEncoding } from '../../nodes/TrilletBatchCall/contacts/csv';
import { prepareCsvFile } from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { ContactsError } from '../../nodes/TrilletBatchCall/contacts/errors';
import type { InvalidRowPolicy } from '../../nodes/TrilletBatchCall/contacts/types';
import { mulberry32, pick, randomTable, toUntidyCsv, type Random } from './csvFixtures';
import { contactsErrorFrom, uploaded, utf8 } from './uploadTestKit';

// prepareCsvFile decodes and reads the file a slice at a time. Whatever the slice size, the
// outcome must be the one the whole text gives: the same bytes, report and errors.

const decoder = new TextDecoder('utf-8', { fatal: true });

/** What prepareCsvFile makes of a file, in a form jest compares and prints well. */
async function outcome(bytes: Uint8Array, invalidRows: InvalidRowPolicy, sliceBytes?: number, encoding?: CsvEncoding) {
	try {
		const { csv, report } = await uploaded(bytes, { invalidRows, sliceBytes, encoding });
		return { csv: decoder.decode(csv), sentAsIs: Buffer.from(csv).equals(bytes), report };
	} catch (error) {
		if (!(error instanceof ContactsError)) throw error;
		const { message, hint, problems, problemCount } = error;
		return { error: { message, hint, problems, problemCount } };
	}
}

/** The outcome with the whole file as one slice, and with the slice sizes given. */
async function expectSameForEverySlicing(bytes: Uint8Array, invalidRows: InvalidRowPolicy, sliceSizes: number[], encoding?: CsvEncoding) {
	const whole = await outcome(bytes, invalidRows, bytes.length, encoding);
	for (const sliceBytes of sliceSizes) {
		expect({ sliceBytes, ...(await outcome(bytes, invalidRows, sliceBytes, encoding)) }).toEqual({ sliceBytes, ...whole });
	}
	return whole;
}

const PHONES = ['+14155550123', '+1 415 555 0124', '+44 20 7946 0958', '12345', '', "'+14155550125", '+1 (415) 555-0126'];

/** A phone number cell: mostly unique numbers in assorted formats, some bad ones and duplicates. */
function randomPhone(random: Random, row: number): string {
	if (random() < 0.2) return pick(random, PHONES);
	const digits = String(4155550000 + row);
	return pick(random, [`+1${digits}`, `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6)}`]);
}

/** A random untidy contact file: unicode, quotes, line breaks, ragged rows, blank lines, maybe a BOM. */
function randomContactCsv(random: Random): Uint8Array {
	const width = 1 + Math.floor(random() * 3);
	const header = ['phone_number', ...Array.from({ length: width }, (_, index) => `c${index}`)];
	const cells = randomTable(random, 1 + Math.floor(random() * 30), width);
	const rows = cells.map((row, index) => {
		const ragged = random() < 0.1 ? row.slice(0, Math.floor(random() * width)) : random() < 0.05 ? [...row, ''] : row;
		return [randomPhone(random, index), ...ragged];
	});
	// Mostly one kind of line break, as a readable upload has; sometimes mixed, which is refused.
	const { text } = toUntidyCsv(random, [header, ...rows], { oneLineBreak: random() < 0.8 });
	return utf8(random() < 0.1 ? `\uFEFF${text}` : text);
}

describe('prepareCsvFile reads a file in slices as it reads the whole file', () => {
	test('random untidy contact files, cut into slices of every small size (seeded)', async () => {
		const random = mulberry32(20240613);
		for (let file = 0; file < 150; file++) {
			const bytes = randomContactCsv(random);
			const sizes = [1, 2, 3, 5, 8, 13, 1 + Math.floor(random() * bytes.length)];
			await expectSameForEverySlicing(bytes, random() < 0.5 ? 'skip' : 'fail', sizes);
		}
	});

	test('a quoted field with line breaks across slice edges, and the lines after it', async () => {
		const bytes = utf8('phone_number,note\n+14155550123,"one\r\ntwo\nthree"\n12345,bad\n+14155550124,"x,\ny"\n');
		const whole = await expectSameForEverySlicing(bytes, 'skip', [1, 2, 3, 4, 5, 6, 7, 16, 17, 40]);
		expect(whole).toMatchObject({ report: { problems: [expect.objectContaining({ row: { line: 5 } })] } });
	});

	test('multi-byte characters cut by slice edges', async () => {
		const bytes = utf8('phone_number,name\n+14155550123,Zoë 中文 😀\n+1 415 555 0124,"😀,😀"\n');
		const whole = await expectSameForEverySlicing(bytes, 'fail', [1, 2, 3, 4, 5, 6, 7]);
		expect(whole).toMatchObject({ csv: 'phone_number,name\r\n+14155550123,Zoë 中文 😀\r\n+14155550124,"😀,😀"\r\n' });
	});

	test('stray quotes next to slice edges', async () => {
		const bytes = utf8('phone_number,note\n+14155550123,He said "hi"\n+14155550124,ab"\n+14155550125,"ok"\n');
		const whole = await expectSameForEverySlicing(bytes, 'fail', [1, 2, 3, 4, 5, 6, 7, 8]);
		expect(whole).toMatchObject({ csv: expect.stringContaining('"He said ""hi"""') });
	});

	test('a CRLF file whose CR and LF fall into different slices is still sent as it is', async () => {
		const bytes = utf8('phone_number,name\r\n+14155550123,Ada\r\n+14155550124,Bob\r\n');
		expect(await expectSameForEverySlicing(bytes, 'fail', [1, 2, 3, 19])).toMatchObject({ sentAsIs: true });
	});

	test('a lone CR at the end of the last slice of a CRLF file is refused however the file is cut', async () => {
		const bytes = utf8('phone_number,name\r\n+14155550123,Ada\r\n+14155550124,Bob\r');
		expect(await expectSameForEverySlicing(bytes, 'fail', [1, 2, 3])).toHaveProperty('error.message', expect.stringMatching(/line 3 ends with a bare CR/));
	});

	test('errors name the same line whatever the slicing', async () => {
		const files = [
			'phone_number,note\n+14155550123,"never\nclosed\n',
			'phone_number,note\n+14155550123,ok\n"+14155550124"x,no\n',
			'Phone Number,note\n+14155550123,ok\n',
			'phone_number,note\n+14155550123,ok\n+1 415 555 0123,duplicate\n',
			'phone_number\n\n\n',
		];
		for (const text of files) expect(await expectSameForEverySlicing(utf8(text), 'fail', [1, 2, 3, 7])).toHaveProperty('error');
	});

	test('a long record is read whole however small the slices', async () => {
		const long = `phone_number,note\n+14155550123,"${'ab""c\n'.repeat(200_000)}"\n`;
		const { report } = await uploaded(utf8(long), { invalidRows: 'fail', sliceBytes: 64 });
		expect(report.rowsSent).toBe(1);
	});
});

describe('prepareCsvFile in slices: bytes that do not decode', () => {
	// Past the first 32 KB, which are decoded before any record is read to see that there is text.
	const rows = Array.from({ length: 3000 }, (_, index) => `+1415555${1000 + index},Name ${index}`).join('\n');

	test('names the offset and line of a bad byte in a later slice', async () => {
		const start = utf8(`phone_number,name\n${rows}\n+14155559999,Jos`);
		const bytes = Uint8Array.from([...start, 0xe9, 0x0a]);
		const whole = await expectSameForEverySlicing(bytes, 'fail', [7, 64, 1000]);
		expect(whole).toMatchObject({ error: { message: expect.stringContaining(`byte 0xE9 at byte offset ${start.length} (line 3002)`) } });
	});

	test('reports a bad byte further on rather than a problem with what was read before it', async () => {
		const early = ['Phone Number,name\n', 'phone_number,name\n"+14155550100"x,bad\n', 'phone_number,name\n"never closed\n'];
		for (const text of early) {
			const bytes = Uint8Array.from([...utf8(`${text}${rows}\nJos`), 0xe9, 0x0a]);
			for (const sliceBytes of [16, 256]) {
				const error = contactsErrorFrom(() => prepareCsvFile(bytes, { invalidRows: 'fail', sliceBytes }));
				expect(error.message).toMatch(/^The CSV file is not valid UTF-8: byte 0xE9 at byte offset \d+ \(line 300[23]\)/);
			}
		}
	});

	test('refuses a file of whitespace, or of whitespace and a bad byte, as the whole file does', async () => {
		await expectSameForEverySlicing(utf8(' \r\n\t\n '.repeat(100)), 'fail', [1, 3, 64]);
		await expectSameForEverySlicing(Uint8Array.from([...utf8(' \n'.repeat(100)), 0xff]), 'fail', [1, 3, 64]);
	});

	test('reads UTF-16 and legacy encodings the same in any slicing', async () => {
		const text = 'phone_number,name\r\n+14155550123,Zoë 中文 😀\r\n+1 415 555 0124,"a,b"\r\n';
		const utf16 = new Uint8Array(2 + text.length * 2);
		const view = new DataView(utf16.buffer);
		view.setUint16(0, 0xfeff, true);
		for (let index = 0; index < text.length; index++) view.setUint16(2 + index * 2, text.charCodeAt(index), true);
		expect(await expectSameForEverySlicing(utf16, 'fail', [1, 2, 3, 5])).toHaveProperty('report');
		const broken = Uint8Array.from([...utf16, 0x3d, 0xd8]);
		expect(await expectSameForEverySlicing(broken, 'fail', [1, 2, 3, 5])).toMatchObject({ error: { message: /not valid UTF-16LE/ } });
		const windows1252 = Uint8Array.from([...utf8('phone_number,name\n+14155550123,Zo'), 0xeb, 0x80, 0x0a]);
		expect(await expectSameForEverySlicing(windows1252, 'fail', [1, 2, 3], 'windows-1252')).toMatchObject({
			csv: 'phone_number,name\r\n+14155550123,Zoë€\r\n',
		});
	});
});

describe('prepareCsvFile', () => {
	async function fileOutcome(bytes: Uint8Array, sliceBytes?: number) {
		const { file, sha256, report } = prepareCsvFile(bytes, { invalidRows: 'skip', sliceBytes });
		const sent = new Uint8Array(await file.arrayBuffer());
		return { type: file.type, csv: decoder.decode(sent), sha256, expectedSha256: createHash('sha256').update(sent).digest('hex'), report };
	}

	test('gives a text/csv Blob with the SHA-256 of its bytes, in any slicing (seeded)', async () => {
		const random = mulberry32(5);
		for (let file = 0; file < 40; file++) {
			const bytes = randomContactCsv(random);
			let expected;
			try {
				expected = await fileOutcome(bytes);
			} catch (error) {
				if (!(error instanceof ContactsError)) throw error;
				continue;
			}
			const got = await fileOutcome(bytes, 1 + Math.floor(random() * 20));
			expect(got).toEqual(expected);
			expect(got).toMatchObject({ type: 'text/csv', sha256: got.expectedSha256 });
		}
	});

	test('writes a cleaned-up copy of several megabytes into the Blob whole', async () => {
		const rows = Array.from({ length: 80_000 }, (_, index) => `+1 415 ${String(1_000_000 + index)},"Zoë, 😀 ${index}"`);
		const bytes = utf8(`phone_number,name\n${rows.join('\n')}\n`);
		const { csv } = await uploaded(bytes, { invalidRows: 'fail' });
		expect(csv.length).toBeGreaterThan(2 * 1024 * 1024);
		const got = await fileOutcome(bytes);
		expect(got.csv).toBe(decoder.decode(csv));
		expect(got.sha256).toBe(got.expectedSha256);
	});

	test('sends a clean file’s bytes after the byte order mark', async () => {
		const got = await fileOutcome(utf8('\uFEFFphone_number\n+14155550123\n'));
		expect(got.csv).toBe('phone_number\n+14155550123\n');
		expect(got.sha256).toBe(got.expectedSha256);
	});
});
