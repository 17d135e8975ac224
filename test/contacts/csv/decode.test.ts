import { CsvTextSlices, DEFAULT_SLICE_BYTES, openCsvText, type CsvEncoding } from '../../../nodes/TrilletBatchCall/contacts/csv/decode';
import { contactsErrorFrom, cutsAfterPad, PAD, padEncoding, padToCut, utf8 } from '../uploadTestKit';

/** The whole text, read slice by slice as prepareCsvFile reads it. */
function decodeCsvText(bytes: Uint8Array, encoding?: CsvEncoding): { text: string; hadBom: boolean } {
	const csv = openCsvText(bytes, encoding);
	const slices = new CsvTextSlices(csv);
	let text = '';
	for (;;) {
		const slice = slices.next();
		text += slice.text;
		if (slice.last) return { text, hadBom: csv.hadBom };
	}
}

const bytesOf = (...parts: Array<string | number[]>): Uint8Array =>
	Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? Array.from(utf8(part)) : part)));

function utf16(text: string, byteOrder: 'le' | 'be'): Uint8Array {
	const bytes = new Uint8Array(2 + text.length * 2);
	const view = new DataView(bytes.buffer);
	view.setUint16(0, 0xfeff, byteOrder === 'le');
	for (let index = 0; index < text.length; index++) {
		view.setUint16(2 + index * 2, text.charCodeAt(index), byteOrder === 'le');
	}
	return bytes;
}

// "José" as Excel's "CSV (Comma delimited)" saves it: Windows-1252, é = 0xE9.
const WINDOWS_1252_CSV = bytesOf('phone_number,first_name\r\n+14155550123,Jos', [0xe9], '\r\n');

