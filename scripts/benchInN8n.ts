// npm run bench:n8n [-- 1.123.81|2.41.1] — Start Batch beside n8n's own HTTP Request node in a
// REAL n8n, as the issue that asked for speed measured it: the bench's 600,000-contact files are
// read by Read/Write Files from Disk and posted by each node to the emulator in its bench mode
// (it counts lines, it does not parse the CSV), through `n8n execute`, in the filesystem and the
// default binary-data modes (MODES=filesystem for one). Each node's time is its executionTime in
// the run n8n prints, after the same node has sent a 2,000-row file in that run.
// Opt-in, not part of npm test; uses (and, the first time, installs) the n8n of `npm run test:n8n`.
// BENCH_RUNS (1–10, default 3) sets how many times each figure is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INode } from 'n8n-workflow';

import { startTrilletEmulator } from '../test/emulator';
import { agentById, chainedWorkflow, emulatorCredentials, TRILLET, trilletNode } from '../test/engine/trilletWorkflow';
import { packInto } from '../test/package/packedPackage';
import { writeBenchCsvFiles } from './bench/contactsCsv';
import { emulatorAddress } from './bench/emulatorAddress';
import { HTTP_REQUEST, httpRequestUploader } from './bench/httpRequestNode';
import { benchRuns, describeLoad, markdownTable, medianAndMin, median, ms, times } from './bench/report';
import { importInto, parseRun } from './n8n/checks';
import { type BinaryDataMode, type N8nInstance, n8nCommand } from './n8n/environment';
import { newInstance } from './n8n/instance';
import { N8N_VERSIONS } from './n8n/install';

const CREDENTIAL = { id: 'trilletcred00001', name: 'Trillet account' };
const MODES: BinaryDataMode[] = (process.env.MODES?.split(',') as BinaryDataMode[] | undefined) ?? ['filesystem', 'default'];
const DEFAULT_RUNS = 3;
const MAX_RUNS = 10;

interface BenchWorkflow {
	id: string;
	variant: 'clean' | 'formatted';
	uploader: typeof TRILLET | typeof HTTP_REQUEST;
}

function readFileNode(file: string, name: string): INode {
	return {
		id: name,
		name,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		position: [0, 0],
		parameters: { operation: 'read', fileSelector: file, options: {} },
	};
}

function trilletUploader(agentId: string, name: string): INode {
	const parameters = { resource: 'batch', operation: 'start', agent: agentById(agentId), source: 'binary', binaryPropertyName: 'data' };
	return trilletNode(parameters, { id: name, name, credentials: { trilletApi: CREDENTIAL } });
}

/** Runs one workflow once; its uploading node's executionTime, checked to have sent every row. */
async function timeUpload(instance: N8nInstance, workflow: BenchWorkflow, mode: BinaryDataMode, rows: number): Promise<number> {
	const result = await n8nCommand(instance, ['execute', `--id=${workflow.id}`, '--rawOutput'], mode);
	const resultData = parseRun(result.stdout)?.data?.resultData;
	const task = resultData?.runData?.[workflow.uploader]?.[0];
	const totalCalls = task?.data?.main?.[0]?.[0]?.json.totalCalls;
	if (task?.executionTime === undefined || totalCalls !== rows) {
		const ran = Object.keys(resultData?.runData ?? {}).join(' → ') || 'no node';
		const why =
			task?.error?.message ??
			resultData?.error?.message ??
			`it put out ${JSON.stringify(task?.data?.main?.[0]?.[0]?.json ?? null).slice(0, 300)}, expected totalCalls ${rows} (ran: ${ran})`;
		throw new Error(`${workflow.uploader} (${workflow.variant}, ${mode}) failed: ${why}\n${result.stderr.slice(-1500)}`);
	}
	return task.executionTime;
}

