import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeCall, requestHistoryPage } from '../../callHistory';
import { trilletRequest } from '../../transport';
import { batchIdField, batchPath, jobIdField, readBatchId, readJobId, readRequiredId } from '../batch/batchFields';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';

const byJob = { displayOptions: { show: { getBy: ['job'] } } };

const getCallFields: INodeProperties[] = [
	{
		displayName: 'Find Call By',
		name: 'getBy',
		type: 'options',
		default: 'job',
		options: [
			{ name: 'Batch and Job ID', value: 'job', description: 'A call of a batch, as Get Many Calls lists them' },
			{ name: 'Call ID', value: 'callId', description: 'Any call in the call history, as the Trillet Trigger outputs it' },
		],
	},
	{ ...batchIdField, ...byJob },
	{ ...jobIdField, ...byJob },
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '={{ $json.callId }}',
		required: true,
		displayOptions: { show: { getBy: ['callId'] } },
		description: 'The callId of the call. By default the callId of the incoming item.',
	},
];

/** Get Call: one call in detail, with its transcript and outcome once it is over. */
export const getCallOperation: TrilletOperation = {
	value: 'get',
	name: 'Get Call',
	action: 'Get a call',
	description: 'Get one call in detail, with its transcript and outcome once it has ended',
	properties: getCallFields,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			if (this.getNodeParameter('getBy', itemIndex, 'job') === 'callId') return [await callFromHistory(this, itemIndex)];
			const batchId = readBatchId(this, itemIndex);
			const jobId = readJobId(this, itemIndex);
			const call = (await trilletRequest.call(this, {
				method: 'GET',
				path: batchPath(batchId, 'calls', jobId),
				action: `get call ${jobId} of batch ${batchId}`,
				notFound: `Call ${jobId} not found in batch ${batchId}`,
				itemIndex,
			})) as IDataObject;
			return [{ json: { batchId, ...call } }];
		});
	},
};

/** The documented `callIds` filter of the call history finds a call by its ID. */
async function callFromHistory(context: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const callId = readRequiredId(context, itemIndex, 'callId', {
		what: 'call ID',
		fix: 'Set "Call ID", or connect this node after the Trillet Trigger: by default it reads {{ $json.callId }}',
	});
	const records = await requestHistoryPage(context, {}, 1, 10, itemIndex, { callIds: JSON.stringify([callId]) });
	// Checked here too: a server that ignored the filter would otherwise hand back some other call.
	const record = records.find((candidate) => candidate.callId === callId);
	if (record === undefined) {
		throw new NodeOperationError(context.getNode(), `Call not found: ${callId}`, {
			itemIndex,
			description: 'No call with this ID is in the call history of this workspace. Check the ID, and that the credential is for the right workspace.',
		});
	}
	return { json: describeCall(record) };
}
