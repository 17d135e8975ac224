// The emulator's default credentials and agents: valid-looking values in the documented formats.
import type { EmulatedAgent } from './types';

export const DEFAULT_API_KEY = 'tk_test_4f9c2a7e1b8d3c6a5e0f9b2d';
/** Workspace ids are 24 hex characters (a MongoDB ObjectId). */
export const DEFAULT_WORKSPACE_ID = '65f1a2b3c4d5e6f708192a3b';

const CREATED_AT = '2025-01-06T09:00:00.000Z';
const UPDATED_AT = '2025-03-14T16:30:00.000Z';

/** Three ready voice agents in the given workspace, as `GET /v1/api/agents` lists them. */
export function createDefaultAgents(workspaceId: string = DEFAULT_WORKSPACE_ID): EmulatedAgent[] {
	const agent = (_id: string, name: string, voiceName: string): EmulatedAgent => ({
		_id,
		name,
		workspaceId,
		type: 'voice',
		status: 'ready',
		llmModel: 'gpt-4o-mini',
		ttsModel: { provider: 'cartesia', voiceId: `voice_${_id.slice(-4)}`, name: voiceName, language: 'en' },
		createdAt: CREATED_AT,
		updatedAt: UPDATED_AT,
	});
	return [
		agent('66a0b1c2d3e4f5a6b7c8d901', 'Appointment Reminder', 'Sarah'),
		agent('66a0b1c2d3e4f5a6b7c8d902', 'Customer Survey', 'James'),
		agent('66a0b1c2d3e4f5a6b7c8d903', 'Payment Follow-up', 'Maria'),
	];
}
