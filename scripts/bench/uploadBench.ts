// Starting a batch from a CSV close to 20 MB through n8n's engine, against the same file posted
// straight to the same server with form-data. The emulator runs in a process of its own, in its
// bench mode (it counts lines, it does not parse the CSV); every measured run is a fresh child
// process (see uploadScenario.ts).
import { rmSync } from 'node:fs';
import path from 'node:path';

import type { BinaryDataMode } from '../../test/engine/binaryDataMode';
import { exited, forkBenchScript, nextMessage, runOnce } from './childProcess';
import type { BenchCsvFiles } from './contactsCsv';
import type { EmulatorAddress } from './emulatorAddress';
import type { EmulatorCommand } from './emulatorProcess';
import { describeHttpRequestNode, findHttpRequestNode } from './httpRequestNode';
import { markdownTable, mb, median, medianAndMin, ms, times } from './report';
import type { UncheckedRead } from './uncheckedUploadNode';
import type { UploadMeasurement, UploadReport, UploadScenario } from './uploadScenario';

/** The aims: time over the plain POST's, for a clean and for a formatted file; peak memory over the file's size, per binary mode. */
export const AIM_TIME_RATIO = { clean: 1.2, formatted: 1.5 } as const;
export const AIM_MEMORY_RATIO: Record<BinaryDataMode, number> = { filesystem: 2.5, default: 3.5 };

const SCENARIO_TIMEOUT_MS = 120_000;
/**
 * Fixed malloc thresholds for the measured children: glibc otherwise raises them as large blocks
 * are freed (while loading), then keeps freed memory resident and hands it out again, so part of a
 * run's allocations would not show as a rise above the idle resident set.
 */
const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

interface Scenario {
	label: string;
	kind: UploadScenario['kind'];
	variant: 'clean' | 'formatted';
	binaryDataMode?: BinaryDataMode;
	uncheckedRead?: UncheckedRead;
}

const VARIANTS = ['clean', 'formatted'] as const;
const MODES: readonly BinaryDataMode[] = ['default', 'filesystem'];
const HTTP_REQUEST_LABEL = "n8n → n8n's HTTP Request node";

const UNCHECKED_LABEL: Record<UncheckedRead, string> = {
	whole: 'n8n → unchecked upload (whole file)',
	stream: 'n8n → unchecked upload (streamed)',
};

/**
 * The baseline first; beside each Trillet node run, the HTTP Request node (when a cached n8n has
 * one) and the package's upload with no check (streamed too where n8n can stream: filesystem mode).
 */
function scenarios(withHttpRequestNode: boolean): Scenario[] {
	const list: Scenario[] = [{ label: 'plain multipart POST (baseline)', kind: 'form-data', variant: 'clean' }];
	for (const variant of VARIANTS) {
		for (const binaryDataMode of MODES) {
			if (withHttpRequestNode) list.push({ label: HTTP_REQUEST_LABEL, kind: 'http-request-node', variant, binaryDataMode });
			const reads: UncheckedRead[] = binaryDataMode === 'filesystem' ? ['whole', 'stream'] : ['whole'];
			for (const uncheckedRead of reads) {
				list.push({ label: UNCHECKED_LABEL[uncheckedRead], kind: 'unchecked-upload', variant, binaryDataMode, uncheckedRead });
			}
			list.push({ label: 'n8n → Trillet node', kind: 'trillet-node', variant, binaryDataMode });
		}
	}
	return list;
}

export interface UploadBenchResult {
	/** Where n8n's HTTP Request node came from, or why it was not measured. */
	httpRequestNode: string;
	timeTable: string;
	memoryTable: string;
	timeAimMet: boolean;
	memoryAimMet: boolean;
	/** The memory aim in each binary-data mode (default mode also holds n8n's base64 copy of the file). */
	memoryAimMetIn: Record<BinaryDataMode, boolean>;
	floor: UploadFloor;
}

/** The least the unchecked upload took (medians): how near the aims any node that checks first can come. */
export interface UploadFloor {
	plainPostMs: number;
	uncheckedMs: Record<(typeof VARIANTS)[number], number>;
	/** Peak memory over the file's size. */
	memory: Record<BinaryDataMode, number>;
}

/**
 * The floor against the aims, in words: a node that checks every row before it sends takes at
 * least the unchecked upload plus the least check (`leastCheckMs`: the checking bench's parts
 * for the clean file, the Blob left out, as the upload makes it), and holds at least what the
 * unchecked upload holds.
 */
