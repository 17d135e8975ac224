import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// The fields that say which batch (and which call) an operation is about. Their defaults read
// the incoming item, so the node chains straight after Start Batch or Get Calls.

export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	default: '={{ $json.batchId }}',
	required: true,
	placeholder: 'e.g. batch_1712345678901',
	description:
		'The batch to work on. By default the batchId of the incoming item, so this node can follow a Start Batch node directly.',
};

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '={{ $json.jobId }}',
	required: true,
	placeholder: 'e.g. batch_1712345678901_1',
	description:
		'The call to get, as Trillet names it in the batch. By default the jobId of the incoming item, so this node can follow Get Calls directly.',
};

/** The batch ID of an item, or an error naming the item when it is empty. */
export function readBatchId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredId(context, itemIndex, 'batchId', {
		what: 'batch ID',
		fix: 'Set "Batch ID", or connect this node after Start Batch: by default it reads {{ $json.batchId }} from the incoming item',
	});
}

/** The job ID of an item, or an error naming the item when it is empty. */
export function readJobId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredId(context, itemIndex, 'jobId', {
		what: 'job ID',
		fix: 'Set "Job ID", or connect this node after Get Calls: by default it reads {{ $json.jobId }} from the incoming item',
	});
}

/** A required ID parameter of an item, trimmed, or an error naming the item and what to do. */
export function readRequiredId(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	words: { what: string; fix: string },
): string {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '') {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no ${words.what}`, {
			itemIndex,
			description: words.fix,
		});
	}
	return id;
}

/** The API path of a batch, or of something under it; IDs are encoded as path segments. */
export function batchPath(batchId: string, ...under: string[]): string {
	const segments = [batchId, ...under].map((segment) => encodeURIComponent(segment));
	return `/v1/api/batch-calls/${segments.join('/')}`;
}

/** The 404 message of any request about a batch. */
export function batchNotFound(batchId: string): string {
	return `Batch not found: ${batchId}`;
}
