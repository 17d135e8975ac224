// Where the bench's clients reach the emulator, and with which keys and agent.
import type { TrilletEmulator } from '../../test/emulator';

export interface EmulatorAddress {
	type: 'ready';
	url: string;
	apiKey: string;
	workspaceId: string;
	agentId: string;
}

export function emulatorAddress(emulator: TrilletEmulator): EmulatorAddress {
	return { type: 'ready', url: emulator.url, apiKey: emulator.apiKey, workspaceId: emulator.workspaceId, agentId: emulator.agents[0]._id };
}
