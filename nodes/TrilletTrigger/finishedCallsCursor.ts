import { isFinished, recordKey, startedAtMs, type HistoryRecord } from '../TrilletBatchCall/callHistory';

// Which finished calls the trigger has already emitted, kept in the workflow's static data.
// Pure: no n8n functions, so every rule is tested on its own.
//
// Trillet stamps a call-history record with the time the call was MADE and changes its status
// when it ends, so calls finish out of order. Each poll reads every record made since `from`:
// - a finished record not in `seen` is emitted once and remembered in `seen`;
// - `from` follows the oldest call still running, so a long call is read again until it ends,
//   and never goes later than SETTLE_MS before the poll, for records that show up late;
// - what lies before `from` is never read again, so `seen` forgets it: the state stays small.

/** How far back each poll reads besides running calls: records may show up in the history late. */
export const SETTLE_MS = 15 * 60 * 1000;
/** A call shown as running for longer than this is given up on, so one stuck record cannot hold the window open. */
export const MAX_RUNNING_MS = 24 * 60 * 60 * 1000;
/** The most call IDs remembered; past it, the oldest are dropped and the window starts after them (unless a call made before them still runs). */
export const MAX_SEEN = 5000;

export interface FinishedCallsCursor {
	version: 1;
	/** Unix ms: the next poll reads calls made from here on. */
	from: number;
	/** Call key → when the call was made (Unix ms), for each finished call already handled. */
	seen: Record<string, number>;
}

export interface CursorStep {
	cursor: FinishedCallsCursor;
	/** Finished calls not handled before, oldest first. */
	finished: HistoryRecord[];
}

/** Before the first poll of an activation: look back SETTLE_MS, nothing handled yet. */
export function newCursor(now: number): FinishedCallsCursor {
	return { version: 1, from: now - SETTLE_MS, seen: {} };
}

/** The saved cursor, or undefined when there is none or it is not one this version wrote. */
export function readCursor(saved: unknown): FinishedCallsCursor | undefined {
	const cursor = saved as Partial<FinishedCallsCursor> | undefined;
	if (cursor?.version !== 1 || typeof cursor.from !== 'number' || !Number.isFinite(cursor.from)) return undefined;
	if (typeof cursor.seen !== 'object' || cursor.seen === null) return undefined;
	return { version: 1, from: cursor.from, seen: { ...cursor.seen } };
}

/** What one poll read (every record made between `cursor.from` and `now`) does to the cursor. */
export function advanceCursor(cursor: FinishedCallsCursor, records: HistoryRecord[], now: number): CursorStep {
	const seen = { ...cursor.seen };
	const finished: HistoryRecord[] = [];
	let oldestRunning = Infinity;
	for (const record of uniqueRecords(records)) {
		const madeAt = startedAtMs(record) || now;
		if (!isFinished(record)) {
			if (madeAt >= now - MAX_RUNNING_MS) oldestRunning = Math.min(oldestRunning, madeAt);
			continue;
		}
		const key = recordKey(record);
		if (key in seen) continue;
		seen[key] = madeAt;
		finished.push(record);
	}
	const from = Math.max(cursor.from, Math.min(now - SETTLE_MS, oldestRunning));
	return {
		cursor: bounded({ version: 1, from, seen: forgetBefore(seen, from) }, oldestRunning),
		finished: finished.sort((a, b) => startedAtMs(a) - startedAtMs(b)),
	};
}

/** The last copy of each record wins: pages read while calls end may show one call twice. */
function uniqueRecords(records: HistoryRecord[]): HistoryRecord[] {
	const byKey = new Map<string, HistoryRecord>();
	for (const record of records) {
		const key = recordKey(record);
		const earlier = byKey.get(key);
		// a finished copy beats a running one, whichever page came first
		if (earlier === undefined || !isFinished(earlier)) byKey.set(key, record);
	}
	return [...byKey.values()];
}

function forgetBefore(seen: Record<string, number>, from: number): Record<string, number> {
	return Object.fromEntries(Object.entries(seen).filter(([, madeAt]) => madeAt >= from));
}

/**
 * Keeps at most MAX_SEEN IDs, the newest. The window then starts just after the newest one
 * dropped, so nothing forgotten can be read (and emitted) again; but never after a call still
 * running, which must be read again when it ends (MAX_RUNNING_MS caps how long that holds).
 */
function bounded(cursor: FinishedCallsCursor, oldestRunning: number): FinishedCallsCursor {
	const entries = Object.entries(cursor.seen);
	if (entries.length <= MAX_SEEN) return cursor;
	const newestFirst = entries.sort(([, a], [, b]) => b - a);
	const from = Math.min(oldestRunning, Math.max(cursor.from, newestFirst[MAX_SEEN][1] + 1));
	return { version: 1, from, seen: forgetBefore(cursor.seen, from) };
}
