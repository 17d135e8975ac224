// The Trillet API emulator: a real HTTP server that answers as the documented API does.
export { requestsTo } from './requestsTo';
export { startTrilletEmulator } from './server';
export { useTrilletEmulator } from './useTrilletEmulator';
export { createDefaultAgents, DEFAULT_API_KEY, DEFAULT_WORKSPACE_ID } from './fixtures';
export type {
	BatchStatus,
	CallStatus,
	EmulatedAgent,
	EmulatedBatch,
	EmulatedCall,
	EmulatedCallHistory,
	EmulatedHistoryCall,
	HistoryCallInput,
	EmulatorOptions,
	Fault,
	FaultMatch,
	RecordedFile,
	RecordedRequest,
	SmartCallbackConfig,
	TrilletEmulator,
} from './types';
