import { requestsTo, useTrilletEmulator } from '../../emulator';
import { TRILLET } from '../../engine/trilletWorkflow';
import { batchOf, binaryText, csvRows, runTrillet } from '../followKit';

describe('Export Results', () => {
	const emulator = useTrilletEmulator();

	test('outputs Trillet’s results CSV as a file, named as Trillet names it, with its row count', async () => {
		const batchId = await batchOf(emulator, 12);
		emulator.advance(batchId, 3);

		const run = await runTrillet(emulator, { operation: 'exportResults' }, [{ batchId }]);

		expect(requestsTo(emulator, 'GET', `/v1/api/batch-calls/${batchId}/export-results`)).toHaveLength(1);
		const [item] = run.output(TRILLET);
		const rows = csvRows(await binaryText(item));
		expect(rows).toHaveLength(12);
		expect(rows.filter((row) => row.status === 'failed').map((row) => row.jobId)).toEqual([`${batchId}_9`]);
		expect(rows[0]).toMatchObject({ jobId: `${batchId}_1`, phone_number: '+14155550001', outcome: 'answered', first_name: 'First1' });
		expect(item.binary?.data).toMatchObject({ mimeType: 'text/csv', fileName: `batch-${batchId}-results.csv`, fileExtension: 'csv' });
		expect(item.json).toEqual({
			batchId,
			fileName: `batch-${batchId}-results.csv`,
			rows: 12,
			bytes: Buffer.byteLength(await binaryText(item)),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('puts the file in the binary field asked for', async () => {
		const batchId = await batchOf(emulator, 2);

		const run = await runTrillet(emulator, { operation: 'exportResults', binaryPropertyName: 'results' }, [{ batchId }]);

		const [item] = run.output(TRILLET);
		expect(Object.keys(item.binary ?? {})).toEqual(['results']);
		expect(csvRows(await binaryText(item, 'results')).map((row) => row.status)).toEqual(['waiting', 'waiting']);
	});

	test('a file sent without a name or as another type is still a CSV named after the batch', async () => {
		const batchId = await batchOf(emulator, 1);
		// A string body goes out as text/html and without Content-Disposition.
		emulator.failNext({ kind: 'status', status: 200, body: 'jobId,status\nj1,completed\n' }, 1, { path: /export-results$/ });

		const run = await runTrillet(emulator, { operation: 'exportResults', batchId }, [{}]);

		const [item] = run.output(TRILLET);
		expect(item.binary?.data).toMatchObject({ mimeType: 'text/csv', fileName: `batch-${batchId}-results.csv` });
		expect(item.json.rows).toBe(1);
	});

	test('a file that cannot be read as CSV is handed on unchanged, with rows left unknown', async () => {
		const batchId = await batchOf(emulator, 1);
		emulator.failNext({ kind: 'status', status: 200, body: 'jobId\n"never closed\n' }, 1, { path: /export-results$/ });

		const run = await runTrillet(emulator, { operation: 'exportResults', batchId }, [{}]);

		const [item] = run.output(TRILLET);
		expect(await binaryText(item)).toBe('jobId\n"never closed\n');
		expect(item.json.rows).toBeNull();
	});

	test.each([
		['a web page', '<!doctype html><p>Sign in</p>'],
		['JSON', { data: [] }],
	])('%s in place of the file is an error, not a CSV handed on', async (_, body) => {
		const batchId = await batchOf(emulator, 1);
		emulator.failNext({ kind: 'status', status: 200, body }, 1, { path: /export-results$/ });

		const run = await runTrillet(emulator, { operation: 'exportResults', batchId }, [{}]);

		const error = run.error(TRILLET);
		expect(`${error?.message} ${error?.description}`).toMatch(/A CSV file was expected but the answer began "(<!doctype html>|\{)/);
	});

	test('an unknown batch is reported as "Batch not found" with its ID, not as a file', async () => {
		const run = await runTrillet(emulator, { operation: 'exportResults', batchId: 'batch_gone' }, [{}]);

		expect(run.error(TRILLET)?.message).toBe('Batch not found: batch_gone');
		expect(run.error(TRILLET)?.description).toMatch(/Trillet said: "Batch not found"/);
	});

	test('with Continue On Fail, one file per good batch and an error item for the bad one', async () => {
		const first = await batchOf(emulator, 1);
		const second = await batchOf(emulator, 2);

		const run = await runTrillet(emulator, { operation: 'exportResults' }, [{ batchId: first }, { batchId: 'nope' }, { batchId: second }], {
			onError: 'continueRegularOutput',
		});

		expect(run.output(TRILLET).map((item) => [item.json.rows ?? item.json.error, item.pairedItem, item.binary !== undefined])).toEqual([
			[1, { item: 0 }, true],
			['Batch not found: nope', { item: 1 }, false],
			[2, { item: 2 }, true],
		]);
	});
});
