import 'reflect-metadata';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, INodeType, WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { PollContext } from 'n8n-core';

import type { TrilletEmulator } from '../emulator';
import { TestCredentialsHelper } from '../engine/credentialsHelper';
import { loadNodePackage } from '../engine/nodePackage';
import { TestNodeTypes } from '../engine/nodeTypes';
import { executeAdditionalData } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';

// The Trillet Trigger polled as n8n polls it: poll() called on n8n-core's own PollContext, over
// a Workflow whose node static data is what n8n saves between polls (and after a restart).

export const TRIGGER_TYPE = 'n8n-nodes-trillet.trilletTrigger';

export interface TriggerPoller {
	/** One poll of an active workflow: the items it emits (none: []), or its error. */
	poll(): Promise<INodeExecutionData[]>;
	/** A click on "Fetch Test Event". */
	fetchTestEvent(): Promise<INodeExecutionData[]>;
	/** The node's static data as n8n would store it in the database: JSON text. */
	savedState(): string;
}

export function trilletTrigger(
	emulator: TrilletEmulator,
	parameters: INodeParameters = {},
	restoredState?: string,
): TriggerPoller {
	const pkg = loadNodePackage('source');
	const nodeType = pkg.nodes[TRIGGER_TYPE] as INodeType;
	const node: INode = {
		id: 'trillet-trigger',
		name: 'Trillet Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'callFinished', ...parameters },
		credentials: { trilletApi: { id: 'cred-1', name: 'Trillet account' } },
	};
	const workflow = new Workflow({
		id: 'trigger-workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new TestNodeTypes(pkg.nodes),
		// n8n keeps node static data under "node:<name>"
		staticData: restoredState === undefined ? undefined : (JSON.parse(restoredState) as IDataObject),
	});
	const credentials = new TestCredentialsHelper(pkg.credentials, emulatorCredentials(emulator), () => ({ workflow, node }));
	const additionalData = executeAdditionalData(credentials);
	let polls = 0;

	const run = async (mode: WorkflowExecuteMode, activation: WorkflowActivateMode): Promise<INodeExecutionData[]> => {
		const context = new PollContext(workflow, node, additionalData, mode, activation);
		const result = await (nodeType.poll as NonNullable<INodeType['poll']>).call(context);
		return result?.[0] ?? [];
	};
	return {
		// the first poll of an activation runs as n8n runs it when the workflow is activated
		poll: async () => await run('trigger', polls++ === 0 && restoredState === undefined ? 'activate' : 'init'),
		fetchTestEvent: async () => await run('manual', 'manual'),
		savedState: () => JSON.stringify(workflow.staticData),
	};
}

/** The call IDs of emitted items, in order. */
export function callIds(items: INodeExecutionData[]): string[] {
	return items.map((item) => String(item.json.callId));
}
