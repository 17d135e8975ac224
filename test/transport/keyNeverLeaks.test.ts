import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { mulberry32, type Random } from '../contacts/csvFixtures';
import { useTrilletEmulator, type Fault, type TrilletEmulator } from '../emulator';
import { binaryBytes } from '../engine/binaryDataMode';
import type { WorkflowRun } from '../engine/runWorkflow';
import { agentById, csvFile, runTrilletWorkflow, TRILLET, type TrilletInput } from '../engine/trilletWorkflow';

// Whatever Trillet (or a proxy in front of it) answers, the API key appears nowhere in what the
// run keeps: output items, binary files and their names, errors, execution data. Every operation
// meets every answer shape that can carry the key, each time with a new seeded key.
// The workspace ID is not a secret (it names a workspace and unlocks nothing alone): not checked.

type Shape = (key: string) => Fault;

const ANSWER_SHAPES: Record<string, Shape> = {
	'a 200 JSON body echoing the request headers, the key as value, key and nested': (key) => ({
		kind: 'status',
		status: 200,
		body: {
			batchId: 'batch_echo',
			totalCalls: 1,
			status: 'queued',
			message: `started with ${key}`,
			calls: [{ jobId: 'batch_echo_1', status: 'waiting', note: key }],
			echo: { headers: { 'x-api-key': key, 'x-workspace-id': 'w' } },
			[key]: 'the key as a property name',
			nested: [[{ deep: [`Bearer ${key}`] }]],
		},
		headers: { 'x-echo-api-key': key },
	}),
	'a 200 JSON answer spelling the key with \\u escapes': (key) => ({
		kind: 'status',
		status: 200,
		body: `{"batchId":"batch_echo","calls":[],"echo":"${[...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`,
		headers: { 'content-type': 'application/json' },
	}),
	'a 200 page of text quoting the key': (key) => ({ kind: 'status', status: 200, body: `<html>you sent ${key}</html>` }),
	'a 200 text with the key across the 80-character sample': (key) => ({ kind: 'status', status: 200, body: `${'x'.repeat(80 - Math.floor(key.length / 2))}${key} rest` }),
	'a 200 CSV naming the key in its content and Content-Disposition': (key) => ({
		kind: 'status',
		status: 200,
		body: `phone_number,note\n+14155550101,${key}\n`,
		headers: { 'content-type': 'text/csv', 'content-disposition': `attachment; filename="results-${key}.csv"` },
	}),
	'a 200 CSV whose file name is the key percent-encoded': (key) => ({
		kind: 'status',
		status: 200,
		body: 'phone_number\n+14155550101\n',
		headers: {
			'content-type': 'text/csv',
			'content-disposition': `attachment; filename*=UTF-8''${[...Buffer.from(key)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')}.csv`,
		},
	}),
	...Object.fromEntries(
		[301, 302, 303, 307, 308].map((status): [string, Shape] => [
			`a ${status} redirect whose Location carries the key`,
			(key) => ({ kind: 'status', status, body: '', headers: { location: `https://elsewhere.example/v1/api?key=${key}&k=${encodeURIComponent(key)}` } }),
		]),
	),
	'a 400 JSON error echoing the key': (key) => ({
		kind: 'status',
		status: 400,
		body: { error: `Invalid key ${key}`, message: `You sent ${key}`, [key]: { headers: { 'x-api-key': key } } },
	}),
	'a 401 naming the key in a header': (key) => ({ kind: 'status', status: 401, body: { error: 'Unauthorized' }, headers: { 'www-authenticate': `Key ${key}` } }),
	'a 500 text error with the key across the 500-character quote': (key) => ({ kind: 'status', status: 500, body: `${'e'.repeat(495)}${key} rest` }),
	'a 500 text error with the key across the 2,000-character cut': (key) => ({ kind: 'status', status: 500, body: `${'e'.repeat(1995)}${key} rest` }),
	'a 404 JSON error too long to keep whole, the key at its cut': (key) => ({ kind: 'status', status: 404, body: { error: `${'n'.repeat(1985)}${key}` } }),
};

type Operation = (emulator: TrilletEmulator) => { parameters: INodeParameters; input: TrilletInput };

