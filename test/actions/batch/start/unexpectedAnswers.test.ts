import { useTrilletEmulator } from '../../../emulator';
import { csvFile, emulatorCredentials, TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

const ONE_CONTACT = { files: [csvFile('phone_number\n+14155550123\n')] };
const UPLOAD = { method: 'POST', path: /^\/v1\/api\/batch-calls$/ };

describe('Start Batch is not fooled by what is not Trillet', () => {
	const emulator = useTrilletEmulator();

	test('a redirect is not followed: the API key stays with the configured host', async () => {
		emulator.failNext({ kind: 'status', status: 301, headers: { location: 'http://127.0.0.1:9/elsewhere' } }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(uploads(emulator)).toHaveLength(1);
		expect(run.error(TRILLET)?.message).toBe('The Base URL redirects to another address');
		expect(run.error(TRILLET)?.description).toMatch(/pointing to http:\/\/127\.0\.0\.1:9\/elsewhere/);
	});

	test('a web page answering 200 is no started batch, and the error shows what came back', async () => {
		emulator.failNext({ kind: 'status', status: 200, body: '<html><body>Please log in</body></html>' }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(run.error(TRILLET)?.message).toBe('Trillet’s answer could not be read when asked to start the batch');
		expect(run.error(TRILLET)?.description).toMatch(/The answer has no batchId|not JSON but "<html><body>Please log in/);
		expect(run.error(TRILLET)?.description).toMatch(/may have started/);
	});

	test('after an answer that could not be read, Retry On Fail does not send the batch again', async () => {
		emulator.failNext({ kind: 'status', status: 200, body: '<html><body>Please log in</body></html>' }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT, {}, { nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } });

		expect(uploads(emulator)).toHaveLength(1);
		expect(run.error(TRILLET)?.message).toMatch(/not sent again: an earlier try in this run may already have started it/);
		expect(run.error(TRILLET)?.description).toMatch(/Trillet’s answer could not be read/);
	});

	test('a server that echoes the API key back never gets it into the run data', async () => {
		emulator.failNext({ kind: 'status', status: 502, body: { error: `bad gateway for x-api-key ${emulator.apiKey}` } }, 1, UPLOAD);
		const run = await runStart(emulator, ONE_CONTACT);

		expect(run.error(TRILLET)?.description).toMatch(/x-api-key \*\*\*/);
		expect(JSON.stringify(run.run)).not.toContain(emulator.apiKey);
	});

	test('a Base URL without https:// is refused before anything is sent', async () => {
		const credentials = emulatorCredentials(emulator);
		credentials.trilletApi.baseUrl = emulator.url.replace('http://', '');
		const run = await runStart(emulator, ONE_CONTACT, {}, { credentials });

		expect(run.error(TRILLET)?.message).toMatch(/is not a web address: it must start with https:\/\//);
		expect(emulator.requests).toHaveLength(0);
	});

	test('a Base URL pasted with the /v1/api root still reaches the right paths', async () => {
		const credentials = emulatorCredentials(emulator);
		credentials.trilletApi.baseUrl = `${emulator.url}/v1/api/`;
		const run = await runStart(emulator, ONE_CONTACT, {}, { credentials });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].path).toBe('/v1/api/batch-calls');
	});

	test('an impossible date (30 February) is refused, never moved to March', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { schedule: 'at', scheduledAt: '2031-02-30T09:00:00' });

		expect(run.error(TRILLET)?.message).toBe('"2031-02-30T09:00:00" is not a date and time');
		expect(emulator.requests).toHaveLength(0);
	});

	test('option values given by expressions are read as text', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { options: { fileName: '={{ 2031 }}' } });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)[0].file?.fileName).toBe('2031.csv');
	});

	test('Input Items mode given files says to switch to CSV File', async () => {
		const run = await runStart(emulator, ONE_CONTACT, { source: 'items' });

		expect(run.error(TRILLET)?.message).toBe('The input items carry files, not contacts');
		expect(run.error(TRILLET)?.description).toMatch(/"Contacts From" to "CSV File"/);
		expect(emulator.requests).toHaveLength(0);
	});

});
