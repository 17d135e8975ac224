// The two headers every /v1/api request carries: x-api-key (checked first) and x-workspace-id.
import type { IncomingHttpHeaders } from 'node:http';
import { type EmulatorResponse, jsonResponse } from './http';

export interface Credentials {
	apiKey: string;
	workspaceId: string;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The rejection to send, or undefined when both headers are right. */
export function checkCredentials(headers: IncomingHttpHeaders, expected: Credentials): EmulatorResponse | undefined {
	const apiKey = headerValue(headers, 'x-api-key');
	if (apiKey === undefined || apiKey !== expected.apiKey) {
		return jsonResponse(401, { error: { code: 'unauthorized', message: 'Invalid or missing API key' } });
	}
	const workspaceId = headerValue(headers, 'x-workspace-id');
	if (workspaceId === undefined || workspaceId === '') {
		// ASSUMPTION (undocumented): the wording; the status (400) is the brief's, the shape the batch pages' one.
		return jsonResponse(400, { error: 'Workspace ID is required', message: 'Send the x-workspace-id header' });
	}
	if (workspaceId !== expected.workspaceId) {
		return jsonResponse(403, { error: 'Workspace not found or access denied' });
	}
	return undefined;
}
