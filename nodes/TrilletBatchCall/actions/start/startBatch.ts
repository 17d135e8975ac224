import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../helpers/nodeErrors';
import { trilletRequest, type TrilletRequest } from '../../transport';
import { ledgerKey, startLedger, type StartBatchResponse } from './startLedger';

/** Everything one `POST /v1/api/batch-calls` sends. */
export interface BatchUpload {
	csv: Uint8Array;
	fileName: string;
	agentId: string;
	scheduledAt?: string;
	smartCallbackConfig?: string;
}

/** What a start gave back: the API's answer, and whether an earlier try in this run had it. */
export interface StartedBatch {
	response: StartBatchResponse;
	/** True when "Retry On Fail" ran the node again and this batch had already started. */
	reused: boolean;
}

/** Uploads the batch once, and never again within this execution whatever happens. */
export async function startBatch(
	context: IExecuteFunctions,
	upload: BatchUpload,
	itemIndex: number,
): Promise<StartedBatch> {
	const key = ledgerKey({
		executionId: context.getExecutionId(),
		nodeName: context.getNode().name,
		itemIndex,
		agentId: upload.agentId,
		csvBytes: upload.csv.byteLength,
		scheduledAt: upload.scheduledAt,
	});
	const earlier = startLedger.find(key);
	if (earlier?.outcome === 'started') return { response: earlier.response, reused: true };
	if (earlier?.outcome === 'unknown') {
		throw new NodeOperationError(context.getNode(), 'This batch was not sent again: an earlier try in this run may already have started it', {
			itemIndex,
			description: `${earlier.reason} Check the batch list in Trillet; run the workflow again only if the batch is not there.`,
		});
	}
	try {
		const response = (await trilletRequest.call(context, uploadRequest(upload, itemIndex))) as StartBatchResponse;
		startLedger.record(key, { outcome: 'started', response });
		return { response, reused: false };
	} catch (error) {
		if (mayHaveStarted(error)) {
			startLedger.record(key, { outcome: 'unknown', reason: (error as Error).message + '.' });
		}
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

function uploadRequest(upload: BatchUpload, itemIndex: number): TrilletRequest {
	const form = new FormData();
	// Node's own FormData writes the multipart boundary; no Content-Type is set by hand.
	form.append('file', new Blob([upload.csv], { type: 'text/csv' }), upload.fileName);
	form.append('agentId', upload.agentId);
	if (upload.scheduledAt !== undefined) form.append('scheduledAt', upload.scheduledAt);
	if (upload.smartCallbackConfig !== undefined) form.append('smartCallbackConfig', upload.smartCallbackConfig);
	return {
		method: 'POST',
		path: '/v1/api/batch-calls',
		body: form,
		action: 'start the batch',
		startsCalls: true,
		notFound: `Trillet found no agent "${upload.agentId}" in this workspace`,
		itemIndex,
		timeoutMs: 300_000,
	};
}

/** A failure after which Trillet may hold the batch: a 5xx, a timeout or a dropped connection. */
function mayHaveStarted(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	if (Number.isFinite(status) && status > 0) return status >= 500;
	return !/ECONNREFUSED|ENOTFOUND/.test(String((error.errorResponse as { networkError?: unknown })?.networkError));
}
