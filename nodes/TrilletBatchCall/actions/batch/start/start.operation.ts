import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ValidationReport } from '../../../contacts';
import { asNodeError } from '../../../helpers/nodeErrors';
import { errorItem } from '../../eachItem';
import type { TrilletOperation } from '../../operation';
import { agentField, readAgentId } from './agentField';
import { contactSourceFields } from './contactSourceFields';
import { contactsFromBinary, contactsFromItems, type ContactList } from './readContacts';
import { readScheduledAt, scheduleFields } from './scheduleFields';
import { readSmartCallbackConfig, smartCallbackFields } from './smartCallbackFields';
import { startBatch } from './startBatch';
import { readStartOptions, startOptionsField, type StartOptions } from './startOptions';
import { describeStart, dryRunItem } from './startOutput';
import { startRequest, type StartRequest } from './startRequest';

/** One input item's batch, checked and ready to send, or why it cannot be. */
type PlannedStart =
	| { itemIndex: number; upload: StartRequest; report: ValidationReport; options: StartOptions }
	| { itemIndex: number; error: Error };

/** Start Batch: checks the contacts, then uploads them as one Trillet batch. */
export const startOperation: TrilletOperation = {
	value: 'start',
	name: 'Start Batch',
	action: 'Start a batch of calls',
	description: 'Check a contact list and have an agent call everyone on it, now or at a set time',
	placesCalls: true,
	properties: [agentField, ...contactSourceFields, ...scheduleFields, ...smartCallbackFields, startOptionsField],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		if (this.getNodeParameter('source', 0, 'binary') === 'items') return await startFromItems(this, items);
		// Every file is checked before the first is sent: one bad file must not leave others started.
		const plans = await planEachFile(this, items);
		const refused = plans.find((plan) => 'error' in plan);
		if (refused && 'error' in refused && !this.continueOnFail()) throw refused.error;
		return await sendEach(this, plans);
	},
};

async function planEachFile(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<PlannedStart[]> {
	const plans: PlannedStart[] = [];
	const fingerprints = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const options = readStartOptions(context, itemIndex);
			const contacts = await contactsFromBinary(context, itemIndex, options);
			const upload = readUpload(context, contacts, itemIndex);
			refuseRepeat(context, fingerprints, upload, itemIndex);
			plans.push({ itemIndex, upload, report: contacts.report, options });
		} catch (error) {
			plans.push({ itemIndex, error: asNodeError(context.getNode(), error, itemIndex) });
		}
	}
	return plans;
}

async function sendEach(context: IExecuteFunctions, plans: PlannedStart[]): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const started: string[] = [];
	for (const plan of plans) {
		const pairedItem = { item: plan.itemIndex };
		if ('error' in plan) {
			output.push(errorItem(plan.error, pairedItem));
			continue;
		}
		try {
			const item = await startOrDryRun(context, plan.upload, plan.report, plan.options, plan.itemIndex);
			if (typeof item.json.batchId === 'string') started.push(`item ${plan.itemIndex} → ${item.json.batchId}`);
			output.push({ ...item, pairedItem });
		} catch (error) {
			const nodeError = asNodeError(context.getNode(), error, plan.itemIndex);
			if (!context.continueOnFail()) throw withStartedBatches(nodeError, started);
			output.push(errorItem(nodeError, pairedItem));
		}
	}
	return output;
}

/** All input items make one batch, so the node answers with one item paired to all of them. */
async function startFromItems(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const pairedItem = items.map((_, item) => ({ item }));
	try {
		const options = readStartOptions(context, 0);
		const contacts = contactsFromItems(context, items, options);
		const upload = readUpload(context, contacts, 0);
		return [{ ...(await startOrDryRun(context, upload, contacts.report, options, 0)), pairedItem }];
	} catch (error) {
		const nodeError = asNodeError(context.getNode(), error, 0);
		if (!context.continueOnFail()) throw nodeError;
		return [errorItem(nodeError, pairedItem)];
	}
}

function readUpload(context: IExecuteFunctions, contacts: ContactList, itemIndex: number): StartRequest {
	const agentId = readAgentId(context, itemIndex);
	if (agentId === '') {
		throw new NodeOperationError(context.getNode(), 'No agent was chosen', {
			itemIndex,
			description: 'Pick the agent that makes the calls under "Agent", or give its ID',
		});
	}
	const fields = {
		agentId,
		scheduledAt: readScheduledAt(context, itemIndex),
		smartCallbackConfig: readSmartCallbackConfig(context, itemIndex),
	};
	return startRequest(fields, contacts, contacts.fileName);
}

/** Two items carrying the same list for the same agent and time would ring everyone twice. */
function refuseRepeat(context: IExecuteFunctions, seen: Map<string, number>, upload: StartRequest, itemIndex: number): void {
	const { fingerprint } = upload;
	const first = seen.get(fingerprint);
	if (first !== undefined) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex} would start the same batch as item ${first}`, {
			itemIndex,
			description:
				'Both carry the same contacts for the same agent and time, so everyone would be called twice. Remove the repeated item, or turn on "Execute Once" in the settings of the node that produces the file.',
		});
	}
	seen.set(fingerprint, itemIndex);
}

async function startOrDryRun(
	context: IExecuteFunctions,
	upload: StartRequest,
	report: ValidationReport,
	options: StartOptions,
	itemIndex: number,
): Promise<INodeExecutionData> {
	if (options.dryRun) return await dryRunItem(context, upload, report, itemIndex);
	const started = await startBatch(context, upload, itemIndex);
	return { json: describeStart(started, upload, report) as IDataObject };
}

/** When a later file fails, the user must know which batches did start, so as not to start them again. */
function withStartedBatches<E extends Error & { description?: string | null }>(error: E, started: string[]): E {
	if (started.length > 0) {
		error.description = `${error.description ?? ''} Batches this node already started in this run: ${started.join(', ')}.`.trim();
	}
	return error;
}
