import {
	apiErrorText,
	describeFailure,
	mayHaveActed,
	type FailureContext,
} from '../../nodes/TrilletBatchCall/transport/apiFailure';

const start: FailureContext = { action: 'start the batch', baseUrl: 'https://api.trillet.ai', startsCalls: true };
const read: FailureContext = { action: 'get batch b1', baseUrl: 'https://api.trillet.ai', startsCalls: false, notFound: 'Batch not found: b1' };

describe('the API’s own error text', () => {
	test.each([
		[{ error: 'No file uploaded' }, 'No file uploaded'],
		[{ error: 'CSV validation failed', message: 'Row 3: bad phone' }, 'CSV validation failed: Row 3: bad phone'],
		[{ error: { code: 'rate_limit_exceeded', message: 'Too many requests' } }, 'Too many requests'],
		[{ error: { code: 'unauthorized' } }, 'unauthorized'],
		['<html>Bad Gateway</html>', '<html>Bad Gateway</html>'],
		[null, ''],
	])('is read from %j', (body, text) => {
		expect(apiErrorText(body)).toBe(text);
	});
});

describe('a failed request is described in words a user can act on', () => {
	test.each([
		[400, /Trillet refused to start the batch/],
		[401, /Trillet did not accept the API key/],
		[403, /no access to the workspace/],
		[413, /larger than Trillet accepts/],
		[429, /rate limit was reached/],
		[500, /Trillet had a problem and could not start the batch \(HTTP 500\)/],
		[418, /Trillet answered HTTP 418 when asked to start the batch/],
	])('HTTP %i', (status, message) => {
		expect(describeFailure({ kind: 'status', status, body: { error: 'x' } }, start).message).toMatch(message);
	});

	test('a 404 uses the operation’s own words', () => {
		expect(describeFailure({ kind: 'status', status: 404, body: {} }, read).message).toBe('Batch not found: b1');
	});

	test('only an upload that may have started warns that it may have started', () => {
		const serverError = { kind: 'status', status: 503, body: {} } as const;
		expect(describeFailure(serverError, start).description).toMatch(/may have started/);
		expect(describeFailure(serverError, read).description).not.toMatch(/may have started/);
		expect(describeFailure({ kind: 'status', status: 400, body: {} }, start).description).not.toMatch(/may have started/);
	});

	test('a rate limit says when it lifts', () => {
		expect(describeFailure({ kind: 'status', status: 429, body: {}, retryAfterSeconds: 30 }, read).description).toMatch(/in 30 s/);
		const body = { error: { code: 'rate_limit_exceeded', reset_at: '2031-01-01T00:00:00Z' } };
		expect(describeFailure({ kind: 'status', status: 429, body }, read).description).toMatch(/resets at 2031-01-01T00:00:00Z/);
	});

	test('a connection that was refused says nothing was sent; one that broke says the batch may have started', () => {
		expect(describeFailure({ kind: 'network', code: 'ECONNREFUSED', detail: '' }, start).description).toMatch(/Nothing was sent/);
		expect(describeFailure({ kind: 'network', code: 'ECONNRESET', detail: 'socket hang up' }, start).description).toMatch(
			/^ECONNRESET: socket hang up\. The batch may have started/,
		);
	});

	test('a timeout is called one', () => {
		expect(describeFailure({ kind: 'network', code: 'ECONNABORTED', detail: 'timeout of 30000ms exceeded' }, read).message).toBe(
			'Trillet did not answer in time when asked to get batch b1',
		);
	});
});

describe('whether Trillet may have acted on a failed request', () => {
	test.each([
		[{ kind: 'status', status: 500, body: null }, true],
		[{ kind: 'status', status: 404, body: null }, false],
		[{ kind: 'status', status: 301, body: null }, false],
		[{ kind: 'unexpected', detail: 'html' }, true],
		[{ kind: 'network', code: 'ECONNRESET', detail: '' }, true],
		[{ kind: 'network', code: 'ETIMEDOUT', detail: '' }, true],
		[{ kind: 'network', code: 'ECONNREFUSED', detail: '' }, false],
		[{ kind: 'network', code: 'ENOTFOUND', detail: '' }, false],
		[{ kind: 'network', code: 'CERT_HAS_EXPIRED', detail: '' }, false],
	] as const)('%j → %s', (failure, acted) => {
		expect(mayHaveActed(failure)).toBe(acted);
	});
});
