import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { asNodeError } from '../../../helpers/nodeErrors';
import { toScheduledAt } from '../../../helpers/scheduledAt';

export const scheduleFields: INodeProperties[] = [
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'options',
		default: 'now',
		options: [
			{ name: 'Now', value: 'now', description: 'Trillet starts calling as soon as the batch is queued' },
			{ name: 'At a Set Time', value: 'at', description: 'Trillet holds the batch until the time given' },
		],
	},
	{
		displayName: 'Scheduled At',
		name: 'scheduledAt',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { schedule: ['at'] } },
		description:
			'When Trillet starts calling. A time without a zone is read in this workflow’s time zone; an expression may give an ISO text with an offset, a Luxon date or milliseconds.',
		hint: 'Sent to Trillet in UTC, to the second',
	},
];

/** The `scheduledAt` to send for an item, or undefined to start at once. */
export function readScheduledAt(context: IExecuteFunctions, itemIndex: number): string | undefined {
	if (context.getNodeParameter('schedule', itemIndex, 'now') !== 'at') return undefined;
	const value = context.getNodeParameter('scheduledAt', itemIndex, '') as unknown;
	try {
		return toScheduledAt(value, context.getTimezone(), new Date());
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
