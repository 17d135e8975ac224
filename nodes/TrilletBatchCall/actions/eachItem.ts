import type { IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { asNodeError } from '../helpers/nodeErrors';

/**
 * Runs an operation once per input item, pairs every output with its input and, when the node
 * is set to Continue On Fail, turns a failure into an error item so the other items go on.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await run(itemIndex);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(context.getNode(), error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push(errorItem(nodeError, { item: itemIndex }));
		}
	}
	return output;
}

/** The item n8n shows for a failure under Continue On Fail: the message and what to do. */
export function errorItem(
	error: unknown,
	pairedItem: IPairedItemData | IPairedItemData[],
): INodeExecutionData {
	const { message, description } = error as { message?: string; description?: string | null };
	return {
		json: { error: message ?? String(error), ...(description ? { errorDescription: description } : {}) },
		pairedItem,
	};
}
