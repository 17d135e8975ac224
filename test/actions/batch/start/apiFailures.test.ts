import { startTrilletEmulator, useTrilletEmulator } from '../../../emulator';
import { runWorkflow } from '../../../engine/runWorkflow';
import { csvFile, emulatorCredentials, TRILLET, trilletWorkflow } from '../../../engine/trilletWorkflow';
import { runStart, startParameters, uploads } from './startHelpers';

const ONE_CONTACT = { files: [csvFile('phone_number\n+14155550123\n')] };
const UPLOAD = { method: 'POST', path: /^\/v1\/api\/batch-calls$/ };

describe('Start Batch turns Trillet’s refusals into plain errors', () => {
	const emulator = useTrilletEmulator();

	test('an agent the workspace does not have is named', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { agent: { __rl: true, mode: 'id', value: 'agent_missing' } });

		expect(run.error(TRILLET)?.message).toBe(
			'Trillet answered 404: the agent "agent_missing" may not exist in this workspace, or the Base URL is wrong',
		);
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
		expect(run.error(TRILLET)?.description).toMatch(/may have started .* NOT sent again/);
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
		const files = [
			csvFile('phone_number\n+14155550101\n', 'first.csv', { json: { agent: emulator.agents[0]._id } }),
			csvFile('phone_number\n+14155550102\n', 'second.csv', { json: { agent: 'agent_unknown' } }),
		];
		// Trillet refuses the second file's agent, so n8n runs the whole node again, the first file included
		const run = await runStart(emulator, { files }, { agent: { __rl: true, mode: 'id', value: '={{ $json.agent }}' } }, {
			nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});

		expect(uploads(emulator).map((upload) => upload.file?.fileName)).toEqual(['first.csv', 'second.csv', 'second.csv']);
		expect(emulator.batches()).toHaveLength(1);
		expect(run.error(TRILLET)?.message).toMatch(/Trillet answered 404/);
		expect(run.error(TRILLET)?.description).toMatch(
			new RegExp(`Batches this node already started in this run: item 0 → ${emulator.batches()[0].id}`),
		);
	});

	test('one bad file stops the node before any file is sent', async () => {
		const files = [csvFile('phone_number\n+14155550101\n', 'good.csv'), csvFile('phone_number\nnot a number\n', 'bad.csv')];
		const run = await runStart(emulator, { files });

		expect(run.error(TRILLET)?.message).toMatch(/The file "bad.csv": 1 of 1 row cannot be called/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('two items carrying the same list for the same agent and time start it once', async () => {
		const list = 'phone_number\n+14155550101\n';
		const run = await runStart(emulator, { files: [csvFile(list, 'a.csv'), csvFile(list, 'a.csv')] });

		expect(run.error(TRILLET)?.message).toBe('Item 1 would start the same batch as item 0');
		expect(emulator.requests).toHaveLength(0);
	});

	test('a list that is cleaned up and the same list already clean are the same batch: the bytes sent are compared', async () => {
		const formatted = 'phone_number,name\n+1 415 555 0101,"Ann, Jr."\n';
		const cleaned = 'phone_number,name\r\n+14155550101,"Ann, Jr."\r\n';
		const run = await runStart(emulator, { files: [csvFile(formatted, 'a.csv'), csvFile(cleaned, 'b.csv')] });

		expect(run.error(TRILLET)?.message).toBe('Item 1 would start the same batch as item 0');
		expect(emulator.requests).toHaveLength(0);
	});

	test('the same list for another time is another batch', async () => {
		const list = 'phone_number\n+14155550101\n';
		const files = [csvFile(list, 'a.csv', { json: { at: '2031-03-01T09:00:00Z' } }), csvFile(list, 'a.csv', { json: { at: '2031-03-02T09:00:00Z' } })];
		const run = await runStart(emulator, { files }, { schedule: 'at', scheduledAt: '={{ $json.at }}' });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator).map((upload) => upload.fields.scheduledAt)).toEqual(['2031-03-01T09:00:00Z', '2031-03-02T09:00:00Z']);
	});

	test('the same node running twice in one execution (a loop) starts each of its lists', async () => {
		const json = trilletWorkflow(startParameters(emulator), { files: [csvFile('phone_number\n+14155550101\n', 'a.csv')] });
		// a second source feeds the same node a different list of the same size: the node runs twice
		json.nodes.push({ ...json.nodes[1], id: 'files2', name: 'Files 2', parameters: { files: JSON.stringify([csvFile('phone_number\n+14155550199\n', 'b.csv')]) } });
		json.connections.Start.main[0]?.push({ node: 'Files 2', type: 'main', index: 0 });
		json.connections['Files 2'] = { main: [[{ node: TRILLET, type: 'main', index: 0 }]] };
		await runWorkflow(json, { credentials: emulatorCredentials(emulator) });

		expect(uploads(emulator).map((upload) => upload.file?.rows)).toEqual([
			[{ phone_number: '+14155550101' }],
			[{ phone_number: '+14155550199' }],
		]);
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
