// A batch's life: queued → processing → completed or cancelled, one deterministic step at a time.
import { useTrilletEmulator } from './index';
import { callApi, contactsCsv, startedBatchId } from './testClient';

const NOW = new Date('2025-06-01T12:00:00Z');
let clock = NOW;
const emulator = useTrilletEmulator({ now: () => clock });
afterEach(() => (clock = NOW));

const batchOf = (id: string) => emulator.batches().find((batch) => batch.id === id);
const statusCounts = async (id: string) => (await callApi(emulator, 'GET', `/v1/api/batch-calls/${id}/status`)).body;

describe('progress', () => {
	it('a new batch is queued and each step finishes the active calls and starts up to ten more', async () => {
		const id = await startedBatchId(emulator, contactsCsv(12));
		const before = await statusCounts(id);
		emulator.advance(id);
		const afterOne = await statusCounts(id);
		emulator.advance(id, 2);
		const afterThree = await statusCounts(id);

		expect(before).toMatchObject({ status: 'queued', isComplete: false, waiting: 12, active: 0, total: 12 });
		expect(afterOne).toMatchObject({ status: 'processing', waiting: 2, active: 10, completed: 0, failed: 0 });
		expect(afterThree).toMatchObject({ status: 'completed', isComplete: true, waiting: 0, active: 0, completed: 11, failed: 1 });
	});

	it('a number ending in 9 is never answered: its call fails with "no-answer"', async () => {
		const id = await startedBatchId(emulator, 'phone_number\n+14155550109\n+14155550108\n');
		emulator.advance(id, 2);

		expect(batchOf(id)?.calls.map(({ status, error }) => ({ status, error }))).toEqual([
			{ status: 'failed', error: 'no-answer' },
			{ status: 'completed', error: null },
		]);
	});

	it('each read of the batch moves it one step, so a polling loop ends; /status does not move it', async () => {
		const id = await startedBatchId(emulator, contactsCsv(3));
		await statusCounts(id);
		const polls = [];
		for (let i = 0; i < 3; i++) polls.push((await callApi(emulator, 'GET', `/v1/api/batch-calls/${id}`)).body);

		expect(polls.map((poll) => (poll as { status: string }).status)).toEqual(['processing', 'completed', 'completed']);
	});

	it('the batch read has the documented shape, with recent calls newest first', async () => {
		const id = await startedBatchId(emulator, 'phone_number\n+14155550101\n+14155550109\n');
		emulator.advance(id, 2);
		const answer = await callApi(emulator, 'GET', `/v1/api/batch-calls/${id}`);
		const at = NOW.toISOString();

		expect(answer.body).toEqual({
			id,
			status: 'completed',
			isComplete: true,
			totalCalls: 2,
			progress: {
				waiting: 0,
				active: 0,
				completed: 1,
				failed: 1,
				total: 2,
				startTime: at,
				lastCompletedTime: at,
				completedTime: at,
				averageCallDuration: 30,
				recent_calls: [
					{ jobId: `${id}_2`, status: 'failed', phone_number: '+14155550109', completedAt: at },
					{ jobId: `${id}_1`, status: 'completed', phone_number: '+14155550101', completedAt: at },
				],
			},
			timestamp: at,
		});
	});

	it('batch ids are "batch_" and 13 digits, and stay unique when the clock stands still', async () => {
		const first = await startedBatchId(emulator, contactsCsv(1));
		const second = await startedBatchId(emulator, contactsCsv(1));

		expect([first, second]).toEqual([`batch_${NOW.getTime()}`, `batch_${NOW.getTime() + 1}`]);
	});

	it('advancing a batch the emulator does not have is a test error', () => {
		expect(() => emulator.advance('batch_0000000000000')).toThrow('no batch batch_0000000000000');
	});
});