const OPERATIONS: Record<string, Operation> = {
	'Start Batch': (emulator) => ({
		parameters: { resource: 'batch', operation: 'start', agent: agentById(emulator.agents[0]._id) },
		input: { files: [csvFile('phone_number\n+14155550101\n')] },
	}),
	'Get Batch': () => ({ parameters: { resource: 'batch', operation: 'get', batchId: 'batch_echo' }, input: { items: [{}] } }),
	'Cancel Batch': () => ({ parameters: { resource: 'batch', operation: 'cancel', batchId: 'batch_echo' }, input: { items: [{}] } }),
	'Export Results': () => ({ parameters: { resource: 'batch', operation: 'exportResults', batchId: 'batch_echo' }, input: { items: [{}] } }),
	'Get CSV Template': () => ({ parameters: { resource: 'batch', operation: 'getTemplate' }, input: { items: [{}] } }),
	'Get Call of a batch': () => ({
		parameters: { resource: 'call', operation: 'get', getBy: 'job', batchId: 'batch_echo', jobId: 'batch_echo_1' },
		input: { items: [{}] },
	}),
	'Get Call by call ID': () => ({ parameters: { resource: 'call', operation: 'get', getBy: 'callId', callId: 'call_echo' }, input: { items: [{}] } }),
	'Get Many Calls of a batch': () => ({
		parameters: { resource: 'call', operation: 'getMany', callsOf: 'batch', batchId: 'batch_echo' },
		input: { items: [{}] },
	}),
	'Get Many Calls of the history': () => ({ parameters: { resource: 'call', operation: 'getMany', callsOf: 'history' }, input: { items: [{}] } }),
	'Get Recording': () => ({ parameters: { resource: 'call', operation: 'getRecording', callHistoryId: 'rec_echo' }, input: { items: [{}] } }),
};

const KEY_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.~';

/** A key as Trillet makes them (tk_…), with characters that JSON or a URL would escape now and then. */
function randomKey(random: Random): string {
	const length = 24 + Math.floor(random() * 24);
	return `tk_${Array.from({ length }, () => KEY_CHARACTERS[Math.floor(random() * KEY_CHARACTERS.length)]).join('')}`;
}

/** Everything a run keeps that a user, a log or the execution list can see. */
async function everythingKept(run: WorkflowRun): Promise<string[]> {
	const error = run.error(TRILLET);
	const items: INodeExecutionData[] = run.output(TRILLET);
	const files = items.flatMap((item) => Object.values(item.binary ?? {}));
	return [
		JSON.stringify(run.run),
		JSON.stringify(error ?? null, error ? Object.getOwnPropertyNames(error) : undefined),
		...files.map((file) => `${file.fileName ?? ''} ${file.fileExtension ?? ''}`),
		...(await Promise.all(files.map(async (file) => (await binaryBytes(file)).toString('utf8')))),
	];
}

/** Pieces of the key of 8 characters or more found in the text (a whole key is one of them). */
function keyPiecesIn(text: string, key: string, length = 8): string[] {
	const found = new Set<string>();
	for (let start = 0; start + length <= key.length; start++) {
		const piece = key.slice(start, start + length);
		if (text.includes(piece)) found.add(piece);
	}
	return [...found];
}

describe('the API key appears nowhere in a run, whatever the answer', () => {
	const emulator = useTrilletEmulator();
	const random = mulberry32(0x5ec2e7);
	const cases = Object.keys(OPERATIONS).flatMap((operation) => Object.keys(ANSWER_SHAPES).map((shape) => [operation, shape] as const));

	test.each(cases)('%s, given %s', async (operation, shape) => {
		const key = randomKey(random);
		// every request is answered by the fault, so any key is let through
		emulator.failNext(ANSWER_SHAPES[shape](key), 20);
		const { parameters, input } = OPERATIONS[operation](emulator);
		const credentials = { trilletApi: { apiKey: key, workspaceId: emulator.workspaceId, baseUrl: emulator.url } };

		const run = await runTrilletWorkflow(emulator, parameters, input, { credentials, nodeSettings: { continueOnFail: false } });

		// the run did reach the server with this key: the property is about what came back
		expect(emulator.requests[0]?.headers['x-api-key']).toBe(key);
		const leaks = (await everythingKept(run)).flatMap((text) => keyPiecesIn(text, key));
		expect(leaks).toEqual([]);
	});
});
