import type { TrilletResource } from '../operation';
import { cancelOperation } from './cancel.operation';
import { exportResultsOperation } from './exportResults.operation';
import { getOperation } from './get.operation';
import { getTemplateOperation } from './getTemplate.operation';
import { startOperation } from './start/start.operation';

/** A batch: one contact list called by one agent. */
export const batchResource: TrilletResource = {
	value: 'batch',
	name: 'Batch',
	defaultOperation: 'start',
	operations: [startOperation, getOperation, cancelOperation, exportResultsOperation, getTemplateOperation],
};
