import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { TrilletEmulator } from '../emulator';
import { runWorkflow, type RunOptions, type WorkflowJson, type WorkflowRun } from './runWorkflow';
import type { TestFile } from './standInNodes';

export const TRILLET_NODE_TYPE = 'n8n-nodes-trillet.trilletBatchCall';
/** The name of the Trillet node in workflows built here. */
export const TRILLET = 'Trillet';

/** What feeds the Trillet node: CSV files (one item each), or rows pinned on a Google Sheets node. */
export type TrilletInput = { files: TestFile[] } | { rows: IDataObject[] } | { items: IDataObject[] };

/**
 * Manual Trigger → (Files | Google Sheets with pinned rows) → Trillet, as a user would build it.
 * `settings` are the node's own settings, e.g. `{ continueOnFail: true }`.
 */
export function trilletWorkflow(
	parameters: INodeParameters,
	input: TrilletInput,
	settings: Partial<INode> = {},
): WorkflowJson {
	const source = sourceNode(input);
	return { ...chainedWorkflow('Trillet test workflow', [source.node, trilletNode(parameters, settings)]), pinData: source.pinData };
}

/** The Trillet node named TRILLET with `parameters`; `settings` override the rest (name, credentials, Continue On Fail …). */
export function trilletNode(parameters: INodeParameters, settings: Partial<INode> = {}): INode {
	return {
		id: 'trillet',
		name: TRILLET,
		type: TRILLET_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { trilletApi: { id: 'cred-1', name: 'Trillet account' } },
		...settings,
	};
}

/** Manual Trigger → each of `nodes` in turn, laid out left to right. */
export function chainedWorkflow(name: string, nodes: INode[]): WorkflowJson {
	const start: INode = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const chain = [start, ...nodes];
	const connections: WorkflowJson['connections'] = {};
	for (let index = 1; index < chain.length; index++) {
		connections[chain[index - 1].name] = { main: [[{ node: chain[index].name, type: NodeConnectionTypes.Main, index: 0 }]] };
	}
	return { name, nodes: chain.map((node, index) => ({ ...node, position: [220 * index, 0] })), connections };
}

function sourceNode(input: TrilletInput): { node: INode; pinData?: WorkflowJson['pinData'] } {
	if ('files' in input) return { node: filesNode(input.files) };
	const rows = 'rows' in input ? input.rows : input.items;
	return {
		node: { id: 'sheet', name: 'Sheet', type: 'n8n-nodes-base.googleSheets', typeVersion: 4.5, position: [220, 0], parameters: {} },
		pinData: { Sheet: rows.map((json) => ({ json })) },
	};
}

/** The Files stand-in, emitting one item per file (stored in the binary-data mode in force). */
export function filesNode(files: TestFile[]): INode {
	return { id: 'files', name: 'Files', type: 'test.files', typeVersion: 1, position: [220, 0], parameters: { files: JSON.stringify(files) } };
}

/** A CSV file as the Files stand-in emits it. */
export function csvFile(text: string, fileName = 'contacts.csv', extra: Partial<TestFile> = {}): TestFile {
	return { fileName, mimeType: 'text/csv', text, ...extra };
}

/** The credential values that reach the emulator (a running one, or its address as the bench passes it on). */
export function emulatorCredentials(emulator: Pick<TrilletEmulator, 'url' | 'apiKey' | 'workspaceId'>) {
	return { trilletApi: { apiKey: emulator.apiKey, workspaceId: emulator.workspaceId, baseUrl: emulator.url } };
}

/** The Agent field set by ID, as a saved workflow stores a resource locator. */
export function agentById(id: string) {
	return { __rl: true, mode: 'id', value: id };
}

/**
 * Runs Manual Trigger → input → Trillet in the engine against the emulator; `nodeSettings` are
 * the Trillet node's own settings (Continue On Fail, Retry On Fail …).
 */
export async function runTrilletWorkflow(
	emulator: TrilletEmulator,
	parameters: INodeParameters,
	input: TrilletInput,
	{ nodeSettings, ...runOptions }: RunOptions & { nodeSettings?: Partial<INode> } = {},
): Promise<WorkflowRun> {
	return await runWorkflow(trilletWorkflow(parameters, input, nodeSettings), {
		credentials: emulatorCredentials(emulator),
		...runOptions,
	});
}
