import { requestsTo, useTrilletEmulator } from '../../emulator';
import { TRILLET } from '../../engine/trilletWorkflow';
import { runTrillet } from '../followKit';

const HISTORY = '/v2/api/call-history';
const history = { resource: 'call', operation: 'getMany', callsOf: 'history' };

describe.each(['array', 'paged'] as const)('Get Many Calls from the call history (answer shape: %s)', (historyShape) => {
	const emulator = useTrilletEmulator({ historyShape });

	test('Return All reads every page and outputs each finished call once, with its transcript as text', async () => {
		for (let index = 0; index < 230; index++) emulator.callHistory.add({ callId: `c${index}`, status: 'completed' });
		emulator.callHistory.add({ callId: 'running' });

		const run = await runTrillet(emulator, { ...history, returnAll: true }, [{}]);

		expect(requestsTo(emulator, 'GET', HISTORY).map((request) => request.query.page)).toEqual(['1', '2', '3']);
		const output = run.output(TRILLET);
		expect(output).toHaveLength(230);
		expect(new Set(output.map((item) => item.json.callId)).size).toBe(230);
		expect(output[0].json).toMatchObject({ status: 'completed', transcript: expect.stringMatching(/^Agent: Hello/), callHistoryId: expect.any(String) });
		expect(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	test('a server that sends the same page again stops with an error that says so', async () => {
		const page = Array.from({ length: 100 }, (_, index) => ({ _id: `h${index}`, callId: `same${index}`, status: 'completed' }));
		emulator.failNext({ kind: 'status', status: 200, body: page }, 2, { path: /call-history$/ });

		const run = await runTrillet(emulator, { ...history, returnAll: true }, [{}]);

		expect(requestsTo(emulator, 'GET', HISTORY)).toHaveLength(2);
		expect(run.error(TRILLET)?.message).toBe('Trillet kept sending the same page of the call history');
		expect(run.error(TRILLET)?.description).toBe('Page 2 held only calls already received (100 different calls so far). Try again later.');
	});

	test('the filters are sent to Trillet; Outcomes and Limit are applied to what comes back', async () => {
		const agentId = emulator.agents[0]._id;
		emulator.callHistory.add({ agentId, callId: 'a', status: 'completed' });
		emulator.callHistory.add({ agentId, callId: 'b', status: 'failed' });
		emulator.callHistory.add({ agentId, callId: 'c', status: 'failed' });

		const run = await runTrillet(
			emulator,
			{
				...history,
				agent: { __rl: true, mode: 'id', value: agentId },
				batchFilter: '',
				outcomes: ['failed'],
				limit: 1,
				startedAfter: '2020-01-01T00:00:00Z',
			},
			[{}],
		);

		const [request] = requestsTo(emulator, 'GET', HISTORY);
		expect(request.query).toMatchObject({ agentId, page: '1', limit: '100' });
		expect(JSON.parse(request.query.dateRange)).toEqual({ from: '2020-01-01T00:00:00.000Z' });
		expect(run.output(TRILLET).map((item) => item.json.callId)).toEqual(['c']);
	});

	test('a date that is not one fails the item, naming the field and the value', async () => {
		const run = await runTrillet(emulator, { ...history, startedBefore: 'next tuesday-ish' }, [{}], { continueOnFail: true });

		expect(run.output(TRILLET)[0].json).toMatchObject({ error: '"next tuesday-ish" in "Started Before" is not a date and time' });
		expect(requestsTo(emulator, 'GET', HISTORY)).toHaveLength(0);
	});
});
