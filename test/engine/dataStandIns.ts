import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

// Stand-ins for the two n8n-nodes-base nodes an example uses to make its sample CSV inside the
// workflow (so it runs wherever it is imported): Edit Fields (Set) and Convert to File → Text.
// They read the same parameters as the real nodes and do the least those do.

function describe(name: string, displayName: string, version: number[], properties: INodeProperties[]): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version,
		description: `Test stand-in for ${displayName}`,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};
}

interface Assignment {
	name: string;
	value: unknown;
}

/** Edit Fields (Set) 3.3+, manual mapping: each assignment becomes a field (expressions resolved by n8n). */
export class SetStandIn implements INodeType {
	description = describe('n8n-nodes-base.set', 'Edit Fields (Set)', [3.3, 3.4], [
		{ displayName: 'Mode', name: 'mode', type: 'string', default: 'manual' },
		{ displayName: 'Fields to Set', name: 'assignments', type: 'assignmentCollection', default: {} },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, itemIndex) => {
				const assignments = this.getNodeParameter('assignments.assignments', itemIndex, []) as Assignment[];
				const json: IDataObject = {};
				for (const { name, value } of assignments) json[name] = value as IDataObject[string];
				return { json, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/** Convert to File 1.1, operation "Convert to Text File": a text field becomes a file. */
export class ConvertToTextFileStandIn implements INodeType {
	description = describe('n8n-nodes-base.convertToFile', 'Convert to File', [1, 1.1], [
		{ displayName: 'Operation', name: 'operation', type: 'string', default: 'csv' },
		{ displayName: 'Text Input Field', name: 'sourceProperty', type: 'string', default: '' },
		{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data' },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: [{ displayName: 'File Name', name: 'fileName', type: 'string', default: '' }],
		},
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			if (this.getNodeParameter('operation', itemIndex) !== 'toText') throw new Error('Only "toText" is stood in');
			const source = this.getNodeParameter('sourceProperty', itemIndex) as string;
			const field = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
			const fileName = this.getNodeParameter('options.fileName', itemIndex, 'file.txt') as string;
			const text = String(this.getInputData()[itemIndex].json[source] ?? '');
			const mimeType = fileName.endsWith('.csv') ? 'text/csv' : 'text/plain';
			const binary = await this.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, mimeType);
			output.push({ json: {}, binary: { [field]: binary }, pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}
