import type { IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { agentField } from '../actions/batch/start/agentField';
import { OUTCOMES, type Outcome } from './historyRecords';

// The filters of the call history, shared by Call → Get Many and the Trillet Trigger, so both
// read the same calls the same way.

/** The agent whose calls to read, with the same searchable picker as Start Batch; empty: every agent. */
export const agentFilterField: INodeProperties = {
	...agentField,
	required: false,
	description: 'Only calls made by this agent. Leave empty for the calls of every agent.',
};

export const batchFilterField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchFilter',
	type: 'string',
	default: '',
	placeholder: 'e.g. batch_1712345678901',
	description: 'Only calls of this batch (the batchId Start Batch returned). Leave empty for every call.',
};

const OUTCOME_NAMES: Record<Outcome, string> = {
	busy: 'Busy',
	completed: 'Completed',
	failed: 'Failed',
	'no-answer': 'No Answer',
	voicemail: 'Voicemail',
};

export const outcomesField: INodeProperties = {
	displayName: 'Outcomes',
	name: 'outcomes',
	type: 'multiOptions',
	default: [],
	description: 'Only calls that ended this way. Leave empty for every finished call.',
	options: OUTCOMES.map((value) => ({ name: OUTCOME_NAMES[value], value })).sort((a, b) => a.name.localeCompare(b.name)),
};

export interface HistoryFilters {
	agentId: string;
	batchId: string;
	outcomes: string[];
}

/** The filters as the user set them, for one item (the trigger has none: index 0 is ignored there). */
export function readHistoryFilters(context: IExecuteFunctions | IPollFunctions, itemIndex = 0): HistoryFilters {
	const read = (name: string, fallback: unknown, options?: { extractValue: boolean }) =>
		'getInputData' in context
			? context.getNodeParameter(name, itemIndex, fallback, options)
			: context.getNodeParameter(name, fallback, options);
	const agent = read('agent', '', { extractValue: true }) as unknown;
	const outcomes = read('outcomes', []) as unknown;
	return {
		agentId: agent === undefined || agent === null ? '' : String(agent).trim(),
		batchId: String(read('batchFilter', '') ?? '').trim(),
		outcomes: Array.isArray(outcomes) ? outcomes.map(String) : [],
	};
}
