import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ConvertToTextFileStandIn, SetStandIn } from './dataStandIns';

// Small nodes that stand where n8n-nodes-base would be in a real n8n, so workflow JSON that a
// user imports into n8n runs here too. They do the least their namesake does.

function describe(name: string, displayName: string, extra: Partial<INodeTypeDescription> = {}) {
	return {
		displayName,
		name,
		group: ['transform'],
		version: [1, 1.1, 1.2, 2, 3, 4, 4.1, 4.2, 4.5, 4.6],
		description: `Test stand-in for ${displayName}`,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	} as INodeTypeDescription;
}

/** The Manual Trigger (and Schedule Trigger): starts the run with one empty item. */
export class TriggerStandIn implements INodeType {
	constructor(readonly description: INodeTypeDescription) {}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Any node whose output the workflow pins (a Google Sheets read, a CRM search): n8n never runs it. */
export class PinnedOnlyStandIn implements INodeType {
	constructor(readonly description: INodeTypeDescription) {}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new Error(
			`"${this.getNode().name}" is a test stand-in for ${this.getNode().type}: pin its output data in the workflow`,
		);
	}
}

/** Passes its input on unchanged (a Wait node here does not wait: tests do not sleep). */
export class PassThroughStandIn implements INodeType {
	constructor(readonly description: INodeTypeDescription) {}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Emits one item per file with the file as binary data, stored through n8n's own
 * `prepareBinaryData`, so the binary-data mode in force (memory or filesystem) is the real one.
 */
export class FilesStandIn implements INodeType {
	description = describe('test.files', 'Files', {
		properties: [
			{
				displayName: 'Files',
				name: 'files',
				type: 'json',
				default: '[]',
				description:
					'[{ fileName, mimeType, text? | base64? | path?, binaryPropertyName?, json? }] — one item per file',
			},
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('files', 0) as string | TestFile[];
		const files = (typeof raw === 'string' ? JSON.parse(raw) : raw) as TestFile[];
		const items: INodeExecutionData[] = [];
		for (const file of files) {
			const bytes = await fileBytes(file);
			// the mime type must always be given: without it n8n-core imports the ESM-only file-type
			const binary = { [file.binaryPropertyName ?? 'data']: await this.helpers.prepareBinaryData(bytes, file.fileName, file.mimeType) };
			for (const other of file.more ?? []) {
				binary[other.binaryPropertyName ?? 'data'] = await this.helpers.prepareBinaryData(await fileBytes(other), other.fileName, other.mimeType);
			}
			items.push({ json: file.json ?? {}, binary, pairedItem: { item: 0 } });
		}
		return [items];
	}
}

/**
 * Read/Write Files from Disk, reading one file. A relative path is read from the workflow's own
 * folder, so the examples run from any clone (in n8n, give the full path).
 */
function readFileStandIn(workflowFolder: string): INodeType {
	return {
		description: describe('n8n-nodes-base.readWriteFile', 'Read/Write Files from Disk', {
			properties: [
				{ displayName: 'Operation', name: 'operation', type: 'string', default: 'read' },
				{ displayName: 'File(s) Selector', name: 'fileSelector', type: 'string', default: '' },
			],
		}),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const filePath = path.resolve(workflowFolder, this.getNodeParameter('fileSelector', 0) as string);
			const mimeType = filePath.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
			const binary = await this.helpers.prepareBinaryData(await readFile(filePath), path.basename(filePath), mimeType);
			return [[{ json: {}, binary: { data: binary }, pairedItem: { item: 0 } }]];
		},
	};
}

export interface TestFile {
	fileName: string;
	mimeType: string;
	text?: string;
	base64?: string;
	path?: string;
	binaryPropertyName?: string;
	json?: IDataObject;
	/** Further files in other binary fields of the same item. */
	more?: TestFile[];
}

async function fileBytes(file: TestFile): Promise<Buffer> {
	if (file.path !== undefined) return await readFile(file.path);
	if (file.base64 !== undefined) return Buffer.from(file.base64, 'base64');
	return Buffer.from(file.text ?? '', 'utf8');
}

/** The n8n-nodes-base types our examples and tests use, by kind of stand-in. */
export function standInNodeTypes(workflowFolder: string): Record<string, INodeType> {
	const trigger = (name: string, displayName: string) =>
		new TriggerStandIn(describe(name, displayName, { group: ['trigger'], inputs: [] }));
	const pinned = (name: string, displayName: string) =>
		new PinnedOnlyStandIn(describe(name, displayName));
	const passThrough = (name: string, displayName: string) =>
		new PassThroughStandIn(describe(name, displayName));
	return {
		'n8n-nodes-base.manualTrigger': trigger('n8n-nodes-base.manualTrigger', 'Manual Trigger'),
		'n8n-nodes-base.scheduleTrigger': trigger('n8n-nodes-base.scheduleTrigger', 'Schedule Trigger'),
		'n8n-nodes-base.googleSheets': pinned('n8n-nodes-base.googleSheets', 'Google Sheets'),
		'n8n-nodes-base.hubspot': pinned('n8n-nodes-base.hubspot', 'HubSpot'),
		'n8n-nodes-base.gmail': pinned('n8n-nodes-base.gmail', 'Gmail'),
		'n8n-nodes-base.httpRequest': pinned('n8n-nodes-base.httpRequest', 'HTTP Request'),
		'n8n-nodes-base.wait': passThrough('n8n-nodes-base.wait', 'Wait'),
		'n8n-nodes-base.noOp': passThrough('n8n-nodes-base.noOp', 'No Operation'),
		'n8n-nodes-base.readWriteFile': readFileStandIn(workflowFolder),
		'n8n-nodes-base.set': new SetStandIn(),
		'n8n-nodes-base.convertToFile': new ConvertToTextFileStandIn(),
		'test.files': new FilesStandIn(),
	};
}
