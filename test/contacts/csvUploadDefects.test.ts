import { readerWork } from '../../nodes/TrilletBatchCall/contacts/csv';
import { prepareCsvFile } from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { mulberry32, randomTable } from './csvFixtures';
import { readCsv, uploaded, utf8 } from './uploadTestKit';

// Files the fuzzer found read wrongly: each case here failed before its fix.

const UTF8_BOM = '\uFEFF';

describe('a file starting with more than one byte order mark', () => {
	test('is uploaded without any, and the report says how many were removed', async () => {
		const { csv, report } = await uploaded(utf8(`${UTF8_BOM}${UTF8_BOM}phone_number,name\n+14155550123,Ada\n`), { invalidRows: 'fail' });
		expect(Array.from(csv.subarray(0, 3))).not.toEqual([0xef, 0xbb, 0xbf]);
		expect(readCsv(csv)).toEqual([['phone_number', 'name'], ['+14155550123', 'Ada']]);
		expect(report.warnings).toEqual(['The file starts with 2 byte order marks (BOM), which were removed before the upload.']);
	});

	test('any number of them, before any content, in any reading (seeded)', async () => {
		const random = mulberry32(55);
		for (let file = 0; file < 60; file++) {
			const marks = 1 + Math.floor(random() * 4);
			const rows = randomTable(random, 1 + Math.floor(random() * 5), 1).map((cells, index) => [`+1415555${1000 + index}`, ...cells]);
			const text = ['phone_number,note', ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))].join('\r\n');
			for (const sliceBytes of [undefined, 1, 5]) {
				const { csv, report } = await uploaded(utf8(UTF8_BOM.repeat(marks) + text), { invalidRows: 'skip', sliceBytes });
				expect(csv[0]).not.toBe(0xef);
				expect(readCsv(csv)).toEqual([['phone_number', 'note'], ...rows]);
				expect(report.warnings[0]).toMatch(marks === 1 ? /^The file starts with a byte order mark/ : new RegExp(`^The file starts with ${marks} byte order marks`));
			}
		}
	});
});

describe('a quoted field made of escaped quotes', () => {
	test.each([10, 1_000, 1_000_000])('of %i pairs is read as one value in at most two strings, whatever the slicing', async (pairs) => {
		const value = '"'.repeat(pairs);
		const bytes = utf8(`phone_number,note\n+14155550123,"${'""'.repeat(pairs)}"\n`);
		for (const sliceBytes of [bytes.length, 1 << 16]) {
			const before = readerWork.quotedValueStrings;
			const { csv, report } = await uploaded(bytes, { invalidRows: 'fail', sliceBytes });
			// Two at most for the check, two at most should the file be written again.
			expect(readerWork.quotedValueStrings - before).toBeLessThanOrEqual(4);
			expect(report.rowsSent).toBe(1);
			expect(readCsv(csv)[1]).toEqual(['+14155550123', value]);
		}
	});
});
