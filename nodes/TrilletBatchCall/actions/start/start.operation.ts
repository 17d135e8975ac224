import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../helpers/nodeErrors';
import type { TrilletOperation } from '../operation';
import { forEachItem, errorItem } from '../eachItem';
import { agentField, readAgentId } from './agentField';
import { contactSourceFields } from './contactSourceFields';
import { contactsFromBinary, contactsFromItems, type ContactList } from './readContacts';
import { readScheduledAt, scheduleFields } from './scheduleFields';
import { readSmartCallbackConfig, smartCallbackFields } from './smartCallbackFields';
import { startBatch, type BatchUpload } from './startBatch';
import { readStartOptions, startOptionsField, type StartOptions } from './startOptions';
import { describeStart, dryRunItem } from './startOutput';

/** Start Batch: checks the contacts, then uploads them as one Trillet batch. */
export const startOperation: TrilletOperation = {
	value: 'start',
	name: 'Start Batch',
	action: 'Start a batch of calls',
	description: 'Check a contact list and have an agent call everyone on it, now or at a set time',
	properties: [agentField, ...contactSourceFields, ...scheduleFields, ...smartCallbackFields, startOptionsField],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		if (this.getNodeParameter('source', 0, 'binary') === 'items') return await startFromItems(this, items);
		return await forEachItem(this, items, async (itemIndex) => {
			const options = readStartOptions(this, itemIndex);
			const contacts = await contactsFromBinary(this, itemIndex, options);
			return [await startOrDryRun(this, contacts, options, itemIndex)];
		});
	},
};

/** All input items make one batch, so the node answers with one item paired to all of them. */
async function startFromItems(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const pairedItem = items.map((_, item) => ({ item }));
	try {
		const options = readStartOptions(context, 0);
		const contacts = contactsFromItems(context, items, options);
		return [{ ...(await startOrDryRun(context, contacts, options, 0)), pairedItem }];
	} catch (error) {
		const nodeError = asNodeError(context.getNode(), error, 0);
		if (!context.continueOnFail()) throw nodeError;
		return [errorItem(nodeError, pairedItem)];
	}
}

async function startOrDryRun(
	context: IExecuteFunctions,
	contacts: ContactList,
	options: StartOptions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const upload: BatchUpload = {
		csv: contacts.prepared.csv,
		fileName: contacts.fileName,
		agentId: readAgentId(context, itemIndex),
		scheduledAt: readScheduledAt(context, itemIndex),
		smartCallbackConfig: readSmartCallbackConfig(context, itemIndex),
	};
	if (upload.agentId === '') throw missingAgent(context, itemIndex);
	if (options.dryRun) return await dryRunItem(context, upload, contacts, itemIndex);
	const started = await startBatch(context, upload, itemIndex);
	return { json: describeStart(started, upload, contacts.prepared.report) as IDataObject };
}

function missingAgent(context: IExecuteFunctions, itemIndex: number): Error {
	return new NodeOperationError(context.getNode(), 'No agent was chosen', {
		itemIndex,
		description: 'Pick the agent that makes the calls under "Agent", or give its ID',
	});
}
