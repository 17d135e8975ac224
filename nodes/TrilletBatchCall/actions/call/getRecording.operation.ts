import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { trilletMediaRequest } from '../../transport';
import { readRequiredId } from '../batch/batchFields';
import { outputBinaryField } from '../batch/csvFileOutput';
import { forEachItem } from '../eachItem';
import type { TrilletOperation } from '../operation';

const recordingFields: INodeProperties[] = [
	{
		displayName: 'Call Record ID',
		name: 'callHistoryId',
		type: 'string',
		default: '={{ $json.callHistoryId }}',
		required: true,
		placeholder: 'e.g. 66a1b2c3d4e5f60718293a4b',
		description:
			'The call-history record of the call (its _id). By default the callHistoryId of the incoming item, as the Trillet Trigger and Get Many Calls output it.',
	},
	outputBinaryField,
];

/** Get Recording: the call's audio as a file, typed as Trillet types it. */
export const getRecordingOperation: TrilletOperation = {
	value: 'getRecording',
	name: 'Get Recording',
	action: 'Get the recording of a call',
	description: 'Download the audio recording of a finished call as a file',
	properties: recordingFields,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await forEachItem(this, items, async (itemIndex) => {
			const callHistoryId = readCallHistoryId(this, itemIndex);
			const media = await trilletMediaRequest.call(this, {
				method: 'GET',
				path: `/v2/api/recordings/${encodeURIComponent(callHistoryId)}`,
				action: `get the recording of call ${callHistoryId}`,
				notFound: `No recording for call ${callHistoryId}: the call may have no recording, or the ID is not a call-history record`,
				itemIndex,
				timeoutMs: 120_000,
			});
			// The type comes from Trillet's answer (documented as audio/mpeg); a missing one is left to n8n to guess.
			const mimeType = media.mimeType ?? 'audio/mpeg';
			const fileName = media.fileName ?? `call-${callHistoryId}.${mimeType === 'audio/wav' ? 'wav' : 'mp3'}`;
			const fieldName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
			const binary = await this.helpers.prepareBinaryData(media.bytes, fileName, mimeType);
			return [{ json: { callHistoryId, fileName, mimeType, bytes: media.bytes.length }, binary: { [fieldName]: binary } }];
		});
	},
};

function readCallHistoryId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredId(context, itemIndex, 'callHistoryId', {
		what: 'call record ID',
		fix: 'Set "Call Record ID", or connect this node after the Trillet Trigger or Get Many Calls (Call History): by default it reads {{ $json.callHistoryId }}',
	});
}
