import { requestsTo, useTrilletEmulator } from '../emulator';
import { mulberry32 } from '../contacts/csvFixtures';
import { contactsCsv, startedBatchId } from '../emulator/testClient';
import { callIds, trilletTrigger } from './pollKit';

const HISTORY = '/v2/api/call-history';
const nowSeconds = () => Date.now() / 1000;

describe('Trillet Trigger, polled by n8n-core', () => {
	const emulator = useTrilletEmulator();

	test('the first poll of an activation is quiet: calls that ended before it are not sent', async () => {
		emulator.callHistory.add({ callId: 'before_1', status: 'completed' });
		emulator.callHistory.add({ callId: 'before_2', status: 'failed' });
		emulator.callHistory.add({ callId: 'running', status: 'active' });
		const trigger = trilletTrigger(emulator);

		expect(await trigger.poll()).toEqual([]);

		emulator.callHistory.finish('running');
		emulator.callHistory.add({ callId: 'after', status: 'completed' });
		expect(callIds(await trigger.poll()).sort()).toEqual(['after', 'running']);
		expect(await trigger.poll()).toEqual([]);
	});

	test('across many polls with calls finishing out of order, over several pages, each call comes out once', async () => {
		const random = mulberry32(11);
		const trigger = trilletTrigger(emulator);
		await trigger.poll();
		const running: string[] = [];
		const finished: string[] = [];
		const emitted: string[] = [];
		for (let round = 0; round < 12; round++) {
			// 40 new calls a round, so a window spans several pages of 100
			for (let index = 0; index < 40; index++) running.push(emulator.callHistory.add({ callId: `r${round}_${index}` }).callId);
			// a random half of the running calls end, whatever their age
			for (const callId of [...running]) {
				if (random() < 0.5) continue;
				emulator.callHistory.finish(callId, { status: random() < 0.8 ? 'completed' : 'failed' });
				running.splice(running.indexOf(callId), 1);
				finished.push(callId);
			}
			emitted.push(...callIds(await trigger.poll()));
		}
		for (const callId of running) emulator.callHistory.finish(callId);
		emitted.push(...callIds(await trigger.poll()));

		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual([...finished, ...running].sort());
		expect(requestsTo(emulator, 'GET', HISTORY).some((request) => request.query.page === '3')).toBe(true);
	});

	test('calls that show up while a poll pages through the history are not lost and not sent twice', async () => {
		const trigger = trilletTrigger(emulator);
		await trigger.poll();
		for (let index = 0; index < 250; index++) {
			emulator.callHistory.add({ callId: `c${index}`, timestamp: nowSeconds() - 30, status: 'completed' });
		}
		let late = 0;
		emulator.onRequest = (request) => {
			// a record newer than all others, yet inside the poll's window, lands on page 1 after
			// it was read and shifts every later page down by one
			if (request.path !== HISTORY) return;
			emulator.callHistory.add({ callId: `late${late++}`, timestamp: nowSeconds() - 5, status: 'completed' });
		};

		const first = callIds(await trigger.poll());
		emulator.onRequest = undefined;
		const second = callIds(await trigger.poll());

		const all = [...first, ...second];
		expect(late).toBe(3);
		expect(new Set(all).size).toBe(all.length);
		expect(all).toHaveLength(253);
		// the late calls added after page 1 was read come with the next poll
		expect(second.sort()).toEqual(['late1', 'late2']);
	});

	test('after a restart, the saved state carries on: nothing sent again, nothing missed', async () => {
		const before = trilletTrigger(emulator);
		await before.poll();
		emulator.callHistory.add({ callId: 'one', status: 'completed' });
		emulator.callHistory.add({ callId: 'long', status: 'active' });
		expect(callIds(await before.poll())).toEqual(['one']);
		const saved = before.savedState();
		expect(saved.length).toBeLessThan(2000);

		emulator.callHistory.finish('long');
		emulator.callHistory.add({ callId: 'two', status: 'completed' });
		const after = trilletTrigger(emulator, {}, saved);

		expect(callIds(await after.poll()).sort()).toEqual(['long', 'two']);
	});

	test('a failing first poll throws, so n8n does not activate the workflow', async () => {
		emulator.failNext({ kind: 'status', status: 401, body: { error: 'Invalid API key' } });
		const trigger = trilletTrigger(emulator);

		await expect(trigger.poll()).rejects.toThrow(/401|API key/);
		expect(JSON.parse(trigger.savedState())).toEqual({ 'node:Trillet Trigger': {} });
	});

	test('a later poll that fails keeps its position: the next poll sends what it missed', async () => {
		const trigger = trilletTrigger(emulator);
		await trigger.poll();
		emulator.callHistory.add({ callId: 'missed', status: 'completed' });
		const state = trigger.savedState();
		emulator.failNext({ kind: 'status', status: 401, body: { error: 'Invalid API key' } });

		await expect(trigger.poll()).rejects.toThrow();
		expect(trigger.savedState()).toBe(state);
		expect(callIds(await trigger.poll())).toEqual(['missed']);
	});

	test('the filters go to Trillet, and the outcome filter keeps only those calls', async () => {
		const agentId = emulator.agents[1]._id;
		const trigger = trilletTrigger(emulator, {
			agent: { __rl: true, mode: 'id', value: agentId },
			batchFilter: 'batch_0000000000001',
			outcomes: ['failed', 'voicemail'],
		});
		await trigger.poll();
		const common = { agentId, batchId: 'batch_0000000000001' };
		emulator.callHistory.add({ ...common, callId: 'answered', status: 'completed' });
		emulator.callHistory.add({ ...common, callId: 'failed', status: 'failed' });
		emulator.callHistory.add({ ...common, callId: 'voicemail', status: 'completed', analyzedData: { answered_by_voicemail: true } });
		emulator.callHistory.add({ callId: 'other agent', status: 'failed' });

		expect(callIds(await trigger.poll()).sort()).toEqual(['failed', 'voicemail']);
		const { query } = requestsTo(emulator, 'GET', HISTORY).at(-1)!;
		expect(query).toMatchObject({ agentId, batchId: 'batch_0000000000001', page: '1', limit: '100' });
		expect(Object.keys(JSON.parse(query.dateRange) as object)).toEqual(['from', 'to']);
	});

	test('a finished batch call comes out with the batch’s columns, transcript, summary and recording', async () => {
		const trigger = trilletTrigger(emulator);
		await trigger.poll();
		const batchId = await startedBatchId(emulator, 'phone_number,first_name,crm_id\n+14155550101,Ada,CRM-7\n');
		emulator.advance(batchId, 2);

		const [item] = await trigger.poll();
		expect(item.json).toMatchObject({
			batchId,
			toPhoneNumber: '+14155550101',
			status: 'completed',
			outcome: 'completed',
			variables: { first_name: 'Ada', crm_id: 'CRM-7' },
			summary: 'Spoke with Ada.',
			duration: expect.any(Number),
			cost: expect.any(Number),
			transcript: 'Agent: Hello Ada, this is Trillet calling.\nCustomer: Hi, yes, go ahead.',
			transcriptTurns: [expect.objectContaining({ role: 'agent' }), expect.objectContaining({ role: 'user' })],
			recordingUrl: expect.stringMatching(/^\/v2\/api\/recordings\//),
			callHistoryId: expect.any(String),
			startedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});
	});

	test('Fetch Test Event returns the newest matching finished call and leaves the state alone', async () => {
		emulator.callHistory.add({ callId: 'older', status: 'completed', timestamp: nowSeconds() - 120 });
		emulator.callHistory.add({ callId: 'newer', status: 'completed', timestamp: nowSeconds() - 60 });
		emulator.callHistory.add({ callId: 'running', status: 'active' });
		const trigger = trilletTrigger(emulator);

		expect(callIds(await trigger.fetchTestEvent())).toEqual(['newer']);
		expect(trigger.savedState()).toBe('{}');
	});

	test('Fetch Test Event says so clearly when no call has finished yet', async () => {
		emulator.callHistory.add({ callId: 'running', status: 'active' });

		await expect(trilletTrigger(emulator).fetchTestEvent()).rejects.toThrow('No finished call matches this trigger yet');
	});
});

test('contactsCsv is the emulator’s own helper', () => {
	expect(contactsCsv(1)).toMatch(/^phone_number/);
});
