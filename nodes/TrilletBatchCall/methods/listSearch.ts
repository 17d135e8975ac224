import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { trilletRequest } from '../transport';

interface TrilletAgent {
	_id?: string;
	id?: string;
	name?: string;
	status?: string;
}

/** `GET /v1/api/agents` answers a bare array; some accounts see it wrapped in `data` or `agents`. */
export function agentsFrom(response: unknown): TrilletAgent[] {
	if (Array.isArray(response)) return response as TrilletAgent[];
	const wrapped = response as { data?: unknown; agents?: unknown } | null;
	if (Array.isArray(wrapped?.data)) return wrapped.data as TrilletAgent[];
	if (Array.isArray(wrapped?.agents)) return wrapped.agents as TrilletAgent[];
	return [];
}

/** The workspace's agents for the Agent picker, filtered by what the user types. */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await trilletRequest.call(this, {
		method: 'GET',
		path: '/v1/api/agents',
		action: 'list the agents',
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = agentsFrom(response)
		.map((agent) => ({ id: agent._id ?? agent.id ?? '', name: agent.name ?? '', status: agent.status }))
		.filter((agent) => agent.id !== '')
		.filter((agent) => !needle || `${agent.name} ${agent.id}`.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((agent) => ({
			name: agent.status && agent.status !== 'ready' ? `${agent.name} (${agent.status})` : agent.name || agent.id,
			value: agent.id,
		}));
	return { results };
}
