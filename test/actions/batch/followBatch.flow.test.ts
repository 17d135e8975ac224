import type { IConnections, INode, INodeParameters } from 'n8n-workflow';

import { type TrilletEmulator, useTrilletEmulator } from '../../emulator';
import { contactsCsv } from '../../emulator/testClient';
import { runWorkflow, type WorkflowJson, type WorkflowRun } from '../../engine/runWorkflow';
import { agentById, csvFile, emulatorCredentials, filesNode, trilletNode } from '../../engine/trilletWorkflow';
import { binaryText, csvRows } from '../followKit';

const CONTACTS = 230;

/** A Trillet node called `name`, at `position` on the canvas. */
function step(name: string, parameters: INodeParameters, position: [number, number]): INode {
	return trilletNode(parameters, { id: name, name, position });
}

function to(...names: string[]): IConnections[string] {
	return { main: [names.map((node) => ({ node, type: 'main' as const, index: 0 }))] };
}

/**
 * Files → Start Batch, then three branches, top to bottom:
 * Get Batch → Get All Calls; Get Two Calls → Get Call; Export Results → Cancel Batch.
 */
function followWorkflow(emulator: TrilletEmulator): WorkflowJson {
	return {
		name: 'Start a batch and follow it',
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ ...filesNode([csvFile(contactsCsv(CONTACTS), 'renewals.csv')]), position: [200, 0] },
			step('Start Batch', { operation: 'start', agent: agentById(emulator.agents[0]._id) }, [400, 0]),
			step('Get Batch', { operation: 'get' }, [600, 0]),
			step('Get All Calls', { resource: 'call', operation: 'getMany', returnAll: true }, [800, 0]),
			step('Get Two Calls', { resource: 'call', operation: 'getMany', limit: 2 }, [600, 200]),
			step('Get Call', { resource: 'call', operation: 'get' }, [800, 200]),
			step('Export Results', { operation: 'exportResults' }, [600, 400]),
			step('Cancel Batch', { operation: 'cancel', batchId: "={{ $('Start Batch').item.json.batchId }}" }, [800, 400]),
		],
		connections: {
			Start: to('Files'),
			Files: to('Start Batch'),
			'Start Batch': to('Get Batch', 'Get Two Calls', 'Export Results'),
			'Get Batch': to('Get All Calls'),
			'Get Two Calls': to('Get Call'),
			'Export Results': to('Cancel Batch'),
		},
	};
}

describe('a workflow starts a batch of 230 calls, then follows it to the end', () => {
	const emulator = useTrilletEmulator(undefined, { resetBeforeEach: false });
	let run: WorkflowRun;
	let batchId: string;

	beforeAll(async () => {
		run = await runWorkflow(followWorkflow(emulator), { credentials: emulatorCredentials(emulator) });
		batchId = String(run.output('Start Batch')[0]?.json.batchId);
	});

	test('every node ran, Cancel Batch last', () => {
		expect(run.executedNodes).toEqual([
			'Start',
			'Files',
			'Start Batch',
			'Get Batch',
			'Get All Calls',
			'Get Two Calls',
			'Get Call',
			'Export Results',
			'Cancel Batch',
		]);
	});

	test('Trillet saw, in order: the upload, the status, three pages of 100, one page of 2, two calls, the export and the cancel', () => {
		const base = `/v1/api/batch-calls/${batchId}`;
		expect(emulator.requests.map(({ method, path, query }) => [method, path, query])).toEqual([
			['POST', '/v1/api/batch-calls', {}],
			['GET', base, {}],
			['GET', `${base}/calls`, { page: '1', limit: '100', status: 'all' }],
			['GET', `${base}/calls`, { page: '2', limit: '100', status: 'all' }],
			['GET', `${base}/calls`, { page: '3', limit: '100', status: 'all' }],
			['GET', `${base}/calls`, { page: '1', limit: '2', status: 'all' }],
			['GET', `${base}/calls/${batchId}_1`, {}],
			['GET', `${base}/calls/${batchId}_2`, {}],
			['GET', `${base}/export-results`, {}],
			['DELETE', base, {}],
		]);
		expect(emulator.requests.every((request) => request.headers['x-api-key'] === emulator.apiKey)).toBe(true);
		expect(emulator.requests.every((request) => request.status === 200)).toBe(true);
	});

	test('Get Batch gives the batch’s status and counters', () => {
		expect(run.output('Get Batch').map((item) => item.json)).toEqual([
			expect.objectContaining({ batchId, id: batchId, status: 'processing', isComplete: false, totalCalls: CONTACTS }),
		]);
	});

	test('Get All Calls gives each of the 230 calls once, paired to the batch item', () => {
		const calls = run.output('Get All Calls');
		expect(calls).toHaveLength(CONTACTS);
		expect(new Set(calls.map((item) => item.json.jobId)).size).toBe(CONTACTS);
		expect(calls.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(calls.filter((item) => item.json.status === 'active')).toHaveLength(10);
	});

	test('Get Call reads each call the previous node listed, by its jobId', () => {
		expect(run.output('Get Call').map((item) => [item.json.jobId, item.pairedItem])).toEqual([
			[`${batchId}_1`, { item: 0 }],
			[`${batchId}_2`, { item: 1 }],
		]);
		expect(run.output('Get Call')[0].json.result).toMatchObject({ callId: `call_${batchId}_1` });
	});

	test('Export Results gives a CSV file with one row per call', async () => {
		const [item] = run.output('Export Results');
		const rows = csvRows(await binaryText(item));
		expect(rows).toHaveLength(CONTACTS);
		expect(item.json).toMatchObject({ batchId, rows: CONTACTS, fileName: `batch-${batchId}-results.csv` });
		expect(rows[CONTACTS - 1]).toMatchObject({ jobId: `${batchId}_${CONTACTS}`, status: 'waiting', first_name: `First${CONTACTS}` });
	});

	test('Cancel Batch cancels the 220 calls not made yet; the 10 in progress go on', () => {
		expect(run.output('Cancel Batch').map((item) => item.json)).toEqual([
			{
				batchId,
				status: 'cancelled',
				message: 'Batch cancelled successfully',
				details: { completedCalls: 0, failedCalls: 0, cancelledCalls: 220, totalCalls: CONTACTS },
			},
		]);
		expect(emulator.batches().map((batch) => batch.status)).toEqual(['cancelled']);
	});
});
