import { parse } from 'csv-parse/sync';
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { TrilletEmulator } from '../emulator';
import { contactsCsv, startedBatchId } from '../emulator/testClient';
import { binaryBytes } from '../engine/binaryDataMode';
import type { WorkflowRun } from '../engine/runWorkflow';
import { runTrilletWorkflow } from '../engine/trilletWorkflow';

// What the tests of the batch-following operations share: a batch on the emulator, a run of
// Manual Trigger → items (pinned) → Trillet, and reading what came out.

/** A batch of `calls` contacts, started on the emulator directly (it is not what is under test). */
export async function batchOf(emulator: TrilletEmulator, calls: number): Promise<string> {
	return await startedBatchId(emulator, contactsCsv(calls));
}

/** Runs the Trillet node with these parameters on these input items, as a saved workflow would. */
export async function runTrillet(
	emulator: TrilletEmulator,
	parameters: INodeParameters,
	items: IDataObject[],
	nodeSettings: Partial<INode> = {},
): Promise<WorkflowRun> {
	return await runTrilletWorkflow(emulator, parameters, { items }, { nodeSettings });
}

/** The text of a binary field of an output item, wherever the binary-data mode keeps it. */
export async function binaryText(item: INodeExecutionData, field = 'data'): Promise<string> {
	const binary = item.binary?.[field];
	if (binary === undefined) throw new Error(`The item has no binary field "${field}"`);
	return (await binaryBytes(binary)).toString('utf8');
}

/** A CSV read as csv-parse reads it: one object per row, keyed by the header. */
export function csvRows(text: string): Array<Record<string, string>> {
	return parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}