export function describeFloor(floor: UploadFloor, leastCheckMs: number): string {
	const { plainPostMs, uncheckedMs, memory } = floor;
	const atLeast = (uncheckedMs.clean + leastCheckMs) / plainPostMs;
	return (
		`Under the package's rules, the upload alone (no check at all) took at least ${times(uncheckedMs.clean / plainPostMs)} ` +
		`the plain POST's time for the clean file and ${times(uncheckedMs.formatted / plainPostMs)} for the formatted one. ` +
		`With the least check added (the parts above but the Blob: ${ms(leastCheckMs)} ms), a node that checks the clean file before it sends ` +
		`takes at least ${ms(uncheckedMs.clean)} + ${ms(leastCheckMs)} ms, ${times(atLeast)} the plain POST (aim ≤ ${AIM_TIME_RATIO.clean}×); ` +
		'the formatted file, which must also be rewritten, more. ' +
		`The upload alone peaked at no less than ${times(memory.filesystem)} the file in filesystem mode and ` +
		`${times(memory.default)} in default mode (aims ≤ ${AIM_MEMORY_RATIO.filesystem}× and ≤ ${AIM_MEMORY_RATIO.default}×), ` +
		"before a check holds anything of its own."
	);
}

function fileOf(files: BenchCsvFiles, variant: Scenario['variant']) {
	return variant === 'clean'
		? { file: files.clean, warmupFile: files.cleanWarmup, bytes: files.cleanBytes }
		: { file: files.formatted, warmupFile: files.formattedWarmup, bytes: files.formattedBytes };
}

async function startEmulator() {
	const child = forkBenchScript('emulatorProcess.ts', {});
	const address = await nextMessage<EmulatorAddress>(child, SCENARIO_TIMEOUT_MS);
	const command = async (message: EmulatorCommand) => {
		const answered = message.type === 'reset' ? nextMessage(child, SCENARIO_TIMEOUT_MS) : exited(child);
		child.send(message);
		await answered;
	};
	return { address, reset: () => command({ type: 'reset' }), close: () => command({ type: 'close' }) };
}

export async function runUploadBench(files: BenchCsvFiles, runs: number, directory: string): Promise<UploadBenchResult> {
	const httpRequestNode = findHttpRequestNode();
	const list = scenarios(httpRequestNode !== undefined);
	const emulator = await startEmulator();
	const results = list.map(() => [] as UploadMeasurement[]);
	try {
		// Round robin, so a burst of load elsewhere on the machine touches every scenario alike.
		for (let run = 0; run < runs; run++) {
			for (const [index, scenario] of list.entries()) {
				const userFolder = path.join(directory, `n8n-${run}-${index}`);
				const argument: UploadScenario = {
					kind: scenario.kind,
					binaryDataMode: scenario.binaryDataMode,
					httpRequestNode: scenario.kind === 'http-request-node' ? httpRequestNode : undefined,
					uncheckedRead: scenario.uncheckedRead,
					...fileOf(files, scenario.variant),
					expectedCalls: files.rows,
					emulator: emulator.address,
				};
				const report = await runOnce<UploadReport>('uploadScenario.ts', argument, SCENARIO_TIMEOUT_MS, {
					...MALLOC_ENV,
					N8N_USER_FOLDER: userFolder,
				});
				rmSync(userFolder, { recursive: true, force: true });
				await emulator.reset();
				if (!report.ok) throw new Error(`${describe(scenario)} failed: ${report.error}`);
				results[index].push(report.measurement);
				process.stderr.write(`  run ${run + 1}/${runs} ${describe(scenario)}: ${ms(report.measurement.uploadMs)} ms\n`);
			}
		}
	} finally {
		await emulator.close();
	}
	return { httpRequestNode: describeHttpRequestNode(httpRequestNode), ...summarise(files, list, results) };
}

/** "+435" or "−46": what a path adds to the plain POST's time. */
const signedMs = (value: number): string => (value < 0 ? `−${ms(-value)}` : `+${ms(value)}`);

function describe(scenario: Scenario): string {
	return `${scenario.label}, ${scenario.variant}${scenario.binaryDataMode ? `, ${scenario.binaryDataMode}` : ''}`;
}

