// Checking alone, in this process: the node's whole check of each file (decode, parse, phone
// numbers, duplicates, and the rewrite when needed) against csv-parse with `columns: true` on the
// same bytes, the time per row as the file grows from 1,000 rows to all of them, and the parts of
// the check no check can do without, each alone (checkingFloor.ts).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

import { prepareCsvFile } from '../../nodes/TrilletBatchCall/contacts';
import { measureCheckingFloor } from './checkingFloor';
import type { BenchCsvFiles } from './contactsCsv';
import { markdownTable, median, medianAndMin, ms, mb, times, timeRuns } from './report';

/** The aims for checking alone. */
export const AIM_CHECK_MB_PER_S = 150;
export const AIM_CHECK_VS_CSV_PARSE = 15;
export const AIM_PER_ROW_SPREAD = 2;
const ROW_COUNTS = [1_000, 10_000, 100_000];

export interface CheckingBenchResult {
	speedTable: string;
	/** The parts any check must do, timed alone on the clean file (checkingFloor.ts). */
	floorTable: string;
	/** The sum of those parts' fastest runs, and the time the speed aim allows for the clean file, in milliseconds. */
	floorMs: number;
	aimMs: number;
	/** What the node's check spends on everything else, in ns a row (its median less those parts). */
	checkSpendsNsPerRow: number;
	/** Those parts but the Blob, in milliseconds: what a check adds to an upload that makes the Blob anyway. */
	floorBesideUploadMs: number;
	perRowTable: string;
	speedAimMet: boolean;
	perRowAimMet: boolean;
}

function megabytesPerSecond(bytes: number, milliseconds: number): number {
	return bytes / 1e6 / (milliseconds / 1000);
}

export function runCheckingBench(files: BenchCsvFiles, runs: number): CheckingBenchResult {
	const clean = readFileSync(files.clean);
	const checks = (['clean', 'formatted'] as const).map((variant) => {
		const bytes = variant === 'clean' ? clean : readFileSync(files.formatted);
		let sentSize = 0;
		const ours = timeRuns(runs, () => {
			sentSize = prepareCsvFile(bytes, { invalidRows: 'fail' }).file.size;
		});
		// csv-parse is slow: fewer runs keep the bench short; its median is still a median.
		const theirs = timeRuns(Math.min(runs, 3), () => parse(bytes, { columns: true }));
		const speed = megabytesPerSecond(bytes.length, median(ours));
		const ratio = median(theirs) / median(ours);
		const row = [
			variant,
			mb(bytes.length),
			medianAndMin(ours, ms),
			speed.toFixed(0),
			medianAndMin(theirs, ms),
			times(ratio),
			sentSize === bytes.length ? 'yes' : 'no (rewritten)',
		];
		return { row, checkMs: median(ours), aimMet: speed >= AIM_CHECK_MB_PER_S && ratio >= AIM_CHECK_VS_CSV_PARSE };
	});
	const speedTable = markdownTable(
		['Checking alone', 'file MB', 'ms median (min)', `MB/s (aim ≥ ${AIM_CHECK_MB_PER_S})`, 'csv-parse columns:true ms', `÷ (aim ≥ ${AIM_CHECK_VS_CSV_PARSE}×)`, 'sent as it is'],
		checks.map((check) => check.row),
	);
	const { table: perRowTable, aimMet: perRowAimMet } = perRowCost(clean, files.rows, runs);
	const floor = measureCheckingFloor(clean, runs);
	return {
		speedTable,
		floorTable: floor.table,
		floorMs: floor.totalMs,
		aimMs: (clean.length / 1e6 / AIM_CHECK_MB_PER_S) * 1000,
		checkSpendsNsPerRow: ((checks[0].checkMs - floor.totalMs) * 1e6) / files.rows,
		floorBesideUploadMs: floor.totalMs - floor.blobMs,
		perRowTable,
		speedAimMet: checks.every((check) => check.aimMet),
		perRowAimMet,
	};
}

/** Time per row for the first 1k, 10k, 100k rows and the whole clean file (`whole`, of `wholeRows` rows). */
function perRowCost(whole: Buffer, wholeRows: number, runs: number): { table: string; aimMet: boolean } {
	const prefixes = [...ROW_COUNTS.filter((rows) => rows < wholeRows), wholeRows].map((rows) => ({ rows, bytes: firstRows(whole, rows) }));
	const perRow = prefixes.map(({ rows, bytes }) => {
		// Small files are timed many times over, so the clock's resolution does not matter.
		const repeat = Math.max(1, Math.floor(wholeRows / rows / 10));
		const durations = timeRuns(runs, () => {
			for (let time = 0; time < repeat; time++) prepareCsvFile(bytes, { invalidRows: 'fail' });
		});
		return { rows, nsPerRow: (median(durations) * 1e6) / (repeat * rows) };
	});
	const spread = Math.max(...perRow.map((row) => row.nsPerRow)) / Math.min(...perRow.map((row) => row.nsPerRow));
	const table = markdownTable(
		['Rows', 'ns per row (median)'],
		[...perRow.map((row) => [row.rows.toLocaleString('en'), row.nsPerRow.toFixed(0)]), [`largest ÷ smallest (aim ≤ ${AIM_PER_ROW_SPREAD}×)`, times(spread)]],
	);
	return { table, aimMet: spread <= AIM_PER_ROW_SPREAD };
}

/** The header and the first `rows` rows of a file with one contact per line. */
function firstRows(bytes: Buffer, rows: number): Buffer {
	let end = -1;
	for (let line = 0; line <= rows; line++) {
		end = bytes.indexOf(0x0a, end + 1);
		if (end === -1) return bytes;
	}
	return bytes.subarray(0, end + 1);
}
