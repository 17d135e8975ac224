import { requestsTo, useTrilletEmulator } from '../../emulator';
import { TRILLET } from '../../engine/trilletWorkflow';
import { batchOf, runTrillet } from '../followKit';

const CALLS_PATH = /^\/v1\/api\/batch-calls\/[^/]+\/calls$/;

/** The jobIds the emulator gives the calls of a batch, in upload order: `<batchId>_1` … */
function jobIds(batchId: string, from: number, to: number): string[] {
	return Array.from({ length: to - from + 1 }, (_, index) => `${batchId}_${from + index}`);
}

describe('Get Calls', () => {
	const emulator = useTrilletEmulator();

	test('Return All reads every page, 100 calls at a time, and outputs one item per call', async () => {
		const batchId = await batchOf(emulator, 230);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: true }, [{ batchId }]);

		expect(requestsTo(emulator, 'GET', CALLS_PATH).map((request) => request.query)).toEqual([
			{ page: '1', limit: '100', status: 'all' },
			{ page: '2', limit: '100', status: 'all' },
			{ page: '3', limit: '100', status: 'all' },
		]);
		const output = run.output(TRILLET);
		expect(output.map((item) => item.json.jobId)).toEqual(jobIds(batchId, 1, 230));
		expect(output.every((item) => item.json.batchId === batchId)).toBe(true);
		expect(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(output[0].json).toMatchObject({ status: 'waiting', phone_number: '+14155550001', metadata: { first_name: 'First1' } });
	});

	test('without Return All, the default limit of 50 is one request for 50 calls', async () => {
		const batchId = await batchOf(emulator, 120);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany' }, [{ batchId }]);

		expect(requestsTo(emulator, 'GET', CALLS_PATH).map((request) => request.query)).toEqual([
			{ page: '1', limit: '50', status: 'all' },
		]);
		expect(run.output(TRILLET).map((item) => item.json.jobId)).toEqual(jobIds(batchId, 1, 50));
	});

	test('a limit over 100 is read in pages of 100 and cut to the limit', async () => {
		const batchId = await batchOf(emulator, 230);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: false, limit: 150 }, [{ batchId }]);

		expect(requestsTo(emulator, 'GET', CALLS_PATH).map((request) => request.query.page)).toEqual(['1', '2']);
		expect(run.output(TRILLET).map((item) => item.json.jobId)).toEqual(jobIds(batchId, 1, 150));
	});

	test('the Status filter is sent to Trillet and only those calls come out', async () => {
		const batchId = await batchOf(emulator, 20);
		// Three steps finish all 20 calls; the numbers ending in 9 (calls 9 and 19) are not answered.
		emulator.advance(batchId, 3);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: true, status: 'failed' }, [{ batchId }]);

		expect(requestsTo(emulator, 'GET', CALLS_PATH)[0].query.status).toBe('failed');
		expect(run.output(TRILLET).map((item) => [item.json.jobId, item.json.status, item.json.error])).toEqual([
			[`${batchId}_9`, 'failed', 'no-answer'],
			[`${batchId}_19`, 'failed', 'no-answer'],
		]);
	});

	test('each input item’s calls are paired to that item', async () => {
		const first = await batchOf(emulator, 2);
		const second = await batchOf(emulator, 3);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: true }, [{ batchId: first }, { batchId: second }]);

		expect(run.output(TRILLET).map((item) => [item.json.jobId, item.pairedItem])).toEqual([
			[`${first}_1`, { item: 0 }],
			[`${first}_2`, { item: 0 }],
			[`${second}_1`, { item: 1 }],
			[`${second}_2`, { item: 1 }],
			[`${second}_3`, { item: 1 }],
		]);
	});

	test('a batch with no calls in the chosen state outputs nothing and asks once', async () => {
		const batchId = await batchOf(emulator, 5);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: true, status: 'completed' }, [{ batchId }]);

		expect(run.error(TRILLET)).toBeUndefined();
		expect(run.output(TRILLET)).toEqual([]);
		expect(requestsTo(emulator, 'GET', CALLS_PATH)).toHaveLength(1);
	});

	test('an unknown batch is reported as "Batch not found" with its ID', async () => {
		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', batchId: 'batch_gone' }, [{}]);

		expect(run.error(TRILLET)?.message).toBe('Batch not found: batch_gone');
	});
});

describe('Get Calls on a server that repeats the same page forever', () => {
	const emulator = useTrilletEmulator({ repeatCallsPage: true });

	test('stops at the first page that brings nothing new, with an error that says so', async () => {
		const batchId = await batchOf(emulator, 230);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: true }, [{ batchId }]);

		expect(requestsTo(emulator, 'GET', CALLS_PATH)).toHaveLength(2);
		expect(run.error(TRILLET)?.message).toBe(`Trillet kept sending the same page of calls for batch ${batchId}`);
		expect(run.error(TRILLET)?.description).toMatch(/Page 2 held only calls already received .* \(100 different calls received\)/);
	});

	test('with Continue On Fail the item gets that error and the node goes on', async () => {
		const batchId = await batchOf(emulator, 230);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: true }, [{ batchId }], {
			onError: 'continueRegularOutput',
		});

		expect(run.output(TRILLET)).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ error: `Trillet kept sending the same page of calls for batch ${batchId}` }), pairedItem: { item: 0 } }),
		]);
	});
});

describe('Get Calls and an answer without calls', () => {
	const emulator = useTrilletEmulator();

	test('an answer without a list of calls is an error, not an empty report', async () => {
		const batchId = await batchOf(emulator, 3);
		emulator.failNext({ kind: 'status', status: 200, body: { ok: true } }, 1, { path: /\/calls$/ });
		const run = await runTrillet(emulator, { resource: 'call', operation: 'getMany', batchId, returnAll: true }, [{}]);

		expect(run.error(TRILLET)?.message).toBe(`Trillet’s answer could not be read when asked to list the calls of batch ${batchId}`);
		expect(run.error(TRILLET)?.description).toMatch(/The answer has no list of calls/);
	});
});
