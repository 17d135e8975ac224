import { buildSmartCallbackConfig } from '../../nodes/TrilletBatchCall/helpers/smartCallbackConfig';

describe('the smart callback settings', () => {
	test('become the documented config with numbers as numbers', () => {
		expect(JSON.stringify(buildSmartCallbackConfig('3', [{ days: '1', hours: 0 }]))).toBe(
			'{"enabled":true,"maxAttempts":3,"gaps":[{"days":1,"hours":0}]}',
		);
	});

	test.each([
		[0, [{ days: 1 }], /Max Attempts must be a whole number from 1 to 10, not "0"/],
		[2.5, [{ days: 1 }], /Max Attempts/],
		[3, [], /no gap between attempts is set/],
		[3, [{ days: 0, hours: 0 }], /Gap 1 is 0 days and 0 hours/],
		[3, [{ days: 1, hours: 24 }], /Gap 1 hours must be a whole number from 0 to 23/],
		[3, [{ days: 'soon' }], /Gap 1 days/],
	])('%j with gaps %j is refused', (attempts, gaps, message) => {
		expect(() => buildSmartCallbackConfig(attempts, gaps)).toThrow(message);
	});
});
