import type { IContextObject, IExecuteFunctions } from 'n8n-workflow';

// n8n's "Retry On Fail" runs the node again with the same items inside the same execution.
// This ledger remembers which batches the node already started (or may have started) there,
// so a retry never uploads them a second time and never rings the same people twice.
//
// It lives in the node's execution context (`getContext('node')`): n8n keeps that object in the
// execution's own data, hands the same one to every try of the node, starts each execution with
// an empty one and drops it with the execution. So no entry is ever evicted within a run, no
// other execution can see or push out one, and a long-lived worker keeps nothing between runs.

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

/** Where in the node's context the entries are kept. */
const LEDGER_FIELD = 'startedBatches';

/** The start attempts of one node in one execution, over a plain object the execution owns. */
export class StartLedger {
	constructor(private readonly entries: Record<string, LedgerEntry>) {}

	find(key: string): LedgerEntry | undefined {
		return Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
	}

	record(key: string, entry: LedgerEntry): void {
		this.entries[key] = entry;
	}
}

/** The ledger of this node in the running execution (created empty on first use). */
export function startLedgerOf(context: Pick<IExecuteFunctions, 'getContext'>): StartLedger {
	const nodeContext: IContextObject = context.getContext('node');
	const entries = nodeContext[LEDGER_FIELD] as Record<string, LedgerEntry> | undefined;
	if (entries !== undefined && entries !== null && typeof entries === 'object') return new StartLedger(entries);
	const fresh: Record<string, LedgerEntry> = {};
	nodeContext[LEDGER_FIELD] = fresh;
	return new StartLedger(fresh);
}

/**
 * One batch start of this node within its execution. The run index tells apart the node's runs
 * in a loop; it stays the same when Retry On Fail tries the node again.
 */
export function ledgerKey(parts: { runIndex: number; itemIndex: number; fingerprint: string }): string {
	return [parts.runIndex, parts.itemIndex, parts.fingerprint].join('|');
}
