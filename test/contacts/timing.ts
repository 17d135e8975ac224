/** Milliseconds of the fastest of `runs` calls: a busy test machine slows some runs, never all. */
export function fastestRunMs(action: () => void, runs = 3): number {
	let fastest = Number.POSITIVE_INFINITY;
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		action();
		fastest = Math.min(fastest, performance.now() - started);
	}
	return fastest;
}
