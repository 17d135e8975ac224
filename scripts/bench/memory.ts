// Resident memory of this process, read from Linux's /proc, with the peak reset on demand so a
// measurement starts from the idle process rather than from whatever loading it once cost.
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryFigures {
	/** Resident set after loading, warming up and a full GC, just before the measured run. */
	idleRssBytes: number;
	/** Highest resident set during the run (VmHWM), minus the idle resident set. */
	peakAboveIdleBytes: number;
	/** V8's view right after the run, before anything is collected. */
	heapUsedBytes: number;
	externalBytes: number;
	arrayBuffersBytes: number;
}

function statusKilobytes(field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
	if (match === null) throw new Error(`/proc/self/status has no ${field} (the memory figures need Linux)`);
	return Number(match[1]) * 1024;
}

function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc === undefined) throw new Error('Run with --expose-gc: the idle baseline needs a full collection');
	// Twice: the first run of finalisers can free more for the second.
	gc();
	gc();
}

/**
 * Runs `action` once and reports its peak resident memory above the idle process. Writing 5 to
 * /proc/self/clear_refs resets VmHWM (the peak) to the current resident set (Linux ≥ 4.0).
 */
export async function measurePeakMemory<T>(action: () => Promise<T>): Promise<{ result: T; memory: MemoryFigures }> {
	collectGarbage();
	await new Promise((resolve) => setImmediate(resolve));
	const idleRssBytes = statusKilobytes('VmRSS');
	writeFileSync('/proc/self/clear_refs', '5');
	const result = await action();
	const peakBytes = statusKilobytes('VmHWM');
	const usage = process.memoryUsage();
	return {
		result,
		memory: {
			idleRssBytes,
			peakAboveIdleBytes: peakBytes - idleRssBytes,
			heapUsedBytes: usage.heapUsed,
			externalBytes: usage.external,
			arrayBuffersBytes: usage.arrayBuffers,
		},
	};
}
