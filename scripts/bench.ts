// `npm run bench`: the performance figures the README quotes.
//
// 1. Checking alone: MB/s, against csv-parse on the same bytes; the parts no check can do without,
//    each alone; and the time per row by file size.
// 2. Starting a batch from a CSV close to 20 MB (600,000 contacts) through n8n's engine (the
//    Trillet node loaded from dist/, against the emulator in its bench mode, which counts lines and
//    does not parse the CSV), compared with a plain multipart POST of the same file and with n8n's
//    own HTTP Request node posting it (when `npm run test:n8n` has installed an n8n), and with
//    Start Batch's own upload with the check left out: time, and peak memory above the idle process.
// 3. Writing the batch CSV from 100,000 items, compared with csv-stringify.
//
// Everything it writes goes to a temporary folder under os.tmpdir(), removed at the end.
// BENCH_RUNS (1–20, default 5) sets how many times each measurement is repeated.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';

import { writeBenchCsvFiles } from './bench/contactsCsv';
import { runCsvWritingBench } from './bench/csvWritingBench';
import { benchRuns, describeLoad, mb, ms } from './bench/report';
import { AIM_CHECK_MB_PER_S, runCheckingBench } from './bench/checkingBench';
import { describeFloor, runUploadBench } from './bench/uploadBench';

const DEFAULT_RUNS = 5;
const MAX_RUNS = 20;

async function main(): Promise<void> {
	const runs = benchRuns(DEFAULT_RUNS, MAX_RUNS);
	const started = Date.now();
	const loadBefore = describeLoad();
	const directory = mkdtempSync(path.join(tmpdir(), 'trillet-bench-'));
	try {
		process.stderr.write('Writing the benchmark CSVs…\n');
		const files = writeBenchCsvFiles(directory);
		process.stderr.write('Checking the contact lists alone…\n');
		const checking = runCheckingBench(files, runs);
		process.stderr.write('Start Batch through n8n, and the plain multipart POST…\n');
		const upload = await runUploadBench(files, runs, directory);
		process.stderr.write('Writing the batch CSV from items…\n');
		const writing = runCsvWritingBench(runs);

		const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}`;
		console.log(`\n## Benchmark (${machine})\n`);
		console.log(`${runs} runs per figure; load average (1, 5, 15 min) ${loadBefore} at the start, ${describeLoad()} at the end.\n`);
		const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
		console.log(`### Checking a contact list alone (${files.rows.toLocaleString('en')} contacts)\n`);
		console.log(checking.speedTable, '\n');
		const { floorMs, aimMs } = checking;
		const perRow = (milliseconds: number) => `${((milliseconds * 1e6) / files.rows).toFixed(0)} ns a row`;
		console.log(
			'What any check must do that refuses a control character or bad UTF-8 wherever it stands, calls no number ' +
				'twice and never starts the same batch twice, each part timed alone on the clean file. Reading the rows, ' +
				`their numbers and their widths comes on top. ${AIM_CHECK_MB_PER_S} MB/s allows ${ms(aimMs)} ms for this file; ` +
				`these parts' fastest runs take ${ms(floorMs)} ms, ` +
				(floorMs < aimMs ? `which leaves ${perRow(aimMs - floorMs)} for the rest` : 'which leaves nothing for the rest') +
				`, on which the node's check spends ${checking.checkSpendsNsPerRow.toFixed(0)} ns a row.\n`,
		);
		console.log(checking.floorTable, '\n');
		console.log(`Time per row as the clean file grows (first rows of it):\n\n${checking.perRowTable}\n`);
		console.log(`Aims: speed ${verdict(checking.speedAimMet)}; time per row flat ${verdict(checking.perRowAimMet)}.\n`);
		console.log(`### Starting a batch from a ${mb(files.cleanBytes)} MB CSV (${files.rows.toLocaleString('en')} contacts)\n`);
		console.log(
			`Clean file: E.164 numbers, a few quoted fields with commas and quotes, names in UTF-8. Formatted file: the same ` +
				`contacts with every number written like \`+1 201-200-0000\` (${mb(files.formattedBytes)} MB), which the node ` +
				"must rewrite. The Trillet node reads the file from a Files node in n8n's engine (WorkflowExecute) and posts " +
				'to the emulator in another process; "upload ms" is its executionTime. The baseline posts the clean file ' +
				'with form-data from a Buffer and is timed to the response. The emulator runs in its bench mode: it counts ' +
				"the upload's lines and does not parse the CSV, so the clients' own cost is compared. Each run is a fresh " +
				'process, warmed up on a 2,000-row file first. The second baseline is what a user would build without this ' +
				"package: the same file posted by n8n's HTTP Request node in the same engine and binary mode, with no checks. " +
				"The third is Start Batch's own upload with the check left out (the package's transport and form, Node's Blob " +
				'and FormData), reading the file whole as Start Batch does or, in filesystem mode, streamed into the Blob: ' +
				"the least a node built under the package's rules can take.\n",
		);
		console.log(`${upload.httpRequestNode}\n`);
		console.log(upload.timeTable, '\n');
		console.log(
			'Peak memory: VmHWM of the measuring process (the emulator runs in another) minus its resident set when ' +
				'idle, with malloc told to return freed memory (MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_) so the idle ' +
				'figure holds no reusable free memory. Reading the file is counted on both paths. In binary mode "default" ' +
				'n8n keeps the file in the item as base64, so it costs more than "filesystem".\n',
		);
		console.log(upload.memoryTable, '\n');
		console.log(`Aims: time ${verdict(upload.timeAimMet)}; peak memory ` +
			`(filesystem mode: ${verdict(upload.memoryAimMetIn.filesystem)}, default mode: ${verdict(upload.memoryAimMetIn.default)}).\n`);
		console.log(`${describeFloor(upload.floor, checking.floorBesideUploadMs)}\n`);
		console.log('### Writing the batch CSV from 100,000 items\n');
		console.log(writing.table, '\n');
		console.log(`Same CSV (both parsed back with csv-parse):\n${writing.equivalence}\n`);
		console.log(`Took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
		if (!writing.equivalent) throw new Error('The CSV writers disagree: the comparison is not like for like');
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
