import {
	echoStartRequest,
	startForm,
	startRequest,
	type StartFields,
} from '../../../../nodes/TrilletBatchCall/actions/batch/start/startRequest';

const csv = { file: new Blob(['phone_number\n+14155550101\n'], { type: 'text/csv' }), sha256: 'a'.repeat(64) };
const fields: StartFields = {
	agentId: '66a0b1c2d3e4f5a6b7c8d901',
	scheduledAt: '2031-07-01T07:00:00Z',
	smartCallbackConfig: '{"enabled":true,"maxAttempts":2,"gaps":[{"days":1,"hours":0}]}',
};

describe('the Start Batch request, one value', () => {
	test('every field is sent, fingerprinted and echoed: changing any one changes the fingerprint', () => {
		const request = startRequest(fields, csv, 'list.csv');
		const sent = [...startForm(request).keys()];

		expect(sent).toEqual(['file', ...Object.keys(fields)]);
		for (const name of Object.keys(fields) as Array<keyof StartFields>) {
			const changed = startRequest({ ...fields, [name]: `${fields[name]}x` }, csv, 'list.csv');
			expect(changed.fingerprint).not.toBe(request.fingerprint);
		}
		expect(startRequest(fields, { ...csv, sha256: 'b'.repeat(64) }, 'list.csv').fingerprint).not.toBe(request.fingerprint);
	});

	test('the same fields in the same file make the same fingerprint, whatever the file is called', () => {
		expect(startRequest({ ...fields }, csv, 'other.csv').fingerprint).toBe(startRequest(fields, csv, 'list.csv').fingerprint);
	});

	test('a field left out is not sent, and is echoed as null', () => {
		const request = startRequest({ ...fields, scheduledAt: undefined, smartCallbackConfig: undefined }, csv, 'list.csv');

		expect([...startForm(request).keys()]).toEqual(['file', 'agentId']);
		expect(echoStartRequest(request)).toEqual({ agentId: fields.agentId, scheduledAt: null, smartCallback: null, fileName: 'list.csv' });
	});

	test('the echo shows the callback settings as an object, as sent', () => {
		expect(echoStartRequest(startRequest(fields, csv, 'list.csv'))).toEqual({
			agentId: fields.agentId,
			scheduledAt: fields.scheduledAt,
			smartCallback: { enabled: true, maxAttempts: 2, gaps: [{ days: 1, hours: 0 }] },
			fileName: 'list.csv',
		});
	});
});
