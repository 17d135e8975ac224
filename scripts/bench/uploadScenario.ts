// One measured upload in a fresh process: load everything, warm up on a small file, collect
// garbage, note the idle memory, then run the scenario once on the big file and report its time
// and its peak memory above idle to the parent over IPC.
import { readFile } from 'node:fs/promises';
import type { IDataObject } from 'n8n-workflow';

import type { BinaryDataMode } from '../../test/engine/binaryDataMode';
import { type RunOptions, runWorkflow } from '../../test/engine/runWorkflow';
import { agentById, chainedWorkflow, emulatorCredentials, filesNode, TRILLET, trilletWorkflow } from '../../test/engine/trilletWorkflow';
import type { EmulatorAddress } from './emulatorAddress';
import { postBatchWithFormData } from './formDataUpload';
import { HTTP_REQUEST, httpRequestUploader, type HttpRequestNodeSource, loadHttpRequestNode } from './httpRequestNode';
import { measurePeakMemory, type MemoryFigures } from './memory';
import { UNCHECKED_UPLOAD, type UncheckedRead, uncheckedUploader, uncheckedUploadNodeTypes } from './uncheckedUploadNode';

export interface UploadScenario {
	/** The Trillet node, its upload with no check, n8n's own HTTP Request node, or form-data without n8n. */
	kind: 'trillet-node' | 'unchecked-upload' | 'http-request-node' | 'form-data';
	/** n8n's binary data mode, for the paths through n8n. */
	binaryDataMode?: BinaryDataMode;
	/** How the unchecked upload reads the file, for `unchecked-upload`. */
	uncheckedRead?: UncheckedRead;
	/** Where the HTTP Request node is loaded from, for `http-request-node`. */
	httpRequestNode?: HttpRequestNodeSource;
	file: string;
	warmupFile: string;
	/** How many calls the batch must have, so a run that uploaded the wrong thing is not timed. */
	expectedCalls: number;
	emulator: EmulatorAddress;
}

export interface UploadMeasurement {
	/** Through n8n: the uploading node's own executionTime; form-data: from Buffer to response. */
	uploadMs: number;
	/** Through n8n: the whole workflow run (reading the file, the Files node, the uploading node). */
	wholeRunMs?: number;
	/** Through n8n: the Files node (reading the file from disk and storing it as n8n binary data). */
	filesNodeMs?: number;
	memory: MemoryFigures;
}

export type UploadReport = { ok: true; measurement: UploadMeasurement } | { ok: false; error: string };

const FILE_NAME = 'contacts.csv';

/** The workflow a scenario runs through n8n's engine, and the name of its uploading node. */
function workflowOf(scenario: UploadScenario, file: string) {
	const files = [{ fileName: FILE_NAME, mimeType: 'text/csv', path: file }];
	if (scenario.kind === 'http-request-node') {
		const workflow = chainedWorkflow('HTTP Request baseline', [filesNode(files), httpRequestUploader(scenario.emulator)]);
		return { workflow, uploader: HTTP_REQUEST };
	}
	if (scenario.kind === 'unchecked-upload') {
		const workflow = chainedWorkflow('Unchecked upload baseline', [filesNode(files), uncheckedUploader(scenario.emulator, scenario.uncheckedRead ?? 'whole')]);
		return { workflow, uploader: UNCHECKED_UPLOAD };
	}
	return { workflow: trilletWorkflow({ operation: 'start', agent: agentById(scenario.emulator.agentId) }, { files }), uploader: TRILLET };
}

async function runInN8nOnce(scenario: UploadScenario, file: string, extraNodeTypes: RunOptions['extraNodeTypes'], expectedCalls?: number) {
	const { emulator } = scenario;
	const { workflow, uploader } = workflowOf(scenario, file);
	const started = performance.now();
	const { run, output, error } = await runWorkflow(workflow, {
		packageFrom: 'dist',
		binaryDataMode: scenario.binaryDataMode ?? 'default',
		credentials: emulatorCredentials(emulator),
		extraNodeTypes,
	});
	const wholeRunMs = performance.now() - started;
	const failure = error(uploader) ?? error('Files');
	if (failure !== undefined) throw new Error(`The workflow failed: ${failure.message} ${failure.description ?? ''}`);
	const json = output(uploader)[0]?.json as IDataObject | undefined;
	if (expectedCalls !== undefined && json?.totalCalls !== expectedCalls) {
		throw new Error(`The batch has ${String(json?.totalCalls)} calls, expected ${expectedCalls}`);
	}
	const runData = run.data.resultData.runData;
	return { wholeRunMs, uploadMs: runData[uploader][0].executionTime, filesNodeMs: runData.Files[0].executionTime };
}

async function measureInN8n(scenario: UploadScenario): Promise<UploadMeasurement> {
	const extraNodeTypes = scenario.httpRequestNode
		? loadHttpRequestNode(scenario.httpRequestNode)
		: scenario.kind === 'unchecked-upload'
			? uncheckedUploadNodeTypes()
			: undefined;
	await runInN8nOnce(scenario, scenario.warmupFile, extraNodeTypes);
	const { result, memory } = await measurePeakMemory(() =>
		runInN8nOnce(scenario, scenario.file, extraNodeTypes, scenario.expectedCalls),
	);
	return { ...result, memory };
}

async function postOnce(scenario: UploadScenario, csv: Buffer, expectedCalls?: number): Promise<number> {
	const started = performance.now();
	const answer = await postBatchWithFormData(scenario.emulator, csv, FILE_NAME);
	const uploadMs = performance.now() - started;
	const calls = (answer.body as { totalCalls?: unknown } | undefined)?.totalCalls;
	if (answer.status !== 200 || (expectedCalls !== undefined && calls !== expectedCalls)) {
		throw new Error(`The form-data upload got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
	}
	return uploadMs;
}

async function measureFormData(scenario: UploadScenario): Promise<UploadMeasurement> {
	await postOnce(scenario, await readFile(scenario.warmupFile));
	// The file is read inside the measurement, as the node path's Files node reads it: both count its bytes.
	const { result, memory } = await measurePeakMemory(async () =>
		postOnce(scenario, await readFile(scenario.file), scenario.expectedCalls),
	);
	return { uploadMs: result, memory };
}

async function main(): Promise<void> {
	const scenario = JSON.parse(process.argv[2] ?? '{}') as UploadScenario;
	let report: UploadReport;
	try {
		const measurement = scenario.kind === 'form-data' ? await measureFormData(scenario) : await measureInN8n(scenario);
		report = { ok: true, measurement };
	} catch (error) {
		report = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
	}
	// Exit once the report is out: n8n-core leaves timers behind that would keep the process alive.
	process.send?.(report, () => process.exit(0));
}

void main();
