import type { TrilletResource } from '../operation';
import { getCallOperation } from './get.operation';
import { getManyCallsOperation } from './getMany.operation';
import { getRecordingOperation } from './getRecording.operation';

/** A call: one of a batch, or any call of the workspace's call history. */
export const callResource: TrilletResource = {
	value: 'call',
	name: 'Call',
	defaultOperation: 'getMany',
	operations: [getManyCallsOperation, getCallOperation, getRecordingOperation],
};
