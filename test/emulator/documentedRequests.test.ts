// Every curl example of the "Start Batch Calls" page, replayed word for word against the emulator,
// and the error responses that page documents.
import { createDefaultAgents, useTrilletEmulator } from './index';
import { type CurlCommand, parseCurl, replayCurl } from './curlReplay';
import { contactsCsv, csvOfSize } from './testClient';

// Copied verbatim from start-batch-calls.txt (the "Example Usage" and "Testing with Different Tools" sections).
const DOCUMENTED_COMMANDS: Record<string, string> = {
	'basic batch call': String.raw`curl -X POST "https://api.trillet.ai/v1/api/batch-calls" \
-H "x-api-key: YOUR_API_KEY" \
-H "x-workspace-id: YOUR_WORKSPACE_ID" \
-F "file=@batch-calls.csv" \
-F "agentId=agent_123456"`,
	'scheduled batch call with smart callback': String.raw`curl -X POST "https://api.trillet.ai/v1/api/batch-calls" \
-H "x-api-key: YOUR_API_KEY" \
-H "x-workspace-id: YOUR_WORKSPACE_ID" \
-F "file=@batch-calls.csv" \
-F "agentId=agent_123456" \
-F "scheduledAt=2024-01-15T14:30:00Z" \
-F "smartCallbackConfig={\"enabled\": true, \"maxAttempts\": 3, \"gaps\": [{\"days\": 1, \"hours\": 0}]}"`,
	'basic usage': String.raw`curl -X POST "https://api.trillet.ai/v1/api/batch-calls" \
-H "x-api-key: YOUR_API_KEY" \
-H "x-workspace-id: YOUR_WORKSPACE_ID" \
-F "file=@batch-calls.csv" \
-F "agentId=agent_123456"`,
	'verbose output for debugging': String.raw`curl -v -X POST "https://api.trillet.ai/v1/api/batch-calls" \
-H "x-api-key: YOUR_API_KEY" \
-H "x-workspace-id: YOUR_WORKSPACE_ID" \
-F "file=@batch-calls.csv" \
-F "agentId=agent_123456"`,
	'scheduled time and smart callback': String.raw`curl -X POST "https://api.trillet.ai/v1/api/batch-calls" \
-H "x-api-key: YOUR_API_KEY" \
-H "x-workspace-id: YOUR_WORKSPACE_ID" \
-F "file=@batch-calls.csv" \
-F "agentId=agent_123456" \
-F "scheduledAt=2024-01-15T14:30:00Z" \
-F "smartCallbackConfig={\"enabled\": true, \"maxAttempts\": 5, \"gaps\": [{\"days\": 1, \"hours\": 0}, {\"days\": 2, \"hours\": 0}]}"`,
};

const DOCUMENTED_AGENT = { ...createDefaultAgents()[0], _id: 'agent_123456', name: 'Documented example agent' };
/** The example response reports 150 calls, so the example file has 150 rows. */
const BATCH_CALLS_CSV = Buffer.from(contactsCsv(150));
const UPLOAD_LIMIT = 20 * 1024 * 1024;

const emulator = useTrilletEmulator({ agents: [...createDefaultAgents(), DOCUMENTED_AGENT] });

function documented(name: string): CurlCommand {
	const text = DOCUMENTED_COMMANDS[name]
		.replace('https://api.trillet.ai', emulator.url)
		.replace('YOUR_API_KEY', emulator.apiKey)
		.replace('YOUR_WORKSPACE_ID', emulator.workspaceId);
	return parseCurl(text);
}

function without(command: CurlCommand, partName: string): CurlCommand {
	return { ...command, parts: command.parts.filter((part) => part.name !== partName) };
}

