import { startTrilletEmulator, useTrilletEmulator } from '../../emulator';
import { csvFile, TRILLET } from '../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

const ONE_CONTACT = { files: [csvFile('phone_number\n+14155550123\n')] };
const UPLOAD = { method: 'POST', path: /^\/v1\/api\/batch-calls$/ };

describe('Start Batch turns Trillet’s refusals into plain errors', () => {
	const emulator = useTrilletEmulator();

	test('an agent the workspace does not have is named', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { agent: { __rl: true, mode: 'id', value: 'agent_missing' } });

		expect(run.error(TRILLET)?.message).toBe('Trillet found no agent "agent_missing" in this workspace');
		expect(run.error(TRILLET)?.description).toMatch(/Trillet said: "Agent not found"/);
	});

	test('a refused API key says what to do, and the key appears nowhere in the run', async () => {
		const credentials = { trilletApi: { apiKey: 'tk_live_secret_123', workspaceId: emulator.workspaceId, baseUrl: emulator.url } };
		const run = await runStart(emulator, ONE_CONTACT, {}, { credentials });

		expect(run.error(TRILLET)?.message).toBe('Trillet did not accept the API key');
		expect(run.error(TRILLET)?.description).toMatch(/API Keys/);
		expect(JSON.stringify(run.run)).not.toContain('tk_live_secret_123');
		expect(JSON.stringify(run.error(TRILLET), Object.getOwnPropertyNames(run.error(TRILLET)))).not.toContain('tk_live_secret_123');
	});

	test('a workspace the key cannot reach is called a workspace problem', async () => {
		const credentials = { trilletApi: { apiKey: emulator.apiKey, workspaceId: 'ffffffffffffffffffffffff', baseUrl: emulator.url } };
		const run = await runStart(emulator, ONE_CONTACT, {}, { credentials });

		expect(run.error(TRILLET)?.message).toBe('This API key has no access to the workspace');
	});

	test('a file Trillet finds too large is reported with the limit', async () => {
		emulator.failNext({ kind: 'status', status: 413, body: { error: 'File size exceeds 20MB limit' } }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(run.error(TRILLET)?.message).toBe('The CSV is larger than Trillet accepts (20 MB)');
		expect(run.error(TRILLET)?.description).toMatch(/Trillet said: "File size exceeds 20MB limit"/);
	});

	test('a rate limit is waited out, as the server asks, and the batch starts once', async () => {
		emulator.failNext({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator).map((upload) => upload.status)).toEqual([429, 200]);
		expect(emulator.batches()).toHaveLength(1);
	});

	test('a rate limit that lasts is reported after three tries', async () => {
		emulator.failNext({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 5, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(run.error(TRILLET)?.message).toBe('Trillet’s rate limit was reached');
		expect(uploads(emulator)).toHaveLength(3);
	});

	test('Continue On Fail turns an API refusal into an error item with its description', async () => {
		emulator.failNext({ kind: 'status', status: 400, body: { error: 'CSV validation failed', message: 'Row 2: bad' } }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT, {}, { nodeSettings: { continueOnFail: true } });

		expect(run.output(TRILLET)).toEqual([
			{
				json: {
					error: 'Trillet refused to start the batch',
					errorDescription: expect.stringMatching(/Trillet said: "CSV validation failed: Row 2: bad"/),
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Start Batch never starts a batch twice', () => {
	const emulator = useTrilletEmulator();

	test.each([
		['a server error', { kind: 'status', status: 500, body: { error: 'Failed to start batch execution' } }],
		['a dropped connection', { kind: 'drop' }],
	] as const)('after %s the upload is not repeated, and the error says the batch may have started', async (_, fault) => {
		emulator.failNext(fault, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(uploads(emulator)).toHaveLength(1);
		expect(run.error(TRILLET)?.description).toMatch(/may have started .* NOT retried/);
	});

	test('when the batch started but the answer was lost, it exists once and the user is told to check', async () => {
		emulator.failNext({ kind: 'dropAfterCreate' }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(emulator.batches()).toHaveLength(1);
		expect(uploads(emulator)).toHaveLength(1);
		expect(run.error(TRILLET)?.description).toMatch(/check the batch list in Trillet/);
	});

	test('n8n’s Retry On Fail does not send a batch again that may have started', async () => {
		emulator.failNext({ kind: 'dropAfterCreate' }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT, {}, {
			nodeSettings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});

		expect(uploads(emulator)).toHaveLength(1);
		expect(emulator.batches()).toHaveLength(1);
		expect(run.error(TRILLET)?.message).toMatch(/not sent again: an earlier try in this run may already have started it/);
	});

	test('n8n’s Retry On Fail does not start again the batches of items that had succeeded', async () => {
		const files = [csvFile('phone_number\n+14155550101\n', 'first.csv'), csvFile('phone_number\nnot a number\n', 'second.csv')];
		// the second file fails, so n8n runs the whole node again, the first file included
		const run = await runStart(emulator, { files }, {}, {
			nodeSettings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});

		expect(uploads(emulator).map((upload) => upload.file?.fileName)).toEqual(['first.csv']);
		expect(emulator.batches()).toHaveLength(1);
		expect(run.error(TRILLET)?.message).toMatch(/The file "second.csv": 1 of 1 row cannot be called/);
	});

	test('a refused connection (nothing reached Trillet) is tried again and then reported', async () => {
		const closed = await startTrilletEmulator();
		const url = closed.url;
		await closed.close();
		const credentials = { trilletApi: { apiKey: emulator.apiKey, workspaceId: emulator.workspaceId, baseUrl: url } };
		const run = await runStart(emulator, ONE_CONTACT, {}, { credentials });

		expect(run.error(TRILLET)?.message).toBe(`Could not reach Trillet at ${url} to start the batch`);
		expect(run.error(TRILLET)?.description).toMatch(/^ECONNREFUSED.*Check the Base URL/);
	});
});
