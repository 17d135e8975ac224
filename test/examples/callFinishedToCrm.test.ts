import { useTrilletEmulator } from '../emulator';
import { startedBatchId } from '../emulator/testClient';
import { loadExample } from '../engine/examples';
import { runWorkflow, type WorkflowRun } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';

describe('the example "when a call ends, update the CRM contact" runs as imported', () => {
	const emulator = useTrilletEmulator(undefined, { resetBeforeEach: false });
	let run: WorkflowRun;
	let batchId: string;

	beforeAll(async () => {
		batchId = await startedBatchId(emulator, 'phone_number,first_name,crm_id\n+14155550101,Ada,CRM-7\n');
		emulator.advance(batchId, 2);
		// "Fetch Test Event" on the trigger, then the rest of the workflow, as a click in the editor runs it
		run = await runWorkflow(loadExample('call-finished-to-crm.json', emulator.agents[0]._id), {
			startNode: 'When a call ends',
			credentials: emulatorCredentials(emulator),
		});
	});

	test('every node ran, from the trigger to the CRM update', () => {
		expect(run.executedNodes).toEqual(['When a call ends', 'Map the call to CRM fields', 'Update the CRM contact']);
	});

	test('the trigger asked the call history for the finished call', () => {
		expect(emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v2/api/call-history', query: { page: '1', limit: '100' } });
		expect(run.output('When a call ends')[0].json).toMatchObject({ batchId, status: 'completed', variables: { crm_id: 'CRM-7' } });
	});

	test('the CRM record named by the batch’s crm_id column gets the outcome, summary and recording', () => {
		const [update] = run.output('Map the call to CRM fields');
		expect(update.json).toEqual({
			crmId: 'CRM-7',
			lastCallOutcome: 'completed',
			lastCallSummary: 'Spoke with Ada.',
			lastCallAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			lastCallRecording: expect.stringMatching(/^\/v2\/api\/recordings\//),
		});
		expect(update.pairedItem).toEqual({ item: 0 });
	});
});
