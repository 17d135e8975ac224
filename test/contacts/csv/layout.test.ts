import { detectCsvLayout, openCsvText } from '../../../nodes/TrilletBatchCall/contacts/csv';
import { contactsErrorFrom, utf8 } from '../uploadTestKit';

// Which separator a file uses, judged from its header outside quotes; comma whenever it fits.

const hasPhoneNumber = (fields: string[]) => fields.includes('phone_number');

function layoutOf(text: string | Uint8Array) {
	return detectCsvLayout(openCsvText(typeof text === 'string' ? utf8(text) : text), hasPhoneNumber);
}

describe('detectCsvLayout', () => {
	test.each([
		['comma', 'phone_number,name\n', ','],
		['one column', 'phone_number\n+14155550101\n', ','],
		['semicolon', 'name;phone_number\n', ';'],
		['tab', 'name\tphone_number\r\n', '\t'],
		['comma where ; also splits the header', 'phone_number,a;b\n', ','],
		['semicolon with commas inside quotes', '"a,b";phone_number\n', ';'],
		['blank lines and a BOM before the header', '\uFEFF\n\r\nname;phone_number\n', ';'],
		['UTF-16 with tabs', new Uint8Array(Buffer.from('\uFEFFname\tphone_number\r\n', 'utf16le')), '\t'],
		['no phone_number, split only by ;', 'Phone;name\n', ';'],
		['no phone_number, nothing splits it', 'Phone\n', ','],
	])('%s', (_, text, delimiter) => {
		expect(layoutOf(text)).toEqual({ delimiter, sepLine: false });
	});

	test.each([
		['sep=;\nphone_number;x\n', ';'],
		['sep=,\r\nphone_number,x\r\n', ','],
		['sep=\t\nphone_number\tx\n', '\t'],
		['\uFEFFsep=;\nphone_number,x\n', ';'],
	])('honours the sep= line of %j', (text, delimiter) => {
		expect(layoutOf(text)).toEqual({ delimiter, sepLine: true });
	});

	test('takes a sep= line only as the whole first line', () => {
		expect(layoutOf('sep=;x\nphone_number,x\n')).toHaveProperty('sepLine', false);
	});

	test('refuses a header that fits both ; and tab', () => {
		expect(contactsErrorFrom(() => layoutOf('phone_number;a\tphone_number\n')).message).toMatch(/ambiguous/);
	});

	test('reads a header longer than the first 4 KB it looks at, even with a quoted line break in them', () => {
		const columns = Array.from({ length: 500 }, (_, index) => `column_${index}`);
		const header = ['"notes\nmore"', ...columns, 'phone_number'].join(';');
		expect(utf8(header).length).toBeGreaterThan(4096);
		expect(layoutOf(`${header}\n${['x', ...columns.map(() => ''), '+14155550123'].join(';')}\n`)).toEqual({ delimiter: ';', sepLine: false });
	});

	test('refuses bytes that are not text, in the first slice the reader decodes, before a separator it cannot read', () => {
		const rows = Array.from({ length: 400 }, (_, index) => `+1${2_012_000_000 + index}|x`).join('\n');
		const bytes = Buffer.concat([utf8(`sep=|\nphone_number|n\n${rows}\n+12013000000|Zo`), Uint8Array.from([0xeb, 0x0a])]);
		expect(bytes.indexOf(0xeb)).toBeGreaterThan(4096);
		expect(contactsErrorFrom(() => layoutOf(bytes)).message).toMatch(/not valid UTF-8: byte 0xEB at byte offset 6036 \(line 403\)/);
	});
});
