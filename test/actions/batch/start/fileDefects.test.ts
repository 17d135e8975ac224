import { useTrilletEmulator } from '../../../emulator';
import type { TestFile } from '../../../engine/standInNodes';
import { TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

// Files read wrongly before (found by fuzzing the node end to end), through n8n's engine: the
// rows the server parsed are the expectation.

function bytesFile(bytes: Buffer, fileName = 'contacts.csv'): TestFile {
	return { fileName, mimeType: 'text/csv', base64: bytes.toString('base64') };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe.each(['default', 'filesystem'] as const)('Start Batch in %s binary-data mode', (binaryDataMode) => {
	const emulator = useTrilletEmulator();

	test.each(['fail', 'skip'])('uploads a file that starts with two byte order marks without any (Invalid Rows = %s)', async (invalidRows) => {
		const file = bytesFile(Buffer.concat([BOM, BOM, Buffer.from('phone_number,first_name\n+14155550123,Ann\n')]));
		const run = await runStart(emulator, { files: [file] }, { options: { invalidRows } }, { binaryDataMode });

		expect(run.error(TRILLET)).toBeUndefined();
		const [upload] = uploads(emulator);
		expect(upload.file?.bytes.subarray(0, 3)).not.toEqual(BOM);
		expect(upload.file?.rows).toEqual([{ phone_number: '+14155550123', first_name: 'Ann' }]);
		expect(run.output(TRILLET)[0].json.warnings).toEqual([
			'The file starts with 2 byte order marks (BOM), which were removed before the upload.',
		]);
	});

	test.each(['fail', 'skip'])('sends a header ending in a comma without its empty column (Invalid Rows = %s)', async (invalidRows) => {
		const file = bytesFile(Buffer.from('phone_number,first_name,\n+14155550123,Ann,\n+14155550124,Bob,\n'));
		const run = await runStart(emulator, { files: [file] }, { options: { invalidRows } }, { binaryDataMode });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.rows).toEqual([
			{ phone_number: '+14155550123', first_name: 'Ann' },
			{ phone_number: '+14155550124', first_name: 'Bob' },
		]);
	});

	test.each(['fail', 'skip'])('refuses a NUL byte far into the file, naming its line (Invalid Rows = %s)', async (invalidRows) => {
		const rows = Array.from({ length: 2000 }, (_, index) => `+1${2_012_000_000 + index},Name ${index}`);
		rows[1500] += '\u0000';
		const file = bytesFile(Buffer.from(`phone_number,first_name\n${rows.join('\n')}\n`));
		const run = await runStart(emulator, { files: [file] }, { options: { invalidRows } }, { binaryDataMode });

		expect(run.error(TRILLET)?.message).toMatch(/control character \(U\+0000, a NUL byte\) on line 1502,/);
		expect(uploads(emulator)).toHaveLength(0);
	});
});
