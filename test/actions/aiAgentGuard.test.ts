import { requestsTo, useTrilletEmulator } from '../emulator';
import { contactsCsv } from '../emulator/testClient';
import { agentById, csvFile, runTrilletWorkflow, TRILLET, TRILLET_NODE_TYPE } from '../engine/trilletWorkflow';
import { nodeProperties } from '../../nodes/TrilletBatchCall/actions/description';
import { batchOf, runTrillet } from './followKit';

// n8n runs a node as an AI agent's tool under the type `<node type>Tool`.
const AS_TOOL = { type: `${TRILLET_NODE_TYPE}Tool` };

describe('Trillet Batch Call used as an AI agent’s tool', () => {
	const emulator = useTrilletEmulator();

	test('Start Batch refuses, in words that say how to allow it, and sends nothing', async () => {
		const run = await runTrilletWorkflow(
			emulator,
			{ operation: 'start', agent: agentById(emulator.agents[0]._id) },
			{ files: [csvFile(contactsCsv(2))] },
			{ nodeSettings: AS_TOOL },
		);

		expect(run.error(TRILLET)?.message).toBe('An AI agent may not run "Start Batch" here: it would start or stop real phone calls');
		expect(run.error(TRILLET)?.description).toMatch(/Turn on "Allow an AI Agent to Start or Cancel Calls"/);
		expect(requestsTo(emulator, 'POST', '/v1/api/batch-calls')).toHaveLength(0);
	});

	test('Cancel Batch refuses too, and the batch goes on', async () => {
		const batchId = await batchOf(emulator, 3);

		const run = await runTrillet(emulator, { operation: 'cancel' }, [{ batchId }], AS_TOOL);

		expect(run.error(TRILLET)?.message).toMatch(/may not run "Cancel Batch"/);
		expect(requestsTo(emulator, 'DELETE', /batch-calls/)).toHaveLength(0);
		expect(emulator.batches()[0].status).toBe('queued');
	});

	test('with the option on, the agent may cancel', async () => {
		const batchId = await batchOf(emulator, 3);

		const run = await runTrillet(emulator, { operation: 'cancel', allowAiAgentToPlaceCalls: true }, [{ batchId }], AS_TOOL);

		expect(run.error(TRILLET)).toBeUndefined();
		expect(run.output(TRILLET)[0].json).toMatchObject({ batchId, status: 'cancelled' });
	});

	test('reading needs no permission: Get Batch and Get Many Calls run as a tool', async () => {
		const batchId = await batchOf(emulator, 2);

		const batch = await runTrillet(emulator, { operation: 'get' }, [{ batchId }], AS_TOOL);
		const calls = await runTrillet(emulator, { resource: 'call', operation: 'getMany', returnAll: true }, [{ batchId }], AS_TOOL);

		expect(batch.output(TRILLET)[0].json).toMatchObject({ batchId, totalCalls: 2 });
		expect(calls.output(TRILLET)).toHaveLength(2);
	});

	test('as a plain node, the option is not needed (and not shown)', async () => {
		const run = await runTrillet(emulator, { operation: 'cancel' }, [{ batchId: await batchOf(emulator, 1) }]);

		expect(run.error(TRILLET)).toBeUndefined();
		const option = nodeProperties.find((property) => property.name === 'allowAiAgentToPlaceCalls');
		expect(option?.displayOptions?.show).toEqual({ '@tool': [true], resource: ['batch'], operation: ['start', 'cancel'] });
		expect(option?.default).toBe(false);
	});
});
