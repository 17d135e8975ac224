// Listing a batch's calls page by page: limits, filters, and a deliberately broken server.
import { startTrilletEmulator, type TrilletEmulator, useTrilletEmulator } from './index';
import { callApi, contactsCsv, startedBatchId } from './testClient';

interface CallsPage {
	calls: Array<{ jobId: string; status: string }>;
	pagination: { page: number; limit: number; total: number; totalPages: number; hasNext: boolean; hasPrev: boolean };
	summary: Record<string, number>;
}

const emulator = useTrilletEmulator(undefined, { resetBeforeEach: false });
let batchId: string;

beforeAll(async () => {
	batchId = await startedBatchId(emulator, contactsCsv(250));
});

async function page(query: string, on: TrilletEmulator = emulator, id = batchId): Promise<CallsPage> {
	const answer = await callApi(on, 'GET', `/v1/api/batch-calls/${id}/calls${query}`);
	if (answer.status !== 200) throw new Error(`${answer.status} ${answer.text}`);
	return answer.body as CallsPage;
}

describe('paging through more than 100 calls', () => {
	it('pages of 100 cover all 250 calls once each, in upload order', async () => {
		const pages: CallsPage[] = [];
		let next = true;
		for (let number = 1; next; number++) {
			pages.push(await page(`?page=${number}&limit=100`));
			next = pages[pages.length - 1].pagination.hasNext;
		}
		const jobIds = pages.flatMap((one) => one.calls.map((call) => call.jobId));

		expect(pages.map((one) => one.calls.length)).toEqual([100, 100, 50]);
		expect(pages[2].pagination).toEqual({ page: 3, limit: 100, total: 250, totalPages: 3, hasNext: false, hasPrev: true });
		expect(jobIds).toEqual(Array.from({ length: 250 }, (_, i) => `${batchId}_${i + 1}`));
	});

	it('without page and limit, the first 20 calls come back', async () => {
		const first = await page('');

		expect(first.pagination).toEqual({ page: 1, limit: 20, total: 250, totalPages: 13, hasNext: true, hasPrev: false });
		expect(first.calls[0]).toEqual({
			jobId: `${batchId}_1`,
			status: 'waiting',
			phone_number: '+14155550001',
			startTime: null,
			endTime: null,
			duration: null,
			error: null,
			metadata: { first_name: 'First1', last_name: 'Last1', email: 'contact1@example.com' },
		});
	});

	it('a limit over 100 is cut to 100 rather than refused', async () => {
		const big = await page('?limit=500');

		expect(big.pagination).toMatchObject({ limit: 100, totalPages: 3 });
		expect(big.calls).toHaveLength(100);
	});

	it('a page or limit that is not a positive whole number falls back to the default', async () => {
		const odd = await page('?page=0&limit=abc');

		expect(odd.pagination).toMatchObject({ page: 1, limit: 20 });
	});

	it('a page past the end is empty and points back', async () => {
		const past = await page('?page=9&limit=100');

		expect(past.calls).toEqual([]);
		expect(past.pagination).toMatchObject({ hasNext: false, hasPrev: true });
	});
});

describe('filtering by status', () => {
	it('only the calls in the asked status are listed, the summary counts the whole batch', async () => {
		const own = await startTrilletEmulator({ callsPerStep: 30 });
		try {
			const id = await startedBatchId(own, contactsCsv(100));
			own.advance(id, 2);
			const failed = await page('?status=failed&limit=100', own, id);
			const active = await page('?status=active', own, id);

			expect(failed.calls.map((call) => call.jobId)).toEqual([9, 19, 29].map((n) => `${id}_${n}`));
			expect(failed.pagination.total).toBe(3);
			expect(active.pagination.total).toBe(30);
			expect(active.summary).toEqual({ total: 100, waiting: 40, active: 30, completed: 27, failed: 3 });
		} finally {
			await own.close();
		}
	});

	it('an unknown status filter is answered 400', async () => {
		const answer = await callApi(emulator, 'GET', `/v1/api/batch-calls/${batchId}/calls?status=done`);

		expect(answer).toMatchObject({ status: 400, body: { error: 'Invalid status filter' } });
	});
});

describe('a server that repeats its first page', () => {
	it('answers page 1’s calls on every page and always claims there is a next one', async () => {
		const broken = await startTrilletEmulator({ repeatCallsPage: true });
		try {
			const id = await startedBatchId(broken, contactsCsv(30));
			const first = await page('?page=1', broken, id);
			const later = await page('?page=999', broken, id);

			expect(later.calls).toEqual(first.calls);
			expect(later.pagination).toMatchObject({ page: 999, hasNext: true });
		} finally {
			await broken.close();
		}
	});
});
