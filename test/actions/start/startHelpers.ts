import type { INodeParameters } from 'n8n-workflow';

import type { TrilletEmulator } from '../../emulator';
import { runWorkflow, type RunOptions, type WorkflowRun } from '../../engine/runWorkflow';
import { agentById, emulatorCredentials, trilletWorkflow, type TrilletInput } from '../../engine/trilletWorkflow';

/** Start Batch parameters as a saved workflow holds them, with the emulator's first agent. */
export function startParameters(emulator: TrilletEmulator, extra: INodeParameters = {}): INodeParameters {
	return { operation: 'start', agent: agentById(emulator.agents[0]._id), ...extra };
}

/** Runs Manual Trigger → input → Trillet (Start Batch) in the engine against the emulator. */
export async function runStart(
	emulator: TrilletEmulator,
	input: TrilletInput,
	extra: INodeParameters = {},
	options: RunOptions & { nodeSettings?: Record<string, unknown> } = {},
): Promise<WorkflowRun> {
	const { nodeSettings, ...runOptions } = options;
	return await runWorkflow(trilletWorkflow(startParameters(emulator, extra), input, nodeSettings), {
		credentials: emulatorCredentials(emulator),
		...runOptions,
	});
}

/** The batch uploads the emulator received. */
export function uploads(emulator: TrilletEmulator) {
	return emulator.requests.filter((request) => request.method === 'POST' && request.path === '/v1/api/batch-calls');
}
