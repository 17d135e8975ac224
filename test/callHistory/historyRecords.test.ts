import { describeCall, hasOutcome, historyRecordsFrom, isFinished, transcriptText } from '../../nodes/TrilletBatchCall/callHistory';

describe('call-history records', () => {
	test('the documented bare array is read, and so are the paged wrappers clients meet', () => {
		const records = [{ callId: 'a' }];
		expect(historyRecordsFrom(records)).toBe(records);
		expect(historyRecordsFrom({ data: records, pagination: {} })).toBe(records);
		expect(historyRecordsFrom({ callHistories: records })).toBe(records);
		expect(historyRecordsFrom({ error: 'nope' })).toBeUndefined();
	});

	test('a call is finished once its status is no longer a running one', () => {
		expect(['active', 'in-progress', 'ongoing', ''].map((status) => isFinished({ status }))).toEqual([false, false, false, false]);
		expect(['completed', 'failed', 'no-answer', 'busy'].map((status) => isFinished({ status }))).toEqual([true, true, true, true]);
	});

	test('voicemail is read from analyzedData; no outcome asked means any', () => {
		const voicemail = { status: 'completed', analyzedData: { answered_by_voicemail: true } };
		expect(hasOutcome(voicemail, ['voicemail'])).toBe(true);
		expect(hasOutcome(voicemail, ['failed'])).toBe(false);
		expect(hasOutcome({ status: 'failed' }, [])).toBe(true);
		expect(describeCall(voicemail).outcome).toBe('voicemail');
	});

	test('the transcript becomes one text, agent and customer named', () => {
		expect(
			transcriptText([
				{ role: 'assistant', content: 'Hello' },
				{ role: 'user', text: 'Hi' },
				'plain line',
			]),
		).toBe('Agent: Hello\nCustomer: Hi\nplain line');
		expect(transcriptText(undefined)).toBe('');
	});

	test('the single record’s cost object becomes the charge, the list’s number stays', () => {
		expect(describeCall({ cost: { customer_charge: 0.1 } }).cost).toBe(0.1);
		expect(describeCall({ cost: 0.25 }).cost).toBe(0.25);
	});
});
