import type { INode, IRunExecutionData } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ledgerKey, startLedgerOf, type LedgerEntry } from '../../../../nodes/TrilletBatchCall/actions/batch/start/startLedger';
import { mulberry32, type Random } from '../../../contacts/csvFixtures';

// The ledger over n8n's own node context (NodeHelpers.getContext, what `this.getContext('node')`
// returns in an execution): each execution's data holds its own.

const NODE = { name: 'Trillet' } as INode;

/** A running execution as the ledger sees it: its own run data, the node context inside. */
function execution() {
	const data = { executionData: { contextData: {} } } as unknown as IRunExecutionData;
	return { data, getContext: () => NodeHelpers.getContext(data, 'node', NODE) };
}

function started(batchId: string): LedgerEntry {
	return { outcome: 'started', response: { batchId, totalCalls: 1, status: 'queued', message: '' } };
}

function randomKey(random: Random): string {
	return ledgerKey({ runIndex: Math.floor(random() * 3), itemIndex: Math.floor(random() * 5000), fingerprint: random().toString(36) });
}

describe('the start ledger', () => {
	test('every entry of a run is kept, however many (seeded sizes up to 5,000)', () => {
		const random = mulberry32(0x1ed9e5);
		for (let round = 0; round < 20; round++) {
			const size = round === 0 ? 1002 : Math.floor(random() * 5000);
			const run = execution();
			const recorded = new Map<string, LedgerEntry>();
			for (let index = 0; index < size; index++) {
				const key = `${randomKey(random)}#${index}`;
				recorded.set(key, started(`batch_${index}`));
				startLedgerOf(run).record(key, recorded.get(key) as LedgerEntry);
			}
			// a later try of the node asks a fresh ledger over the same execution
			const retry = startLedgerOf(run);
			expect([...recorded.keys()].map((key) => retry.find(key))).toEqual([...recorded.values()]);
		}
	});

	test('executions interleaved at random see only their own entries and lose none (seeded)', () => {
		const random = mulberry32(0xc0ffee);
		const runs = Array.from({ length: 8 }, execution);
		const recorded = runs.map(() => new Map<string, LedgerEntry>());
		const wrongAnswers: string[] = [];
		for (let step = 0; step < 20_000; step++) {
			const which = Math.floor(random() * runs.length);
			// the same key in several executions: a workflow run twice with the same list
			const key = ledgerKey({ runIndex: 0, itemIndex: Math.floor(random() * 3000), fingerprint: 'same-list' });
			const found = startLedgerOf(runs[which]).find(key);
			if (found !== recorded[which].get(key)) wrongAnswers.push(`step ${step}: execution ${which} asked for ${key}`);
			if (found === undefined) {
				const entry = started(`batch_${which}_${step}`);
				startLedgerOf(runs[which]).record(key, entry);
				recorded[which].set(key, entry);
			}
		}
		expect(wrongAnswers).toEqual([]);
		expect(runs.map((run, which) => [...recorded[which].keys()].every((key) => startLedgerOf(run).find(key) === recorded[which].get(key)))).toEqual(runs.map(() => true));
	});

	test('lives in the execution’s data, so nothing stays behind in the worker when the execution ends', () => {
		const run = execution();
		startLedgerOf(run).record('0|0|f', started('batch_1'));

		expect(run.data.executionData?.contextData['node:Trillet']).toEqual({ startedBatches: { '0|0|f': started('batch_1') } });
		expect(startLedgerOf(execution()).find('0|0|f')).toBeUndefined();
	});

	test('a key that is also an object property name is not found in an empty ledger', () => {
		expect(startLedgerOf(execution()).find('constructor')).toBeUndefined();
		expect(startLedgerOf(execution()).find('__proto__')).toBeUndefined();
	});
});
