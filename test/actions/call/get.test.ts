import { requestsTo, useTrilletEmulator } from '../../emulator';
import { TRILLET } from '../../engine/trilletWorkflow';
import { batchOf, runTrillet } from '../followKit';

describe('Get Call', () => {
	const emulator = useTrilletEmulator();

	test('a finished call comes with its transcript and outcome', async () => {
		const batchId = await batchOf(emulator, 2);
		emulator.advance(batchId, 2);
		const jobId = `${batchId}_1`;

		const run = await runTrillet(emulator, { resource: 'call', operation: 'get', batchId, jobId }, [{}]);

		expect(requestsTo(emulator, 'GET', `/v1/api/batch-calls/${batchId}/calls/${jobId}`)).toHaveLength(1);
		const [item] = run.output(TRILLET);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			batchId,
			jobId,
			status: 'completed',
			phone_number: '+14155550001',
			result: { callId: `call_${jobId}`, outcome: 'answered', metadata: { first_name: 'First1' } },
		});
		expect((item.json.result as { transcript: string }).transcript).toMatch(/^Agent: Hello First1/);
	});

	test('reads batchId and jobId from the incoming item by default, so it follows Get Calls', async () => {
		const batchId = await batchOf(emulator, 3);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'get' }, [
			{ batchId, jobId: `${batchId}_3` },
			{ batchId, jobId: `${batchId}_2` },
		]);

		expect(run.output(TRILLET).map((item) => [item.json.jobId, item.json.status, item.pairedItem])).toEqual([
			[`${batchId}_3`, 'waiting', { item: 0 }],
			[`${batchId}_2`, 'waiting', { item: 1 }],
		]);
	});

	test('an unknown call is named together with its batch', async () => {
		const batchId = await batchOf(emulator, 1);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'get', batchId, jobId: 'job_x' }, [{}]);

		expect(run.error(TRILLET)?.message).toBe(`Call job_x not found in batch ${batchId}`);
		expect(run.error(TRILLET)?.description).toMatch(/Trillet said: "Call not found"/);
	});

	test('the job ID is encoded into the path like the batch ID', async () => {
		const batchId = await batchOf(emulator, 1);

		await runTrillet(emulator, { resource: 'call', operation: 'get', batchId, jobId: '../../agents' }, [{}]);

		expect(requestsTo(emulator, 'GET', /\/calls\//).map((request) => request.path)).toEqual([
			`/v1/api/batch-calls/${batchId}/calls/..%2F..%2Fagents`,
		]);
		expect(requestsTo(emulator, 'GET', '/v1/api/agents')).toEqual([]);
	});

	test('an item without a job ID stops the node, naming the item', async () => {
		const batchId = await batchOf(emulator, 1);

		const run = await runTrillet(emulator, { resource: 'call', operation: 'get' }, [{ batchId }]);

		expect(run.error(TRILLET)?.message).toBe('Item 0 has no job ID');
		expect(run.error(TRILLET)?.description).toMatch(/after Get Calls/);
	});
});

describe('Get Call by call ID', () => {
	const emulator = useTrilletEmulator();

	test('finds the call in the call history with the documented callIds filter', async () => {
		emulator.callHistory.add({ callId: 'call_one', status: 'completed', variables: { crm_id: 'CRM-1' } });
		emulator.callHistory.add({ callId: 'call_two', status: 'completed' });

		const run = await runTrillet(emulator, { resource: 'call', operation: 'get', getBy: 'callId' }, [{ callId: 'call_one' }]);

		const [request] = requestsTo(emulator, 'GET', '/v2/api/call-history');
		expect(JSON.parse(request.query.callIds)).toEqual(['call_one']);
		expect(run.output(TRILLET)).toEqual([
			{ json: expect.objectContaining({ callId: 'call_one', variables: { crm_id: 'CRM-1' } }), pairedItem: { item: 0 } },
		]);
	});

	test('an unknown call ID is "Call not found" with the ID', async () => {
		const run = await runTrillet(emulator, { resource: 'call', operation: 'get', getBy: 'callId', callId: 'call_gone' }, [{}]);

		expect(run.error(TRILLET)?.message).toBe('Call not found: call_gone');
	});
});