describe('scheduled batches', () => {
	it('a batch scheduled in the future stays queued, polled or advanced, until its time comes', async () => {
		const id = await startedBatchId(emulator, contactsCsv(2), { scheduledAt: '2025-06-01T14:30:00Z' });
		emulator.advance(id, 5);
		const polled = await callApi(emulator, 'GET', `/v1/api/batch-calls/${id}`);
		clock = new Date('2025-06-01T14:30:00Z');
		const due = await callApi(emulator, 'GET', `/v1/api/batch-calls/${id}`);

		expect(polled.body).toMatchObject({ status: 'queued', progress: { waiting: 2, startTime: null } });
		expect(due.body).toMatchObject({ status: 'processing', progress: { active: 2, startTime: '2025-06-01T14:30:00.000Z' } });
	});
});

describe('cancelling', () => {
	it('cancelling stops the waiting calls, lets the active ones finish, and cannot be done twice', async () => {
		const id = await startedBatchId(emulator, contactsCsv(25));
		emulator.advance(id);
		const first = await callApi(emulator, 'DELETE', `/v1/api/batch-calls/${id}`);
		const second = await callApi(emulator, 'DELETE', `/v1/api/batch-calls/${id}`);
		emulator.advance(id, 3);

		expect(first).toMatchObject({
			status: 200,
			body: {
				batchId: id,
				status: 'cancelled',
				message: 'Batch cancelled successfully',
				details: { completedCalls: 0, failedCalls: 0, cancelledCalls: 15, totalCalls: 25 },
			},
		});
		expect(second).toMatchObject({ status: 400, body: { error: 'Batch is already cancelled' } });
		expect(await statusCounts(id)).toMatchObject({ status: 'cancelled', isComplete: true, completed: 9, failed: 1, active: 0 });
	});

	it('a completed batch cannot be cancelled', async () => {
		const id = await startedBatchId(emulator, contactsCsv(1));
		emulator.advance(id, 2);

		const answer = await callApi(emulator, 'DELETE', `/v1/api/batch-calls/${id}`);

		expect(answer).toMatchObject({ status: 400, body: { error: 'Batch is already completed' } });
	});
});

describe('one call', () => {
	it('a call shows its transcript and outcome only once it has completed', async () => {
		const id = await startedBatchId(emulator, 'phone_number,first_name\n+14155550101,Ada\n');
		const path = `/v1/api/batch-calls/${id}/calls/${id}_1`;
		emulator.advance(id);
		const active = await callApi(emulator, 'GET', path);
		emulator.advance(id);
		const completed = await callApi(emulator, 'GET', path);

		expect(active.body).toEqual({
			jobId: `${id}_1`,
			status: 'active',
			phone_number: '+14155550101',
			startTime: NOW.toISOString(),
			endTime: null,
			duration: null,
			error: null,
			result: { callId: `call_${id}_1`, transcript: null, outcome: null, metadata: { first_name: 'Ada' } },
		});
		expect(completed.body).toMatchObject({
			status: 'completed',
			duration: 30,
			result: { outcome: 'answered', transcript: expect.stringContaining('Hello Ada') },
		});
	});

	it.each([
		['GET', '/v1/api/batch-calls/batch_1234567890123'],
		['GET', '/v1/api/batch-calls/batch_1234567890123/status'],
		['GET', '/v1/api/batch-calls/batch_1234567890123/calls'],
		['GET', '/v1/api/batch-calls/batch_1234567890123/export-results'],
		['DELETE', '/v1/api/batch-calls/batch_1234567890123'],
	])('%s %s of an unknown batch is answered 404 "Batch not found"', async (method, path) => {
		expect(await callApi(emulator, method, path)).toMatchObject({ status: 404, body: { error: 'Batch not found' } });
	});

	it('an unknown call of a known batch is answered 404', async () => {
		const id = await startedBatchId(emulator, contactsCsv(1));

		const answer = await callApi(emulator, 'GET', `/v1/api/batch-calls/${id}/calls/${id}_2`);

		expect(answer).toMatchObject({ status: 404, body: { error: 'Call not found' } });
	});
});
