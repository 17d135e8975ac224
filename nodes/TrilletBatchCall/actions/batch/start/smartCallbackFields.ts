import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { asNodeError } from '../../../helpers/nodeErrors';
import { MAX_ATTEMPTS_LIMIT, buildSmartCallbackConfig } from '../../../helpers/smartCallbackConfig';

const whenOn = { displayOptions: { show: { smartCallback: [true] } } };

export const smartCallbackFields: INodeProperties[] = [
	{
		displayName: 'Smart Callback',
		name: 'smartCallback',
		type: 'boolean',
		default: false,
		description: 'Whether Trillet calls again the people who did not answer',
		hint: 'Turn on to call again, after the gaps you set, the people who did not answer',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 1, maxValue: MAX_ATTEMPTS_LIMIT, numberPrecision: 0 },
		description: 'How many times in all Trillet tries to reach each person, the first call included',
		...whenOn,
	},
	{
		displayName: 'Callback Gaps',
		name: 'callbackGaps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: { gap: [{ days: 1, hours: 0 }] },
		placeholder: 'Add Gap',
		description:
			'How long Trillet waits before each new try, in order: the first gap comes before the second try. You may list fewer gaps than tries.',
		...whenOn,
		options: [
			{
				displayName: 'Gap',
				name: 'gap',
				values: [
					{
						displayName: 'Days',
						name: 'days',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0, maxValue: 30, numberPrecision: 0 },
					},
					{
						displayName: 'Hours',
						name: 'hours',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, maxValue: 23, numberPrecision: 0 },
					},
				],
			},
		],
	},
];

/** The `smartCallbackConfig` JSON text to send for an item, or undefined when it is off. */
export function readSmartCallbackConfig(context: IExecuteFunctions, itemIndex: number): string | undefined {
	if (!context.getNodeParameter('smartCallback', itemIndex, false)) return undefined;
	const maxAttempts = context.getNodeParameter('maxAttempts', itemIndex, 3);
	const gaps = context.getNodeParameter('callbackGaps.gap', itemIndex, []) as Array<{
		days?: unknown;
		hours?: unknown;
	}>;
	try {
		return JSON.stringify(buildSmartCallbackConfig(maxAttempts, gaps));
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
