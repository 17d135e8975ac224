import { normaliseBaseUrl } from '../../nodes/TrilletBatchCall/transport/baseUrl';
import { decodeBody, fileNameFromDisposition, secondsUntilReset } from '../../nodes/TrilletBatchCall/transport/response';

describe('the Base URL', () => {
	test.each([
		['', 'https://api.trillet.ai'],
		[' https://api.trillet.ai/ ', 'https://api.trillet.ai'],
		['https://api.trillet.ai/v1/api', 'https://api.trillet.ai'],
		['https://proxy.example.com/trillet/', 'https://proxy.example.com/trillet'],
	])('%j is used as %j', (raw, url) => {
		expect(normaliseBaseUrl(raw)).toEqual({ url });
	});

	test('without http(s):// is refused with the reason', () => {
		expect(normaliseBaseUrl('api.trillet.ai')).toEqual({ problem: expect.stringMatching(/must start with https:\/\//) });
	});
});

describe('reading answers', () => {
	test('error bodies become JSON when they are JSON, text otherwise', () => {
		expect(decodeBody(Buffer.from('{"error":"x"}'))).toEqual({ error: 'x' });
		expect(decodeBody('<html>')).toBe('<html>');
	});

	test.each([
		['attachment; filename="batch-1-results.csv"', 'batch-1-results.csv'],
		["attachment; filename*=UTF-8''r%C3%A9sultats.csv", 'résultats.csv'],
		['attachment; filename="100%.csv"', '100%.csv'],
		["attachment; filename*=UTF-8''100%.csv", '100%.csv'],
		[undefined, undefined],
	])('the file name of %j is %j', (header, name) => {
		expect(fileNameFromDisposition(header)).toBe(name);
	});

	test('a rate limit’s reset_at is read as seconds from now', () => {
		const now = Date.parse('2031-01-01T00:00:00Z');
		expect(secondsUntilReset({ error: { reset_at: '2031-01-01T00:00:45Z' } }, now)).toBe(45);
		expect(secondsUntilReset({ error: { reset_at: now / 1000 + 10 } }, now)).toBe(10);
		expect(secondsUntilReset({ error: 'x' }, now)).toBeUndefined();
	});
});
