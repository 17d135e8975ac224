import { createHash } from 'node:crypto';

// n8n's "Retry On Fail" runs the node again with the same items inside the same execution.
// This ledger remembers which batches the node already started (or may have started) there,
// so a retry never uploads them a second time and never rings the same people twice.

/** The API's answer to a started batch, as documented. */
export interface StartBatchResponse {
	batchId: string;
	totalCalls: number;
	status: string;
	message: string;
	[key: string]: unknown;
}

export type LedgerEntry =
	| { outcome: 'started'; response: StartBatchResponse }
	| { outcome: 'unknown'; reason: string };

/** Remembers recent start attempts; old entries fall out so a long-lived worker stays small. */
export class StartLedger {
	private readonly entries = new Map<string, LedgerEntry>();

	constructor(private readonly capacity = 1000) {}

	find(key: string): LedgerEntry | undefined {
		return this.entries.get(key);
	}

	record(key: string, entry: LedgerEntry): void {
		this.entries.delete(key);
		this.entries.set(key, entry);
		if (this.entries.size > this.capacity) {
			const oldest = this.entries.keys().next().value;
			if (oldest !== undefined) this.entries.delete(oldest);
		}
	}
}

export const startLedger = new StartLedger();

/** What makes two uploads the same batch: the exact CSV (by its SHA-256), the agent, the schedule and the callbacks. */
export function uploadFingerprint(upload: {
	csvSha256: string;
	agentId: string;
	scheduledAt?: string;
	smartCallbackConfig?: string;
}): string {
	return createHash('sha256')
		.update(`${upload.csvSha256}\0${upload.agentId}\0${upload.scheduledAt ?? 'now'}\0${upload.smartCallbackConfig ?? ''}`)
		.digest('hex');
}

/**
 * One batch start within one execution. The run index tells apart the node's runs in a loop;
 * it stays the same when Retry On Fail tries the node again.
 */
export function ledgerKey(parts: {
	executionId: string;
	nodeName: string;
	runIndex: number;
	itemIndex: number;
	fingerprint: string;
}): string {
	return [parts.executionId, parts.nodeName, parts.runIndex, parts.itemIndex, parts.fingerprint].join('|');
}
