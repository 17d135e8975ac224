// What every route handler is given: the emulator's state and the request, already read in full.
import type { EmulatedAgent, EmulatorOptions } from './types';
import type { Credentials } from './auth';
import type { BatchStore } from './batchStore';
import type { CallHistory } from './callHistory';
import type { EmulatorResponse } from './http';
import type { RequestBody } from './requestBody';

export interface EmulatorState {
	credentials: Credentials;
	/** The same array as `emulator.agents`: a test may add an agent while the server runs. */
	agents: EmulatedAgent[];
	agentsShape: NonNullable<EmulatorOptions['agentsShape']>;
	now: () => Date;
	repeatCallsPage: boolean;
	/** BENCH MODE (see EmulatorOptions.benchCountLinesOnly). */
	benchCountLinesOnly: boolean;
	store: BatchStore;
	history: CallHistory;
	historyShape: NonNullable<EmulatorOptions['historyShape']>;
}

export interface RouteContext {
	state: EmulatorState;
	/** Path parameters, URL-decoded. */
	params: Record<string, string>;
	query: Record<string, string>;
	body: RequestBody;
}

export type RouteHandler = (context: RouteContext) => EmulatorResponse;
