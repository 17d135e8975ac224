// What `npm run test:n8n` checks in one n8n: the examples through `n8n execute`, and Test
// credential through the REST API. Each check returns a line for the report and whether it passed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { TrilletEmulator } from '../../test/emulator';
import { type BinaryDataMode, type N8nInstance, n8nCommand } from './environment';
import type { PreparedExample } from './examples';
import type { RunningN8n } from './server';

export interface Check {
	name: string;
	passed: boolean;
	detail: string;
}

export interface RunData {
	data?: {
		resultData?: {
			error?: { message?: string };
			runData?: Record<
				string,
				Array<{ error?: { message?: string }; executionTime?: number; data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>
			>;
		};
	};
	status?: string;
}

/**
 * The JSON `n8n execute --rawOutput` prints between its log lines: from the first line that opens
 * an object to the last that closes one (n8n 2.x may log a line after it, e.g. "Registered runner").
 */
export function parseRun(stdout: string): RunData | undefined {
	const start = stdout.search(/^\{/m);
	if (start < 0) return undefined;
	const end = stdout.lastIndexOf('\n}');
	try {
		return JSON.parse(stdout.slice(start, end > start ? end + 2 : undefined)) as RunData;
	} catch {
		return undefined;
	}
}

export async function importInto(instance: N8nInstance, kind: 'credentials' | 'workflow', content: unknown): Promise<void> {
	const file = path.join(instance.userFolder, `import-${kind}-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(content, null, 2));
	const result = await n8nCommand(instance, [`import:${kind}`, `--input=${file}`]);
	if (result.status !== 0) throw new Error(`n8n import:${kind} failed:\n${result.stdout}\n${result.stderr}`);
}

export async function executeExample(
	instance: N8nInstance,
	example: PreparedExample,
	mode: BinaryDataMode,
	emulator: TrilletEmulator,
): Promise<Check> {
	const batchesBefore = emulator.batches().length;
	const result = await n8nCommand(instance, ['execute', `--id=${example.id}`, '--rawOutput'], mode);
	const run = parseRun(result.stdout);
	const runData = run?.data?.resultData?.runData ?? {};
	const problems: string[] = [];
	// n8n 1.x on Node 20 now and then dies with SIGSEGV while exiting, after it printed the
	// finished run: that is said, not counted, when the printed run itself succeeded.
	const crashedAfterRun = result.status === null && run?.status === 'success';
	if (result.status !== 0 && !crashedAfterRun) {
		problems.push(result.status === null ? `n8n was ended by ${result.signal ?? 'a signal'}` : `exit code ${result.status}`);
	}
	const error = run?.data?.resultData?.error?.message;
	if (error) problems.push(`workflow error: ${error}`);
	const batchIds = example.startBatchNodes.map((node) => runData[node]?.[0]?.data?.main?.[0]?.[0]?.json.batchId);
	example.startBatchNodes.forEach((node, index) => {
		if (run === undefined) return; // n8n printed no run data, only its error (below)
		if (typeof batchIds[index] !== 'string') problems.push(`"${node}" put out no batchId (${runData[node]?.[0]?.error?.message ?? 'did not run'})`);
	});
	const started = emulator.batches().length - batchesBefore;
	if (started !== example.startBatchNodes.length) problems.push(`Trillet received ${started} batch(es)`);
	const ran = Object.keys(runData).join(' → ');
	return {
		name: `${example.file} [${mode}]`,
		passed: problems.length === 0,
		detail: problems.length === 0
			? `ran ${ran}; batch ${batchIds.join(', ')}${run?.status ? `; status ${run.status}` : ''}${
					crashedAfterRun ? ` (then n8n itself ended with ${result.signal ?? 'a signal'} while exiting)` : ''
				}`
			: `${problems.join('; ')}\n${result.stderr.slice(-1500)}${run ? '' : result.stdout.slice(-1500)}`,
	};
}

export interface CredentialCase {
	name: string;
	data: Record<string, string>;
	/** The text Test credential must show (the credential's own words). */
	expected: RegExp;
}

/** What the editor's Test button sends: the saved credential's id with the values in the form. */
export async function testCredentialThroughRest(
	n8n: RunningN8n,
	credential: { id: string; name: string },
	testCase: CredentialCase,
): Promise<Check> {
	const name = `Test credential: ${testCase.name}`;
	try {
		const result = await n8n.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { ...credential, type: 'trilletApi', data: testCase.data },
		});
		return {
			name,
			passed: testCase.expected.test(`${result.status}: ${result.message}`),
			detail: `n8n showed ${result.status}: "${result.message}"`,
		};
	} catch (error) {
		return { name, passed: false, detail: (error as Error).message };
	}
}
