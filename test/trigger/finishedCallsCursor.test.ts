import type { HistoryRecord } from '../../nodes/TrilletBatchCall/callHistory';
import {
	advanceCursor,
	MAX_RUNNING_MS,
	MAX_SEEN,
	newCursor,
	readCursor,
	SETTLE_MS,
} from '../../nodes/TrilletTrigger/finishedCallsCursor';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

function call(callId: string, madeAt: number, status = 'completed'): HistoryRecord {
	return { _id: `id_${callId}`, callId, timestamp: madeAt / 1000, status };
}

describe('the finished-calls cursor', () => {
	test('a new cursor looks back SETTLE_MS and has handled nothing', () => {
		expect(newCursor(T0)).toEqual({ version: 1, from: T0 - SETTLE_MS, seen: {} });
	});

	test('each finished call is handed out once, however many polls read it again', () => {
		const records = [call('a', T0 - MINUTE), call('b', T0 - 2 * MINUTE)];
		const first = advanceCursor(newCursor(T0), records, T0);
		const second = advanceCursor(first.cursor, records, T0 + MINUTE);

		expect(first.finished.map((record) => record.callId)).toEqual(['b', 'a']);
		expect(second.finished).toEqual([]);
	});

	test('a call made earlier that finishes later is still handed out, once', () => {
		const running = [call('long', T0 - 40 * MINUTE, 'active'), call('short', T0 - MINUTE)];
		const first = advanceCursor({ ...newCursor(T0), from: T0 - 60 * MINUTE }, running, T0);
		// the window stays open back to the running call, past SETTLE_MS
		expect(first.cursor.from).toBe(T0 - 40 * MINUTE);

		const later = [call('long', T0 - 40 * MINUTE), call('short', T0 - MINUTE)];
		const second = advanceCursor(first.cursor, later, T0 + 30 * MINUTE);
		expect(second.finished.map((record) => record.callId)).toEqual(['long']);
		expect(second.cursor.from).toBe(T0 + 30 * MINUTE - SETTLE_MS);
	});

	test('a running copy and a finished copy of one call on two pages count as finished', () => {
		const step = advanceCursor(newCursor(T0), [call('a', T0 - MINUTE, 'active'), call('a', T0 - MINUTE)], T0);
		expect(step.finished.map((record) => record.callId)).toEqual(['a']);
		expect(step.cursor.from).toBe(T0 - SETTLE_MS);
	});

	test('the window never moves back, and forgets the calls that fell out of it', () => {
		const first = advanceCursor(newCursor(T0), [call('old', T0 - 10 * MINUTE)], T0);
		const second = advanceCursor(first.cursor, [], T0 + 20 * MINUTE);

		expect(second.cursor.from).toBe(T0 + 20 * MINUTE - SETTLE_MS);
		expect(second.cursor.seen).toEqual({});
	});

	test('a call shown as running for over MAX_RUNNING_MS no longer holds the window open', () => {
		const stuck = call('stuck', T0 - MAX_RUNNING_MS - MINUTE, 'active');
		const step = advanceCursor({ version: 1, from: stuck.timestamp! * 1000, seen: {} }, [stuck], T0);
		expect(step.cursor.from).toBe(T0 - SETTLE_MS);
	});

	test('the state stays bounded: past MAX_SEEN, the oldest are dropped and never read again', () => {
		const many = Array.from({ length: MAX_SEEN + 10 }, (_, index) => call(`c${index}`, T0 - SETTLE_MS + index));
		const step = advanceCursor(newCursor(T0), many, T0);

		expect(step.finished).toHaveLength(MAX_SEEN + 10);
		expect(Object.keys(step.cursor.seen)).toHaveLength(MAX_SEEN);
		expect(step.cursor.from).toBe(T0 - SETTLE_MS + 10);
		// read again, nothing comes out twice: the dropped ones lie before the window
		const inWindow = many.filter((record) => record.timestamp! * 1000 >= step.cursor.from);
		expect(advanceCursor(step.cursor, inWindow, T0 + 1).finished).toEqual([]);
	});

	test('past MAX_SEEN, a call made earlier and still running keeps the window open until it ends', () => {
		const long = call('long', T0 - SETTLE_MS + 1, 'in-progress');
		const many = Array.from({ length: MAX_SEEN + 1 }, (_, index) => call(`c${index}`, T0 - SETTLE_MS + 2 + index));
		const step = advanceCursor(newCursor(T0), [long, ...many], T0);

		expect(step.cursor.from).toBeLessThanOrEqual(T0 - SETTLE_MS + 1);
		// the next poll reads the long call, now finished, and the others already handled
		const next = advanceCursor(step.cursor, [{ ...long, status: 'completed' }, ...many], T0 + MINUTE);
		expect(next.finished.map((record) => record.callId)).toEqual(['long']);
	});

	test('a saved cursor is read back; anything else is no cursor', () => {
		const saved = JSON.parse(JSON.stringify(advanceCursor(newCursor(T0), [call('a', T0)], T0).cursor)) as unknown;
		expect(readCursor(saved)).toEqual({ version: 1, from: T0 - SETTLE_MS, seen: { a: T0 } });
		expect(readCursor(undefined)).toBeUndefined();
		expect(readCursor({ version: 2, from: T0, seen: {} })).toBeUndefined();
		expect(readCursor({ version: 1, from: 'yesterday', seen: {} })).toBeUndefined();
	});
});
