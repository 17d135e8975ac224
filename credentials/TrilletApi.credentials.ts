import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression } from '../nodes/TrilletBatchCall/transport/baseUrl';

export class TrilletApi implements ICredentialType {
	name = 'trilletApi';

	displayName = 'Trillet API';

	documentationUrl = 'https://docs.trillet.ai/v1/api-reference/introduction';

	icon = {
		light: 'file:../nodes/TrilletBatchCall/trillet.svg',
		dark: 'file:../nodes/TrilletBatchCall/trillet.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			// Shown above the fields (a description is only a hover tooltip).
			displayName:
				'Find both values in Trillet under Settings → Workspace → Developer → API Keys. A workspace owner or admin creates the key (it starts with tk_); the 24-character Workspace ID is shown beside the keys.',
			name: 'whereToFindNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'tk_...',
			description:
				'A workspace owner or admin creates it in Trillet under Settings → Workspace → Developer → API Keys',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '64f1c2a9e4b0a1b2c3d4e5f6',
			description:
				'The 24-character ID of the Trillet workspace the agents and batches belong to, shown beside the API keys',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.trillet.ai',
			description:
				'Change only to go through a regional endpoint or your own proxy; it must serve the same /v1/api paths',
		},
		{
			// n8n 1.x drops the HTTP status before the rules below are read, so it shows its own
			// generic texts (proven in a real n8n 1.123 by npm run test:n8n): say what each means.
			displayName:
				'On n8n 1.x a failed Test credential shows n8n’s general texts: "Authorization failed" means the API key is wrong, "Forbidden" that the key cannot reach this Workspace ID, "could not be found" that the Base URL is wrong.',
			name: 'testResultNotice',
			type: 'notice',
			default: '',
		},
	];

	// Trillet has no bearer token: every request carries both headers.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				'x-workspace-id': '={{$credentials.workspaceId}}',
			},
		},
	};

	// Listing agents is the cheapest call that checks both the key and the workspace.
	test: ICredentialTestRequest = {
		request: {
			// the node's own rule: a trailing slash or a pasted …/v1/api works in Test as in the node
			baseURL: baseUrlExpression(),
			url: '/v1/api/agents',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Trillet did not accept the API key: paste the whole key again (it starts with tk_)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The API key is valid but has no access to this Workspace ID: check the 24-character workspace ID',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answered at this Base URL’s /v1/api/agents: check the Base URL (normally https://api.trillet.ai)',
				},
			},
		],
	};
}
