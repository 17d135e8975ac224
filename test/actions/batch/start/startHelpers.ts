import type { INodeParameters } from 'n8n-workflow';

import { requestsTo, type TrilletEmulator } from '../../../emulator';
import type { WorkflowRun } from '../../../engine/runWorkflow';
import { agentById, runTrilletWorkflow, type TrilletInput } from '../../../engine/trilletWorkflow';

/** Start Batch parameters as a saved workflow holds them, with the emulator's first agent. */
export function startParameters(emulator: TrilletEmulator, extra: INodeParameters = {}): INodeParameters {
	return { operation: 'start', agent: agentById(emulator.agents[0]._id), ...extra };
}

/** Runs Manual Trigger → input → Trillet (Start Batch) in the engine against the emulator. */
export async function runStart(
	emulator: TrilletEmulator,
	input: TrilletInput,
	extra: INodeParameters = {},
	options: Parameters<typeof runTrilletWorkflow>[3] = {},
): Promise<WorkflowRun> {
	return await runTrilletWorkflow(emulator, startParameters(emulator, extra), input, options);
}

/** The batch uploads the emulator received. */
export function uploads(emulator: TrilletEmulator) {
	return requestsTo(emulator, 'POST', '/v1/api/batch-calls');
}