describe('decodeCsvText', () => {
	test('decodes UTF-8 text and reports that there was no byte order mark', async () => {
		expect(decodeCsvText(utf8('phone_number,first_name\n+1,José 😀\n'))).toEqual({
			text: 'phone_number,first_name\n+1,José 😀\n',
			hadBom: false,
		});
	});

	test('strips a UTF-8 byte order mark and reports it', async () => {
		expect(decodeCsvText(bytesOf([0xef, 0xbb, 0xbf], 'phone_number\n+1\n'))).toEqual({
			text: 'phone_number\n+1\n',
			hadBom: true,
		});
	});

	test.each(['le', 'be'] as const)('decodes UTF-16%s with a byte order mark, as Excel "Unicode Text" saves it', (order) => {
		const text = 'phone_number,first_name\r\n+1,Zoë 中文\r\n';
		expect(decodeCsvText(utf16(text, order))).toEqual({ text, hadBom: true });
	});

	test('refuses UTF-16 with a byte order mark that is not valid UTF-16', async () => {
		const oddLength = Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x62]);
		expect(() => decodeCsvText(oddLength)).toThrow(/not valid UTF-16LE/);
	});

	test('refuses Windows-1252 bytes read as UTF-8, naming the byte offset and line and how to fix it', async () => {
		const error = contactsErrorFrom(() => decodeCsvText(WINDOWS_1252_CSV));
		const offset = 'phone_number,first_name\r\n+14155550123,Jos'.length;
		expect(error.message).toContain(`byte offset ${offset}`);
		expect(error.message).toContain('line 2');
		expect(error.message).toContain('0xE9');
		expect(error.message).toContain('"é"');
		expect(error.hint).toContain('CSV (Comma delimited)');
		expect(error.hint).toContain('Windows-1252');
		expect(error.hint).toContain('CSV UTF-8');
		expect(error.hint).toContain('File Encoding');
	});

	test('counts CR, LF and CRLF line breaks when naming the line of a bad byte', async () => {
		const error = contactsErrorFrom(() => decodeCsvText(bytesOf('a\rb\nc\r\nd', [0xff])));
		expect(error.message).toContain('line 4');
	});

	test('refuses a multi-byte character cut off at the end of the file', async () => {
		const error = contactsErrorFrom(() => decodeCsvText(bytesOf('phone_number\nJos', [0xc3])));
		expect(error.message).toContain('byte offset 16');
		expect(error.message).toContain('line 2');
	});

	test('decodes Windows-1252 when the user says the file is Windows-1252', async () => {
		const { text } = decodeCsvText(WINDOWS_1252_CSV, 'windows-1252');
		expect(text).toBe('phone_number,first_name\r\n+14155550123,José\r\n');
		expect(decodeCsvText(Uint8Array.from([0x80]), 'windows-1252').text).toBe('€');
	});

	test('decodes the Windows-1252 characters that Latin-1 lacks, such as € and smart quotes', async () => {
		// Node's own windows-1252 decoder turns these bytes into invisible control characters.
		const bytes = Uint8Array.from([0x80, 0x35, 0x20, 0x93, 0x4f, 0x92, 0x42, 0x94, 0x20, 0x96, 0x20, 0x85, 0x9f, 0x81]);
		expect(decodeCsvText(bytes, 'windows-1252').text).toBe('€5 “O’B” – …Ÿ\u0081');
	});

	test('shows what a bad UTF-8 byte would be in Windows-1252, smart quotes included', async () => {
		expect(() => decodeCsvText(bytesOf('name\nO', [0x92], 'Brien'))).toThrow(/byte 0x92 .* would be "’"/);
	});

	test.each([
		['windows-1250', [0xa3, 0xf3, 0x64, 0x9f], 'Łódź'],
		['windows-1251', [0xc8, 0xe2, 0xe0, 0xed], 'Иван'],
		['iso-8859-15', [0xa4, 0x31, 0x30], '€10'],
	] as const)('decodes %s text', (encoding, bytes, expected) => {
		expect(decodeCsvText(Uint8Array.from(bytes), encoding).text).toBe(expected);
	});

	test('reads valid UTF-8 as UTF-8 even when a legacy encoding is chosen, instead of garbling it', async () => {
		expect(decodeCsvText(utf8('José'), 'windows-1252').text).toBe('José');
	});

	test('lets a UTF-8 byte order mark win over a legacy encoding', async () => {
		expect(decodeCsvText(bytesOf([0xef, 0xbb, 0xbf], 'Zoë'), 'windows-1252')).toEqual({ text: 'Zoë', hadBom: true });
	});

	test('refuses an XLSX (zip) file and says to export the sheet as CSV', async () => {
		const xlsx = bytesOf([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], '[Content_Types].xml');
		const error = contactsErrorFrom(() => decodeCsvText(xlsx));
		expect(error.message).toMatch(/Excel or zip/);
		expect(error.hint).toMatch(/File → Download/);
		expect(error.hint).toMatch(/CSV UTF-8/);
	});

	test.each([
		['a legacy .xls workbook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0], /legacy Excel/],
		['a PDF', [...Array.from(utf8('%PDF-1.7\n%âãÏÓ\n'))], /PDF/],
		['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /PNG/],
		['a JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], /JPEG/],
		['a GIF image', Array.from(utf8('GIF89a')), /GIF/],
		['a gzip file', [0x1f, 0x8b, 0x08, 0x00], /gzip/],
	])('refuses %s, naming what it is', (_name, bytes, found) => {
		expect(() => decodeCsvText(Uint8Array.from(bytes))).toThrow(found);
	});

	test('refuses a file with NUL bytes as binary, even when a legacy encoding is chosen', async () => {
		const bytes = bytesOf('phone_number\n', [0x00, 0x01, 0x02]);
		expect(() => decodeCsvText(bytes, 'windows-1252')).toThrow(/binary data \(a NUL byte at byte offset 13\)/);
	});

	test('refuses a NUL byte past the first 8 KB as a control character, with its line', async () => {
		const bytes = bytesOf(`${'x'.repeat(8192)}\n`, [0x00]);
		expect(() => decodeCsvText(bytes)).toThrow(/control character \(U\+0000, a NUL byte\) on line 2,/);
	});

	test.each([
		['an empty file', new Uint8Array(0), /empty \(0 bytes\)/],
		['a file with only a byte order mark', Uint8Array.from([0xef, 0xbb, 0xbf]), /only a byte order mark/],
		['a UTF-16 file with only a byte order mark', Uint8Array.from([0xff, 0xfe]), /only a byte order mark/],
		['a file with only whitespace', utf8(' \r\n\t\n'), /only whitespace/],
		['a file with a byte order mark and whitespace', bytesOf([0xef, 0xbb, 0xbf], '\r\n'), /only whitespace/],
	])('refuses %s', (_name, bytes, found) => {
		const error = contactsErrorFrom(() => decodeCsvText(bytes));
		expect(error.message).toMatch(found);
		expect(error.hint).toMatch(/phone_number/);
	});

	test('decodes 20 MB of UTF-8 whole, the multi-byte characters at every slice edge included', async () => {
		const line = utf8('+14155550123,José,Müller,jose@example.com,"note, with comma"\r\n');
		const bytes = new Uint8Array(20 * 1024 * 1024);
		for (let offset = 0; offset + line.length <= bytes.length; offset += line.length) bytes.set(line, offset);
		const usable = bytes.subarray(0, bytes.length - (bytes.length % line.length));
		const text = decodeCsvText(usable).text;
		expect(text.startsWith('+14155550123,José')).toBe(true);
		expect(Buffer.byteLength(text)).toBe(usable.length);
		expect(text.split('\r\n').length - 1).toBe(usable.length / line.length);
	});
});

/**
 * `bytes` with a pad mark (uploadTestKit) at each place a slice may start from: the text's start
 * and, but in UTF-16 (whose slices may end anywhere), just after each line feed.
 */
function markedAtEachLine(bytes: Uint8Array): Uint8Array[] {
	const { utf16, textStart, markBytes: mark } = padEncoding(bytes);
	const places = [textStart];
	for (let index = textStart; !utf16 && index < bytes.length; index++) if (bytes[index] === 0x0a) places.push(index + 1);
	return places.map((at) => Uint8Array.from([...bytes.subarray(0, at), ...mark, ...bytes.subarray(at)]));
}

describe('CsvTextSlices', () => {
	test('decodes the same text wherever a slice ends, characters cut by slice edges included', async () => {
		const text = 'phone_number,name\r\n+1,Zoë 中文 😀\r\n+2,"a\nb"\n';
		const files: Array<[Uint8Array, CsvEncoding | undefined]> = [
			[utf8(text), undefined],
			[bytesOf([0xef, 0xbb, 0xbf], text), undefined],
			[utf16(text, 'le'), undefined],
			[utf16(text, 'be'), undefined],
			[WINDOWS_1252_CSV, 'windows-1252'],
			[Uint8Array.from([0x80, 0x35, 0x0a, 0x93, 0x4f, 0x92]), 'windows-1252'],
			[Uint8Array.from([0xa3, 0xf3, 0x0a, 0x64, 0x9f]), 'windows-1250'],
		];
		for (const [bytes, encoding] of files) {
			for (const marked of markedAtEachLine(bytes)) {
				// Small: one slice.
				const whole = decodeCsvText(marked, encoding);
				for (const cut of cutsAfterPad(marked)) {
					const { bytes: padded, padLength } = padToCut(marked, cut);
					expect(decodeCsvText(padded, encoding)).toEqual({ ...whole, text: whole.text.replace(PAD, PAD.repeat(padLength)) });
				}
			}
		}
	});

	test('ends a slice just after its last line feed, so that records are seldom cut', async () => {
		const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(DEFAULT_SLICE_BYTES / 4));
		const slices = new CsvTextSlices(openCsvText(utf8(`${a}\n${b}\n${c}\n${d}\n${a}`)));
		expect(slices.next()).toEqual({ text: `${a}\n${b}\n${c}\n`, last: false });
		expect(slices.next()).toEqual({ text: `${d}\n${a}`, last: true });
	});

	test('reads at least as many bytes as asked for, when a long record needs them', async () => {
		const [a, b, c] = ['a', 'b', 'c'].map((letter) => letter.repeat(DEFAULT_SLICE_BYTES + 100));
		const slices = new CsvTextSlices(openCsvText(utf8(`${a}\n${b}\n${c}`)));
		// No line feed in a slice: it ends where the slice size does.
		expect(slices.next()).toEqual({ text: a.slice(0, DEFAULT_SLICE_BYTES), last: false });
		// Twice the slice size asked for: the rest of the first line and all of the second.
		expect(slices.next(2 * DEFAULT_SLICE_BYTES)).toEqual({ text: `${a.slice(DEFAULT_SLICE_BYTES)}\n${b}\n`, last: false });
		expect(slices.next()).toEqual({ text: c.slice(0, DEFAULT_SLICE_BYTES), last: false });
		expect(slices.next()).toEqual({ text: c.slice(DEFAULT_SLICE_BYTES), last: true });
	});

	test('refuses a bad byte in a later slice, naming its offset and line in the whole file', async () => {
		// Past the first slice (32 KB), so that a later next() meets it.
		const start = `phone_number\n${'+1\n'.repeat(20_000)}Jos`;
		const slices = new CsvTextSlices(openCsvText(bytesOf(start, [0xe9], '\n')));
		expect(slices.next().text).toMatch(/^phone_number\n(\+1\n)+$/);
		const error = contactsErrorFrom(() => slices.checkRest());
		expect(error.message).toContain(`byte 0xE9 at byte offset ${start.length} (line 20002)`);
	});

	test('checkRest decodes the rest of a good file without complaint', async () => {
		const slices = new CsvTextSlices(openCsvText(utf8('a\n'.repeat(DEFAULT_SLICE_BYTES))));
		expect(slices.next().last).toBe(false);
		expect(() => slices.checkRest()).not.toThrow();
		expect(slices.next()).toEqual({ text: '', last: true });
	});

	test('refuses a UTF-16 file whose last surrogate has no partner, in one slice or at a slice edge', async () => {
		const broken = Uint8Array.from([...utf16('phone_number\r\n~', 'le'), 0x3d, 0xd8]);
		const surrogate = broken.length - 2;
		// The whole file; the surrogate alone in the second slice; ending the first slice.
		const files = [broken, padToCut(broken, surrogate).bytes, padToCut(broken, broken.length).bytes];
		for (const file of files) expect(() => decodeCsvText(file, 'utf-8')).toThrow(/not valid UTF-16LE/);
	});
});
