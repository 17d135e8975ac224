import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../../helpers/nodeErrors';
import { mayHaveStarted, trilletRequest, type TrilletRequest } from '../../../transport';
import { ledgerKey, startLedgerOf, type StartBatchResponse } from './startLedger';
import { startForm, type StartRequest } from './startRequest';

/** What a start gave back: the API's answer, and whether an earlier try in this run had it. */
export interface StartedBatch {
	response: StartBatchResponse;
	/** True when "Retry On Fail" ran the node again and this batch had already started. */
	reused: boolean;
}

/** Uploads the batch, unless an earlier try of this node in this execution started it or may have. */
export async function startBatch(context: IExecuteFunctions, upload: StartRequest, itemIndex: number): Promise<StartedBatch> {
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

function uploadRequest(upload: StartRequest, itemIndex: number): TrilletRequest {
	return {
		method: 'POST',
		path: '/v1/api/batch-calls',
		body: startForm(upload),
		action: 'start the batch',
		startsCalls: true,
		// The API page lists no 404 for this endpoint; an unknown agent or a wrong Base URL give one.
		notFound: `Trillet answered 404: the agent "${upload.fields.agentId}" may not exist in this workspace, or the Base URL is wrong`,
		itemIndex,
		timeoutMs: 300_000,
		checkAnswer: (body) =>
			typeof (body as { batchId?: unknown }).batchId === 'string' ? undefined : 'The answer has no batchId',
	};
}
