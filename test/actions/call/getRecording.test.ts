import { requestsTo, useTrilletEmulator } from '../../emulator';
import { binaryBytes } from '../../engine/binaryDataMode';
import { TRILLET } from '../../engine/trilletWorkflow';
import { runTrillet } from '../followKit';

describe('Get Recording', () => {
	const emulator = useTrilletEmulator();

	test('puts the call’s audio in a binary field, typed and named as Trillet sends it', async () => {
		const call = emulator.callHistory.add({ callId: 'call_abc', status: 'completed' });

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getRecording' }, [{ callHistoryId: call._id }]);

		expect(requestsTo(emulator, 'GET', `/v2/api/recordings/${call._id}`)).toHaveLength(1);
		const [item] = run.output(TRILLET);
		expect(item.json).toEqual({ callHistoryId: call._id, fileName: 'call_abc.mp3', mimeType: 'audio/mpeg', bytes: expect.any(Number) });
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/mpeg', fileName: 'call_abc.mp3' });
		const bytes = await binaryBytes(item.binary!.data);
		expect(bytes.subarray(0, 3).toString('latin1')).toBe('ID3');
		expect(bytes.toString('latin1')).toContain('recording of call_abc');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('a call without a recording is a 404 in words; with Continue On Fail the other items go on', async () => {
		const unanswered = emulator.callHistory.add({ callId: 'call_none', status: 'failed' });
		const answered = emulator.callHistory.add({ callId: 'call_yes', status: 'completed' });

		const run = await runTrillet(
			emulator,
			{ resource: 'call', operation: 'getRecording', binaryPropertyName: 'audio' },
			[{ callHistoryId: unanswered._id }, { callHistoryId: answered._id }, {}],
			{ continueOnFail: true },
		);

		const [missing, found, empty] = run.output(TRILLET);
		expect(missing.json.error).toMatch(new RegExp(`No recording for call ${unanswered._id}`));
		expect(missing.pairedItem).toEqual({ item: 0 });
		expect(found.binary?.audio?.mimeType).toBe('audio/mpeg');
		expect(found.pairedItem).toEqual({ item: 1 });
		expect(empty.json).toMatchObject({ error: 'Item 2 has no call record ID', errorDescription: expect.stringMatching(/Trillet Trigger/) });
	});

	test.each([
		['a web page', 'Sign in to listen'],
		['JSON', { url: 'https://example.com/call.mp3' }],
	])('%s in place of the audio is an error, not a recording handed on', async (_, body) => {
		const call = emulator.callHistory.add({ callId: 'call_page', status: 'completed' });
		// A string body goes out as text/html.
		emulator.failNext({ kind: 'status', status: 200, body }, 1, { path: /recordings/ });

		const run = await runTrillet(emulator, { resource: 'call', operation: 'getRecording' }, [{ callHistoryId: call._id }]);

		const error = run.error(TRILLET);
		expect(`${error?.message} ${error?.description}`).toMatch(/A recording was expected but the answer began "(Sign in|\{)/);
	});
});