async function main(): Promise<void> {
	const runs = benchRuns(DEFAULT_RUNS, MAX_RUNS);
	const wanted = process.argv[2] ?? N8N_VERSIONS[0].version;
	const version = N8N_VERSIONS.find((candidate) => candidate.version === wanted);
	if (version === undefined) throw new Error(`Unknown n8n version ${wanted} (known: ${N8N_VERSIONS.map((known) => known.version).join(', ')})`);
	const work = mkdtempSync(path.join(tmpdir(), 'trillet-bench-n8n-'));
	const emulator = await startTrilletEmulator({ benchCountLinesOnly: true });
	try {
		const loadBefore = describeLoad();
		const tarball = packInto(work);
		process.stderr.write('Writing the benchmark CSVs…\n');
		const files = writeBenchCsvFiles(work);
		const instance = await newInstance(version, work, tarball, [files.clean, files.formatted, files.cleanWarmup, files.formattedWarmup]);
		const address = emulatorAddress(emulator);
		await importInto(instance, 'credentials', [{ ...CREDENTIAL, type: 'trilletApi', data: emulatorCredentials(emulator).trilletApi }]);
		const workflows: BenchWorkflow[] = [];
		for (const variant of ['clean', 'formatted'] as const) {
			const file = path.join(instance.filesFolder, path.basename(variant === 'clean' ? files.clean : files.formatted));
			const warmup = variant === 'clean' ? files.cleanWarmup : files.formattedWarmup;
			for (const uploader of [HTTP_REQUEST, TRILLET] as const) {
				const id = `trilletbn${String(workflows.length).padStart(3, '0')}`;
				const uploaderNamed = (name: string) =>
					uploader === TRILLET ? trilletUploader(address.agentId, name) : { ...httpRequestUploader(address), id: name, name };
				// Each `n8n execute` is a new process: the same node first sends the 2,000-row file, so the
				// measured upload runs warm, as it would in a server that has run workflows before.
				const json = chainedWorkflow(`${uploader}, ${variant} file`, [
					readFileNode(path.join(instance.filesFolder, path.basename(warmup)), 'Read warm-up file'),
					uploaderNamed(`${uploader} (warm-up)`),
					readFileNode(file, 'Read File'),
					uploaderNamed(uploader),
				]);
				await importInto(instance, 'workflow', [{ ...json, id, active: false }]);
				workflows.push({ id, variant, uploader });
			}
		}
		const measured = new Map<string, number[]>();
		const key = (workflow: BenchWorkflow, mode: BinaryDataMode) => `${workflow.id} ${mode}`;
		// Round robin, so a burst of load elsewhere touches every figure alike.
		for (let run = 0; run < runs; run++) {
			for (const mode of MODES) {
				for (const workflow of workflows) {
					const uploadMs = await timeUpload(instance, workflow, mode, files.rows);
					emulator.reset();
					measured.set(key(workflow, mode), [...(measured.get(key(workflow, mode)) ?? []), uploadMs]);
					process.stderr.write(`  run ${run + 1}/${runs} ${workflow.uploader}, ${workflow.variant}, ${mode}: ${ms(uploadMs)} ms\n`);
				}
			}
		}
		const rows: string[][] = [];
		for (const variant of ['clean', 'formatted'] as const) {
			for (const mode of MODES) {
				const of = (uploader: BenchWorkflow['uploader']) =>
					measured.get(key(workflows.find((workflow) => workflow.variant === variant && workflow.uploader === uploader) as BenchWorkflow, mode)) ?? [];
				const httpRequest = of(HTTP_REQUEST);
				const trillet = of(TRILLET);
				rows.push([variant, mode, medianAndMin(httpRequest, ms), medianAndMin(trillet, ms), times(median(trillet) / median(httpRequest))]);
			}
		}
		console.log(`\n## Start Batch and n8n's HTTP Request node in n8n ${version.version} (\`n8n execute\`)\n`);
		console.log(`${runs} runs per figure; load average ${loadBefore} at the start, ${describeLoad()} at the end.\n`);
		console.log(
			markdownTable(['file (600,000 contacts)', 'binary mode', 'HTTP Request node ms median (min)', 'Trillet node ms median (min)', 'Trillet ÷ HTTP Request'], rows),
		);
	} finally {
		await emulator.close();
		rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
