// The describe-block emulator: started before the tests, reset before each, closed after,
// and usable everywhere as the emulator itself.
import { useTrilletEmulator } from './index';
import { callApi, contactsCsv, startedBatchId } from './testClient';

describe('an emulator from useTrilletEmulator()', () => {
	let urlOfClosed = '';

	describe('used as the emulator itself', () => {
		const emulator = useTrilletEmulator({ apiKey: 'tk_block' });
		let readTooEarly: unknown;
		try {
			void emulator.url;
		} catch (error) {
			readTooEarly = error;
		}

		test('refuses to be read before its beforeAll started it', () => {
			expect(readTooEarly).toBeInstanceOf(Error);
			expect((readTooEarly as Error).message).toMatch(/^emulator\.url was used while no emulator runs/);
		});

		test('runs with the options given, and its methods work even taken off it', async () => {
			const { advance, batches } = emulator;
			const batchId = await startedBatchId(emulator, contactsCsv(3));

			advance(batchId, 1);

			expect(emulator.apiKey).toBe('tk_block');
			expect(batches().map((batch) => [batch.id, batch.status])).toEqual([[batchId, 'processing']]);
			urlOfClosed = emulator.url;
		});

		test('is reset before each test', () => {
			expect(emulator.requests).toEqual([]);
			expect(emulator.batches()).toEqual([]);
		});
	});

	describe('with resetBeforeEach: false', () => {
		const emulator = useTrilletEmulator(undefined, { resetBeforeEach: false });

		test('a test leaves its requests…', async () => {
			await callApi(emulator, 'GET', '/v1/api/agents');
			expect(emulator.requests).toHaveLength(1);
		});

		test('…to the next one', () => {
			expect(emulator.requests).toHaveLength(1);
		});
	});

	afterAll(async () => {
		// the first block's emulator was closed by that block's afterAll
		await expect(fetch(`${urlOfClosed}/v1/api/agents`)).rejects.toThrow();
	});
});