function summarise(files: BenchCsvFiles, list: Scenario[], results: UploadMeasurement[][]): Omit<UploadBenchResult, 'httpRequestNode'> {
	const medianUpload = (index: number) => median(results[index].map((result) => result.uploadMs));
	const baseline = medianUpload(0);
	const timeRatio = (index: number) => medianUpload(index) / baseline;
	const memoryRatio = (index: number) =>
		median(results[index].map((result) => result.memory.peakAboveIdleBytes)) / fileOf(files, list[index].variant).bytes;
	/** The median upload of the `kind` run on the same file in the same binary mode (the unchecked one: reading it whole). */
	const besideMs = (scenario: Scenario, kind: Scenario['kind']) => {
		const index = list.findIndex(
			(other) =>
				other.kind === kind &&
				other.variant === scenario.variant &&
				other.binaryDataMode === scenario.binaryDataMode &&
				(other.uncheckedRead ?? 'whole') === 'whole',
		);
		return index === -1 ? undefined : medianUpload(index);
	};
	/** The least median among the unchecked uploads that `match`. */
	const uncheckedLeast = (match: (scenario: Scenario) => boolean, figure: (index: number) => number) =>
		Math.min(...[...list.keys()].filter((index) => list[index].kind === 'unchecked-upload' && match(list[index])).map(figure));
	const floor: UploadFloor = {
		plainPostMs: baseline,
		uncheckedMs: {
			clean: uncheckedLeast((scenario) => scenario.variant === 'clean', medianUpload),
			formatted: uncheckedLeast((scenario) => scenario.variant === 'formatted', medianUpload),
		},
		memory: {
			filesystem: uncheckedLeast((scenario) => scenario.binaryDataMode === 'filesystem', memoryRatio),
			default: uncheckedLeast((scenario) => scenario.binaryDataMode === 'default', memoryRatio),
		},
	};
	let timeAimMet = true;
	const memoryAimMetIn: Record<BinaryDataMode, boolean> = { default: true, filesystem: true };
	const timeRows: string[][] = [];
	const memoryRows: string[][] = [];
	/** The Trillet node is held to the aim; the unchecked upload shows whether the aim is within reach at all. */
	const verdict = (scenario: Scenario, ratio: number, aim: number) => {
		if (scenario.kind === 'trillet-node') return `${ratio <= aim ? 'met' : 'not met'} (≤ ${aim}×)`;
		if (scenario.kind === 'unchecked-upload') return `${ratio <= aim ? 'within' : 'above'} (≤ ${aim}×)`;
		return '—';
	};
	list.forEach((scenario, index) => {
		const measured = results[index];
		const upload = measured.map((result) => result.uploadMs);
		const uploadMs = medianUpload(index);
		const ratio = timeRatio(index);
		const isTrillet = scenario.kind === 'trillet-node';
		const inN8n = scenario.kind !== 'form-data';
		const timeAim = AIM_TIME_RATIO[scenario.variant];
		if (isTrillet) timeAimMet &&= ratio <= timeAim;
		const divided = (kind: Scenario['kind']) => {
			const other = isTrillet ? besideMs(scenario, kind) : undefined;
			return other === undefined ? '—' : times(uploadMs / other);
		};
		const column = (pick: (result: UploadMeasurement) => number | undefined) =>
			inN8n ? medianAndMin(measured.map((result) => pick(result) ?? 0), ms) : '—';
		timeRows.push([
			scenario.label,
			scenario.variant,
			scenario.binaryDataMode ?? '—',
			medianAndMin(upload, ms),
			inN8n ? signedMs(uploadMs - baseline) : '—',
			times(ratio),
			verdict(scenario, ratio, timeAim),
			divided('unchecked-upload'),
			divided('http-request-node'),
			column((result) => result.filesNodeMs),
			column((result) => result.wholeRunMs),
		]);
		const peaks = measured.map((result) => result.memory.peakAboveIdleBytes);
		const peakRatio = memoryRatio(index);
		const memoryAim = scenario.binaryDataMode === undefined ? undefined : AIM_MEMORY_RATIO[scenario.binaryDataMode];
		if (isTrillet && scenario.binaryDataMode !== undefined) memoryAimMetIn[scenario.binaryDataMode] &&= peakRatio <= (memoryAim ?? 0);
		const last = measured[measured.length - 1].memory;
		memoryRows.push([
			scenario.label,
			scenario.variant,
			scenario.binaryDataMode ?? '—',
			medianAndMin(peaks, mb),
			times(peakRatio),
			memoryAim === undefined ? '—' : verdict(scenario, peakRatio, memoryAim),
			mb(median(measured.map((result) => result.memory.idleRssBytes))),
			`${mb(last.heapUsedBytes)} / ${mb(last.arrayBuffersBytes)}`,
		]);
	});
	const timeTable = markdownTable(
		[
			'Upload path',
			'file',
			'binary mode',
			'upload ms median (min)',
			'added ms',
			'÷ plain POST',
			'aim',
			'÷ unchecked upload',
			'÷ HTTP Request node',
			'Files node ms',
			'whole run ms',
		],
		timeRows,
	);
	const memoryTable = markdownTable(
		['Upload path', 'file', 'binary mode', 'peak RSS above idle MB median (min)', '÷ file size', 'aim', 'idle RSS MB', 'heap / ArrayBuffers after MB'],
		memoryRows,
	);
	const memoryAimMet = memoryAimMetIn.default && memoryAimMetIn.filesystem;
	return { timeTable, memoryTable, timeAimMet, memoryAimMet, memoryAimMetIn, floor };
}