describe('the documented curl examples', () => {
	it.each(Object.keys(DOCUMENTED_COMMANDS))('the %s example gets the documented response', async (name) => {
		const answer = await replayCurl(documented(name), { 'batch-calls.csv': BATCH_CALLS_CSV });

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			batchId: expect.stringMatching(/^batch_\d{13}$/),
			totalCalls: 150,
			status: 'queued',
			message: 'Batch calls initiated successfully',
		});
		expect(emulator.batches().map((batch) => batch.id)).toEqual([(answer.body as { batchId: string }).batchId]);
	});

	it('the scheduled example arrives with its -F strings exactly as the page writes them', async () => {
		await replayCurl(documented('scheduled batch call with smart callback'), { 'batch-calls.csv': BATCH_CALLS_CSV });

		const [recorded] = emulator.requests;
		expect(recorded.fields).toEqual({
			agentId: 'agent_123456',
			scheduledAt: '2024-01-15T14:30:00Z',
			smartCallbackConfig: '{"enabled": true, "maxAttempts": 3, "gaps": [{"days": 1, "hours": 0}]}',
		});
		expect(recorded.file).toMatchObject({
			fieldName: 'file',
			fileName: 'batch-calls.csv',
			mimeType: 'application/octet-stream',
		});
		expect(recorded.file?.bytes.equals(BATCH_CALLS_CSV)).toBe(true);
		expect(recorded.file?.rows).toHaveLength(150);
		expect(recorded.contentType).toMatch(/^multipart\/form-data; boundary=/);
	});

	it('the batch keeps the schedule and the smart callback configuration it was given', async () => {
		await replayCurl(documented('scheduled time and smart callback'), { 'batch-calls.csv': BATCH_CALLS_CSV });

		const [batch] = emulator.batches();
		expect(batch).toMatchObject({
			agentId: 'agent_123456',
			scheduledAt: '2024-01-15T14:30:00Z',
			smartCallbackConfig: {
				enabled: true,
				maxAttempts: 5,
				gaps: [
					{ days: 1, hours: 0 },
					{ days: 2, hours: 0 },
				],
			},
		});
		expect(batch.calls[0]).toMatchObject({ phone_number: '+14155550001', metadata: { first_name: 'First1' } });
	});
});

describe('the documented error responses', () => {
	it('a request without a file is answered 400 "No file uploaded"', async () => {
		const answer = await replayCurl(without(documented('basic batch call'), 'file'), {});

		expect(answer).toEqual({ status: 400, body: { error: 'No file uploaded' } });
		expect(emulator.batches()).toEqual([]);
	});

	it('a request without an agentId is answered 400 "No agent ID provided"', async () => {
		const command = without(documented('basic batch call'), 'agentId');
		const answer = await replayCurl(command, { 'batch-calls.csv': BATCH_CALLS_CSV });

		expect(answer).toEqual({ status: 400, body: { error: 'No agent ID provided' } });
	});

	it('a CSV with a number that is not E.164 is answered 400 "CSV validation failed" naming the row', async () => {
		const csv = Buffer.from('phone_number,first_name\n+14155550101,Ada\n0415 555 0102,Grace\n');
		const answer = await replayCurl(documented('basic batch call'), { 'batch-calls.csv': csv });

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ error: 'CSV validation failed', message: expect.stringContaining('Row 2') });
		expect(emulator.batches()).toEqual([]);
	});

	it('a CSV without a phone_number column is answered 400 "CSV validation failed"', async () => {
		const csv = Buffer.from('phone,first_name\n+14155550101,Ada\n');
		const answer = await replayCurl(documented('basic batch call'), { 'batch-calls.csv': csv });

		expect(answer).toEqual({
			status: 400,
			body: { error: 'CSV validation failed', message: expect.stringContaining('phone_number') },
		});
	});

	it('a file one byte over 20 MiB is answered 413 "File size exceeds 20MB limit"', async () => {
		const answer = await replayCurl(documented('basic batch call'), { 'batch-calls.csv': csvOfSize(UPLOAD_LIMIT + 1) });

		expect(answer).toEqual({ status: 413, body: { error: 'File size exceeds 20MB limit' } });
		expect(emulator.requests[0].file).toMatchObject({ truncated: true });
		expect(emulator.batches()).toEqual([]);
	});

	it('a request without x-api-key is answered 401 in the general error shape', async () => {
		const command = documented('basic batch call');
		const { 'x-api-key': _key, ...headers } = command.headers;
		const answer = await replayCurl({ ...command, headers }, { 'batch-calls.csv': BATCH_CALLS_CSV });

		expect(answer).toEqual({
			status: 401,
			body: { error: { code: 'unauthorized', message: 'Invalid or missing API key' } },
		});
		expect(emulator.requests[0].status).toBe(401);
	});
});
