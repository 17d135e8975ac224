// Failure injection: what a client meets when the API limits, breaks, hangs or loses its answer.
import { setTimeout as sleep } from 'node:timers/promises';
import { startTrilletEmulator, useTrilletEmulator } from './index';
import { callApi, contactsCsv, startBatch } from './testClient';

const NOW = new Date('2025-06-01T12:00:00Z');
const emulator = useTrilletEmulator({ now: () => NOW });

async function waitUntil(condition: () => boolean): Promise<void> {
	for (let attempt = 0; attempt < 200 && !condition(); attempt++) await sleep(10);
	if (!condition()) throw new Error('the condition never came true');
}

describe('status faults', () => {
	it('a 429 carries the documented rate-limit body, and Retry-After when asked for', async () => {
		emulator.failNext({ kind: 'status', status: 429, retryAfterSeconds: 7 });

		const limited = await callApi(emulator, 'GET', '/v1/api/agents');
		const next = await callApi(emulator, 'GET', '/v1/api/agents');

		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.body).toEqual({
			error: { code: 'rate_limit_exceeded', message: expect.any(String), reset_at: '2025-06-01T12:00:07.000Z' },
		});
		expect(next.status).toBe(200);
	});

	it('a 429 without retryAfterSeconds sends no Retry-After header, as the docs document none', async () => {
		emulator.failNext({ kind: 'status', status: 429 });

		const limited = await callApi(emulator, 'GET', '/v1/api/agents');

		expect(limited.headers.get('retry-after')).toBeNull();
		expect(limited.body).toMatchObject({ error: { reset_at: '2025-06-01T12:01:00.000Z' } });
	});

	it('other statuses answer {"error": <reason phrase>} unless a body is given', async () => {
		emulator.failNext({ kind: 'status', status: 500 });
		emulator.failNext({ kind: 'status', status: 500, body: { error: 'Failed to prepare batch' } });
		emulator.failNext({ kind: 'status', status: 502, body: '<html><body>502 Bad Gateway</body></html>' });

		const plain = await startBatch(emulator, contactsCsv(1));
		const documented = await startBatch(emulator, contactsCsv(1));
		const gateway = await startBatch(emulator, contactsCsv(1));

		expect(plain).toMatchObject({ status: 500, body: { error: 'Internal Server Error' } });
		expect(documented).toMatchObject({ status: 500, body: { error: 'Failed to prepare batch' } });
		expect(gateway.status).toBe(502);
		expect(gateway.headers.get('content-type')).toMatch(/^text\/html/);
		expect(gateway.text).toContain('502 Bad Gateway');
		expect(emulator.batches()).toEqual([]);
	});

	it('a fault hits only the next `count` requests that match, the others are answered normally', async () => {
		emulator.failNext({ kind: 'status', status: 503 }, 2, { method: 'get', path: /^\/v1\/api\/agents$/ });

		const started = await startBatch(emulator, contactsCsv(1));
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await callApi(emulator, 'GET', '/v1/api/agents')).status);

		expect(started.status).toBe(200);
		expect(statuses).toEqual([503, 503, 200]);
	});

	it('a faulted request is recorded like any other, with the status it got and the file it carried', async () => {
		emulator.failNext({ kind: 'status', status: 503 });

		await startBatch(emulator, contactsCsv(3));

		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0]).toMatchObject({ method: 'POST', path: '/v1/api/batch-calls', status: 503, fault: 'status' });
		expect(emulator.requests[0].file?.rows).toHaveLength(3);
	});
});

describe('connection faults', () => {
	it('a dropped request fails at the client and changes nothing on the server', async () => {
		emulator.failNext({ kind: 'drop' });

		await expect(startBatch(emulator, contactsCsv(2))).rejects.toThrow();

		expect(emulator.batches()).toEqual([]);
		expect(emulator.requests[0]).toMatchObject({ status: 0, fault: 'drop' });
	});

	it('dropAfterCreate really creates the batch and then loses the answer', async () => {
		emulator.failNext({ kind: 'dropAfterCreate' });

		const agents = await callApi(emulator, 'GET', '/v1/api/agents');
		await expect(startBatch(emulator, contactsCsv(4))).rejects.toThrow();

		expect(agents.status).toBe(200); // by default the fault waits for the batch POST
		expect(emulator.batches()).toHaveLength(1);
		expect(emulator.batches()[0].calls).toHaveLength(4);
		expect(emulator.requests[1]).toMatchObject({ path: '/v1/api/batch-calls', status: 0, fault: 'dropAfterCreate' });
	});

	it('a hanging request is released by reset()', async () => {
		emulator.failNext({ kind: 'hang' });

		const pending = callApi(emulator, 'GET', '/v1/api/agents');
		await waitUntil(() => emulator.requests.length === 1);
		emulator.reset();

		await expect(pending).rejects.toThrow();
	});

	it('a hanging request gets no answer, and close() releases it and still resolves', async () => {
		const own = await startTrilletEmulator();
		own.failNext({ kind: 'hang' });
		let settled = false;

		const pending = startBatch(own, contactsCsv(2)).finally(() => {
			settled = true;
		});
		await waitUntil(() => own.requests[0]?.file !== undefined);
		await sleep(50);
		expect(settled).toBe(false);
		expect(own.requests[0]).toMatchObject({ status: 0, fault: 'hang' });
		await own.close();

		await expect(pending).rejects.toThrow();
	});
});
