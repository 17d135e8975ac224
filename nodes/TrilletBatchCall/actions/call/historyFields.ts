import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, tryToParseDateTime } from 'n8n-workflow';

import { agentFilterField, batchFilterField, outcomesField } from '../../callHistory';

// The fields of Get Many Calls when it reads the call history: the trigger's filters, and a time range.

const ofHistory = { displayOptions: { show: { callsOf: ['history'] } } };

export const historyFields: INodeProperties[] = [
	{ ...agentFilterField, ...ofHistory },
	{ ...batchFilterField, ...ofHistory },
	{ ...outcomesField, ...ofHistory },
	{
		displayName: 'Started After',
		name: 'startedAfter',
		type: 'dateTime',
		default: '',
		description: 'Only calls made at or after this time. Leave empty for no lower bound.',
		...ofHistory,
	},
	{
		displayName: 'Started Before',
		name: 'startedBefore',
		type: 'dateTime',
		default: '',
		description: 'Only calls made at or before this time. Leave empty for up to now.',
		...ofHistory,
	},
];

/** The time range set for an item, read in the workflow's time zone when no zone is given. */
export function readStartedRange(context: IExecuteFunctions, itemIndex: number): { from?: Date; to?: Date } {
	const read = (name: string): Date | undefined => {
		const value = context.getNodeParameter(name, itemIndex, '') as unknown;
		if (value === '' || value === null || value === undefined) return undefined;
		try {
			return tryToParseDateTime(value, context.getTimezone()).toJSDate();
		} catch {
			const label = name === 'startedAfter' ? 'Started After' : 'Started Before';
			throw new NodeOperationError(context.getNode(), `"${String(value)}" in "${label}" is not a date and time`, {
				itemIndex,
				description: 'Pick a date, or give an ISO text such as 2026-03-01T09:00:00',
			});
		}
	};
	return { from: read('startedAfter'), to: read('startedBefore') };
}
