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

/** One batch start within one execution: the same node, item and upload. */
export function ledgerKey(parts: {
	executionId: string;
	nodeName: string;
	itemIndex: number;
	agentId: string;
	csvBytes: number;
	scheduledAt?: string;
}): string {
	return [parts.executionId, parts.nodeName, parts.itemIndex, parts.agentId, parts.csvBytes, parts.scheduledAt ?? 'now'].join('|');
}
