import 'reflect-metadata';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	IPinData,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { useBinaryDataMode, type BinaryDataMode } from './binaryDataMode';
import { TestCredentialsHelper } from './credentialsHelper';
import { loadNodePackage, type LoadedPackage, type PackageSource } from './nodePackage';
import { TestNodeTypes } from './nodeTypes';
import { standInNodeTypes } from './standInNodes';

/** A workflow as n8n exports it (the JSON a user imports or copies from the canvas). */
export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
	settings?: IWorkflowSettings;
}

export interface RunOptions {
	/** Decrypted credential values by credential type, e.g. `{ trilletApi: { apiKey, … } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	binaryDataMode?: BinaryDataMode;
	/** The trigger to start from, when the workflow has several. */
	startNode?: string;
	/** `manual` is a click on "Execute workflow"; `trigger` a scheduled run. */
	mode?: WorkflowExecuteMode;
	/** Which build of the package to load: the sources (tests), `dist/` (demo, bench) or an install. */
	packageFrom?: PackageSource;
	/** Where relative file paths in the workflow point (an example's folder); default: cwd. */
	workflowFolder?: string;
	/** More node types by name, e.g. n8n's own HTTP Request node for the bench's second baseline. */
	extraNodeTypes?: Record<string, INodeType | IVersionedNodeType>;
}

/** What a run left behind, read the way the n8n editor shows it. */
export interface WorkflowRun {
	run: IRun;
	/** Names of the nodes that ran, in order. */
	executedNodes: string[];
	/** The items a node put out on its first output (empty when it failed or did not run). */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node stopped the workflow with, if any. */
	error(nodeName: string): (Error & { description?: string | null; context?: object }) | undefined;
}

const packages = new Map<string, LoadedPackage>();
let executions = 0;

function packageFrom(from: PackageSource): LoadedPackage {
	const key = JSON.stringify(from);
	let loaded = packages.get(key);
	if (loaded === undefined) {
		loaded = loadNodePackage(from);
		packages.set(key, loaded);
	}
	return loaded;
}

/** Runs a workflow in n8n-core's own WorkflowExecute, as the n8n editor or a trigger would. */
export async function runWorkflow(json: WorkflowJson, options: RunOptions = {}): Promise<WorkflowRun> {
	await useBinaryDataMode(options.binaryDataMode ?? 'default');
	const pkg = packageFrom(options.packageFrom ?? 'source');
	const nodeTypes = new TestNodeTypes({
		...standInNodeTypes(options.workflowFolder ?? process.cwd()),
		...pkg.nodes,
		...options.extraNodeTypes,
	});
	const workflow = new Workflow({
		id: 'test-workflow',
		name: json.name ?? 'Test workflow',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		settings: json.settings,
		pinData: json.pinData,
	});
	const credentialsHelper = new TestCredentialsHelper(pkg.credentials, options.credentials ?? {}, () => ({
		workflow,
		node: json.nodes[0],
	}));

	const mode = options.mode ?? 'manual';
	// Like n8n, every run is a new execution with an ID of its own.
	const executionId = `test-execution-${++executions}`;
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: json.nodes,
		connections: json.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => void executedNodes.push(nodeName));

	const additionalData = executeAdditionalData(credentialsHelper, hooks, executionId);
	const startNode = options.startNode ? workflow.getNode(options.startNode) : undefined;
	if (options.startNode && !startNode) throw new Error(`No node named "${options.startNode}"`);
	const run = await startRun(new WorkflowExecute(additionalData, mode), workflow, startNode ?? undefined, json.pinData);
	return describeRun(run, executedNodes);
}

/** n8n-core 2.x takes the run's options as one object; 1.x (see test/compat) took them in order. */
async function startRun(engine: WorkflowExecute, workflow: Workflow, startNode: INode | undefined, pinData?: IPinData): Promise<IRun> {
	const positional = engine.run as unknown as (...args: unknown[]) => Promise<IRun>;
	if (engine.run.length > 1) return await positional.call(engine, workflow, startNode, undefined, pinData);
	return await engine.run({ workflow, startNode, pinData });
}

function describeRun(run: IRun, executedNodes: string[]): WorkflowRun {
	const taskOf = (nodeName: string) => run.data.resultData.runData[nodeName]?.[0];
	return {
		run,
		executedNodes,
		output: (nodeName) => taskOf(nodeName)?.data?.main?.[0] ?? [],
		error: (nodeName) => taskOf(nodeName)?.error as ReturnType<WorkflowRun['error']>,
	};
}

/** The host services a node may reach through the engine; tests need only a few of them. */
export function executeAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	const unavailable = (what: string) => async () => {
		throw new Error(`${what} is not available in the test engine`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		executeWorkflow: unavailable('Executing a sub-workflow'),
		getRunExecutionData: unavailable('Reading another execution'),
		getRuntimeCredential: unavailable('Runtime credentials'),
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: async () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}
