import { mayRetry, parseRetryAfter, retryDelayMs } from '../../nodes/TrilletBatchCall/transport/retryPolicy';

describe('which failures are tried again', () => {
	test.each([
		['a rate limit', { kind: 'status', status: 429, body: null }, true, true],
		['a bad gateway', { kind: 'status', status: 502, body: null }, true, false],
		['a server error', { kind: 'status', status: 500, body: null }, false, false],
		['a refusal', { kind: 'status', status: 400, body: null }, false, false],
		['a refused connection', { kind: 'network', code: 'ECONNREFUSED', detail: '' }, true, true],
		['a reset connection', { kind: 'network', code: 'ECONNRESET', detail: '' }, true, false],
		['an unreadable answer', { kind: 'unexpected', detail: '' }, false, false],
	] as const)('%s: a read %s, an upload %s', (_, failure, read, upload) => {
		expect(mayRetry(failure, false)).toBe(read);
		expect(mayRetry(failure, true)).toBe(upload);
	});
});

describe('how long to wait', () => {
	test('as long as the server asks, else 1 s, 2 s, 4 s', () => {
		expect(retryDelayMs({ kind: 'status', status: 429, body: null, retryAfterSeconds: 7 }, 1)).toBe(7000);
		expect([1, 2, 3].map((attempt) => retryDelayMs({ kind: 'network', code: 'ECONNRESET', detail: '' }, attempt))).toEqual([1000, 2000, 4000]);
	});

	test('Retry-After in seconds or as a date', () => {
		const now = Date.parse('2031-01-01T00:00:00Z');
		expect(parseRetryAfter('12', now)).toBe(12);
		expect(parseRetryAfter('Wed, 01 Jan 2031 00:00:30 GMT', now)).toBe(30);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});
});
