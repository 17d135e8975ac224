import { requestsTo, useTrilletEmulator } from '../../emulator';
import { TRILLET } from '../../engine/trilletWorkflow';
import { batchOf, runTrillet } from '../followKit';

describe('Cancel Batch', () => {
	const emulator = useTrilletEmulator();

	const statusOf = (batchId: string) => emulator.batches().find((batch) => batch.id === batchId)?.status;

	test('cancels a running batch with DELETE and outputs Trillet’s details', async () => {
		const batchId = await batchOf(emulator, 25);
		// Two steps: calls 1–10 have ended, 11–20 are in progress, 21–25 are waiting.
		emulator.advance(batchId, 2);

		const run = await runTrillet(emulator, { operation: 'cancel' }, [{ batchId }]);

		expect(requestsTo(emulator, 'DELETE', `/v1/api/batch-calls/${batchId}`)).toHaveLength(1);
		expect(statusOf(batchId)).toBe('cancelled');
		expect(run.output(TRILLET)).toEqual([
			{
				json: {
					batchId,
					status: 'cancelled',
					message: 'Batch cancelled successfully',
					details: { completedCalls: 9, failedCalls: 1, cancelledCalls: 5, totalCalls: 25 },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a completed batch cannot be cancelled, and the message says why in plain words', async () => {
		const batchId = await batchOf(emulator, 3);
		emulator.advance(batchId, 3);

		const run = await runTrillet(emulator, { operation: 'cancel', batchId }, [{}]);

		expect(statusOf(batchId)).toBe('completed');
		expect(run.error(TRILLET)?.message).toBe(`Batch ${batchId} is already completed, so there is nothing to cancel`);
		expect(run.error(TRILLET)?.description).toMatch(/only while it is queued or processing/);
	});

	test.each([
		['Batch has already failed', 'has already failed'],
		['Batch has already been completed', 'is already completed'],
	])('Trillet’s "%s" is told the same way', async (said, told) => {
		const batchId = await batchOf(emulator, 3);
		emulator.failNext({ kind: 'status', status: 400, body: { error: said } }, 1, { method: 'DELETE' });

		const run = await runTrillet(emulator, { operation: 'cancel', batchId }, [{}]);

		expect(run.error(TRILLET)?.message).toBe(`Batch ${batchId} ${told}, so there is nothing to cancel`);
		expect(statusOf(batchId)).toBe('queued');
	});

	test('cancelling a batch that is already cancelled succeeds and says nothing changed', async () => {
		const batchId = await batchOf(emulator, 3);

		await runTrillet(emulator, { operation: 'cancel', batchId }, [{}]);
		const again = await runTrillet(emulator, { operation: 'cancel', batchId }, [{}]);

		expect(requestsTo(emulator, 'DELETE', `/v1/api/batch-calls/${batchId}`).map((request) => request.status)).toEqual([200, 400]);
		expect(again.error(TRILLET)).toBeUndefined();
		expect(again.output(TRILLET)[0].json).toEqual({
			batchId,
			status: 'cancelled',
			alreadyCancelled: true,
			message: `Batch ${batchId} was already cancelled; nothing changed`,
		});
	});

	test('a cancel whose answer was lost is sent again, and finding the batch cancelled counts as done', async () => {
		const batchId = await batchOf(emulator, 3);
		// The DELETE takes effect, then the connection drops before the answer.
		emulator.failNext({ kind: 'dropAfterCreate' }, 1, { method: 'DELETE' });

		const run = await runTrillet(emulator, { operation: 'cancel', batchId }, [{}]);

		expect(requestsTo(emulator, 'DELETE', `/v1/api/batch-calls/${batchId}`).map((request) => request.status)).toEqual([0, 400]);
		expect(run.error(TRILLET)).toBeUndefined();
		expect(run.output(TRILLET)[0].json).toMatchObject({ batchId, status: 'cancelled', alreadyCancelled: true });
	});

	test('any other refusal is passed on in Trillet’s words, not taken for "already finished"', async () => {
		const batchId = await batchOf(emulator, 3);
		emulator.failNext({ kind: 'status', status: 400, body: { error: 'Invalid batch ID' } }, 1, { method: 'DELETE' });

		const run = await runTrillet(emulator, { operation: 'cancel', batchId }, [{}]);

		expect(run.error(TRILLET)?.message).toBe(`Trillet refused to cancel batch ${batchId}`);
		expect(run.error(TRILLET)?.description).toMatch(/Trillet said: "Invalid batch ID"/);
	});

	test('an unknown batch is reported as "Batch not found" with its ID', async () => {
		const run = await runTrillet(emulator, { operation: 'cancel', batchId: 'batch_gone' }, [{}]);

		expect(run.error(TRILLET)?.message).toBe('Batch not found: batch_gone');
	});

	test('with Continue On Fail, a finished batch among running ones becomes an error item paired to it', async () => {
		const running = await batchOf(emulator, 2);
		const finished = await batchOf(emulator, 1);
		emulator.advance(finished, 2);

		const run = await runTrillet(emulator, { operation: 'cancel' }, [{ batchId: finished }, { batchId: running }], {
			onError: 'continueRegularOutput',
		});

		expect(run.output(TRILLET).map((item) => [item.json.error ?? item.json.status, item.pairedItem])).toEqual([
			[`Batch ${finished} is already completed, so there is nothing to cancel`, { item: 0 }],
			['cancelled', { item: 1 }],
		]);
	});
});
