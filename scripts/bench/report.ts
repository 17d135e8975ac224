// Summaries and markdown tables for the benchmark's output, in a form the README can quote.
import { loadavg } from 'node:os';

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function min(values: readonly number[]): number {
	return Math.min(...values);
}

/** "812 (790)": the median, then the fastest run in brackets. */
export function medianAndMin(values: readonly number[], format: (value: number) => string): string {
	return `${format(median(values))} (${format(min(values))})`;
}

export const ms = (value: number): string => value.toFixed(0);
export const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
export const times = (ratio: number): string => `${ratio.toFixed(2)}×`;

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
	const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	const rule = header.map((_, index) => (index === 0 ? '---' : '---:'));
	return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** The 1, 5 and 15 minute load averages, which the figures should be quoted with. */
export function describeLoad(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(', ');
}

/** Runs `action` `runs` times after one unmeasured warm-up run; returns each run's milliseconds. */
export function timeRuns(runs: number, action: () => void): number[] {
	action();
	const durations: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		action();
		durations.push(performance.now() - started);
	}
	return durations;
}

/** BENCH_RUNS, how many times each figure is measured: `fallback` unless set, 1 to `max`. */
export function benchRuns(fallback: number, max: number): number {
	const runs = Number(process.env.BENCH_RUNS ?? fallback);
	if (!Number.isInteger(runs) || runs < 1 || runs > max) throw new Error(`BENCH_RUNS must be 1–${max}`);
	return runs;
}
