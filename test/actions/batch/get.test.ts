import { requestsTo, useTrilletEmulator } from '../../emulator';
import { TRILLET } from '../../engine/trilletWorkflow';
import { batchOf, runTrillet } from '../followKit';

describe('Get Batch', () => {
	const emulator = useTrilletEmulator();

	test('outputs the batch as Trillet gives it, with the batchId added for the next node', async () => {
		const batchId = await batchOf(emulator, 3);

		const run = await runTrillet(emulator, { operation: 'get', batchId }, [{ note: 'anything' }]);

		const [item] = run.output(TRILLET);
		expect(run.output(TRILLET)).toHaveLength(1);
		expect(item.pairedItem).toEqual({ item: 0 });
		// The emulator moves a batch one step per read: queued → processing, the first calls active.
		expect(item.json).toMatchObject({
			batchId,
			id: batchId,
			status: 'processing',
			isComplete: false,
			totalCalls: 3,
			progress: { waiting: 0, active: 3, completed: 0, failed: 0, total: 3 },
		});
		expect(typeof item.json.timestamp).toBe('string');
	});

	test('asks for the batch of the incoming item by default, with both credential headers', async () => {
		const batchId = await batchOf(emulator, 1);

		await runTrillet(emulator, { operation: 'get' }, [{ batchId }]);

		const [request] = requestsTo(emulator, 'GET', `/v1/api/batch-calls/${batchId}`);
		expect(request.headers['x-api-key']).toBe(emulator.apiKey);
		expect(request.headers['x-workspace-id']).toBe(emulator.workspaceId);
	});

	test('puts the batch ID into the path encoded, so it cannot reach another endpoint', async () => {
		const run = await runTrillet(emulator, { operation: 'get', batchId: 'batch_1/calls?x=1' }, [{}]);

		expect(requestsTo(emulator, 'GET', /^\/v1\/api\/batch-calls\//).map((request) => request.path)).toEqual([
			'/v1/api/batch-calls/batch_1%2Fcalls%3Fx%3D1',
		]);
		expect(run.error(TRILLET)?.message).toBe('Batch not found: batch_1/calls?x=1');
	});

	test('an unknown batch is reported as "Batch not found" with its ID', async () => {
		const run = await runTrillet(emulator, { operation: 'get', batchId: 'batch_0000000000000' }, [{}]);

		expect(run.error(TRILLET)?.message).toBe('Batch not found: batch_0000000000000');
		expect(run.error(TRILLET)?.description).toMatch(/Trillet said: "Batch not found"/);
	});

	test('an item without a batch ID stops the node, naming the item, before anything is sent', async () => {
		const batchId = await batchOf(emulator, 1);
		const before = emulator.requests.length;

		const run = await runTrillet(emulator, { operation: 'get' }, [{ batchId }, { batchId: '  ' }]);

		expect(run.error(TRILLET)?.message).toBe('Item 1 has no batch ID');
		expect(run.error(TRILLET)?.description).toMatch(/\{\{ \$json\.batchId \}\}/);
		expect(emulator.requests.length - before).toBe(1);
	});

	test('with Continue On Fail, a bad batch ID among good ones becomes an error item paired to it', async () => {
		const first = await batchOf(emulator, 1);
		const second = await batchOf(emulator, 2);

		const run = await runTrillet(
			emulator,
			{ operation: 'get' },
			[{ batchId: first }, { batchId: 'batch_unknown' }, { batchId: second }],
			{ onError: 'continueRegularOutput' },
		);

		const output = run.output(TRILLET);
		expect(run.error(TRILLET)).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((item) => item.json.batchId ?? item.json.error)).toEqual([
			first,
			'Batch not found: batch_unknown',
			second,
		]);
		expect(output[2].json.totalCalls).toBe(2);
	});
});
