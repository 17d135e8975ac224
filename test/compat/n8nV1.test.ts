import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { PACKAGE_ROOT } from '../engine/nodePackage';

// n8n 1.x is run for real: n8n-core 1.122 and its n8n-workflow 1.120 (devDependency alias
// n8n-core-v1), in a process of its own where the built node gets them, as in a 1.x instance.

interface V1Run {
	engine: string;
	workflow: string;
	executedNodes: string[];
	output: Array<Record<string, unknown>>;
	error: { message: string; description?: string } | null;
	requests: Array<{ method: string; path: string; authenticated: boolean; fields: Record<string, string>; rows: unknown[] | null }>;
}

function runOnN8nV1(example: string, nodeName: string, binaryDataMode: string, startNode = '', seed = ''): V1Run {
	const script = path.join(__dirname, 'runExampleOnN8nV1.ts');
	const preload = path.join(__dirname, 'useN8nV1.ts');
	const child = spawnSync(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', '-r', preload, script, example, nodeName, binaryDataMode, startNode, seed],
		{ cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, N8N_LOG_LEVEL: 'silent' } },
	);
	if (child.status !== 0) throw new Error(`The n8n 1.x run failed: ${child.stderr || child.error?.message}`);
	return JSON.parse(child.stdout) as V1Run;
}

describe('on n8n 1.x (n8n-core 1.122), the built node', () => {
	test.each(['default', 'filesystem'])('starts the CSV example’s batch in %s binary-data mode', (binaryDataMode) => {
		const run = runOnN8nV1('csv-to-batch.json', 'Call the renewals list', binaryDataMode);

		expect([run.engine, run.workflow]).toEqual(['1.122.48', '1.120.31']);
		expect(run.error).toBeNull();
		expect(run.output[0]).toMatchObject({ status: 'queued', totalCalls: 5, rowsSent: 5, rowsSkipped: 2 });
		expect(run.requests).toEqual([
			expect.objectContaining({ method: 'POST', path: '/v1/api/batch-calls', authenticated: true }),
		]);
		expect(run.requests[0].rows).toHaveLength(5);
		expect(Object.keys(run.requests[0].fields).sort()).toEqual(['agentId', 'scheduledAt', 'smartCallbackConfig']);
	});

	test('starts a batch from CRM items and follows it: status and all calls', () => {
		const run = runOnN8nV1('start-at-9-report-at-17.json', 'Read every call', 'default', 'Every day at 9:00');

		expect(run.error).toBeNull();
		expect(run.executedNodes).toContain('Report');
		expect(run.requests.map(({ method, path: requestPath }) => `${method} ${requestPath.replace(/batch_\d+/, 'ID')}`)).toEqual([
			'POST /v1/api/batch-calls',
			'GET /v1/api/batch-calls/ID',
			'GET /v1/api/batch-calls/ID/calls',
		]);
		expect(run.output).toHaveLength(3);
	});

	test('runs the Trillet Trigger example: Fetch Test Event polls the call history, the CRM update gets the crm_id', () => {
		const run = runOnN8nV1('call-finished-to-crm.json', 'Map the call to CRM fields', 'default', 'When a call ends', 'finishedCall');

		expect(run.error).toBeNull();
		expect(run.executedNodes).toEqual(['When a call ends', 'Map the call to CRM fields', 'Update the CRM contact']);
		expect(run.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/v2/api/call-history', authenticated: true })]);
		expect(run.output[0]).toMatchObject({ crmId: 'CRM-7', lastCallOutcome: 'completed', lastCallSummary: 'Spoke with Ada.' });
	});
});
