import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../helpers/nodeErrors';
import { mayHaveStarted, trilletRequest, type TrilletRequest } from '../../transport';
import { ledgerKey, startLedgerOf, type StartBatchResponse } from './startLedger';

/** Everything one `POST /v1/api/batch-calls` sends. */
export interface BatchUpload {
	/** The CSV exactly as it is sent, typed text/csv. */
	file: Blob;
	/** uploadFingerprint of the CSV's bytes and the fields below. */
	fingerprint: string;
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

/** Uploads the batch, unless an earlier try of this node in this execution started it or may have. */
export async function startBatch(context: IExecuteFunctions, upload: BatchUpload, itemIndex: number): Promise<StartedBatch> {
	const startLedger = startLedgerOf(context);
	const key = ledgerKey({ runIndex: runIndexOf(context, itemIndex), itemIndex, fingerprint: upload.fingerprint });
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
			startLedger.record(key, { outcome: 'unknown', reason: `${(error as Error).message}.` });
		}
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

/** How many times this node already ran in this execution (a loop), through the public `$runIndex`. */
function runIndexOf(context: IExecuteFunctions, itemIndex: number): number {
	return Number(context.evaluateExpression('{{ $runIndex }}', itemIndex)) || 0;
}

function uploadRequest(upload: BatchUpload, itemIndex: number): TrilletRequest {
	const form = new FormData();
	// Node's own FormData writes the multipart boundary; no Content-Type is set by hand.
	form.append('file', upload.file, upload.fileName);
	form.append('agentId', upload.agentId);
	if (upload.scheduledAt !== undefined) form.append('scheduledAt', upload.scheduledAt);
	if (upload.smartCallbackConfig !== undefined) form.append('smartCallbackConfig', upload.smartCallbackConfig);
	return {
		method: 'POST',
		path: '/v1/api/batch-calls',
		body: form,
		action: 'start the batch',
		startsCalls: true,
		// The API page lists no 404 for this endpoint; an unknown agent or a wrong Base URL give one.
		notFound: `Trillet answered 404: the agent "${upload.agentId}" may not exist in this workspace, or the Base URL is wrong`,
		itemIndex,
		timeoutMs: 300_000,
		checkAnswer: (body) =>
			typeof (body as { batchId?: unknown }).batchId === 'string' ? undefined : 'The answer has no batchId',
	};
}
