import type {
	ICredentialDataDecryptedObject,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeType,
	IRunExecutionData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { useBinaryDataMode } from './binaryDataMode';
import { TestCredentialsHelper } from './credentialsHelper';
import { loadNodePackage } from './nodePackage';
import { TestNodeTypes } from './nodeTypes';
import { executeAdditionalData } from './runWorkflow';

/**
 * Clicks "Test credential" the way n8n's CredentialsTester does for a credential that declares
 * a `test` request: a temporary node whose only field routes that request, run by n8n-core's
 * RoutingNode with the credential's authentication applied; any non-2xx answer is a failure,
 * worded by the credential's `rules` where one matches.
 */
export async function testCredential(
	typeName: string,
	values: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	await useBinaryDataMode('default');
	const { credentials } = loadNodePackage('source');
	const credentialType = credentials[typeName];
	const testRequest = credentialType?.test;
	if (!testRequest) return { status: 'Error', message: 'No testing function found for this credential.' };

	const tempType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp.credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: testRequest.request } },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: 'test', name: 'Test credential' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ 'temp.credentialTest': tempType }),
	});
	const helper = new TestCredentialsHelper(credentials, { [typeName]: values }, () => ({ workflow, node }));
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(workflow, node, executeAdditionalData(helper), 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, executeData, []);
	const decrypted = { id: 'test', name: 'Test credential', type: typeName, data: await helper.getDecrypted(undefined, undefined, typeName) };

	try {
		await new RoutingNode(context, tempType, decrypted).runNode();
	} catch (error) {
		return failedTest(error, testRequest.rules);
	}
	return { status: 'OK', message: 'Connection successful!' };
}

type Rules = NonNullable<NonNullable<ReturnType<typeof loadNodePackage>['credentials'][string]['test']>['rules']>;

function failedTest(error: unknown, rules: Rules | undefined): INodeCredentialTestResult {
	const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
	if (cause?.response) {
		const { status, statusText } = cause.response;
		for (const rule of rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
	}
	if (cause?.code) return { status: 'Error', message: cause.code };
	return { status: 'Error', message: (error as Error).message };
}
