import { parse } from 'csv-parse/sync';

import { useTrilletEmulator } from '../emulator';
import { loadExample } from '../engine/examples';
import { runWorkflow, type WorkflowRun } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';

describe('the example "call HubSpot contacts" starts one batch straight from CRM items', () => {
	const emulator = useTrilletEmulator(undefined, { resetBeforeEach: false });
	let run: WorkflowRun;

	beforeAll(async () => {
		run = await runWorkflow(loadExample('crm-contacts-to-batch.json', emulator.agents[1]._id), {
			credentials: emulatorCredentials(emulator),
		});
	});

	test('the pinned contacts become one upload with the mapped and selected columns', () => {
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0].file?.fileName).toBe('hubspot-survey.csv');
		expect(parse(emulator.requests[0].file?.bytes ?? '')).toEqual([
			['phone_number', 'first_name', 'last_name', 'email', 'company', 'stage'],
			['+12125550187', 'Maya', 'Chen', 'maya@northwind.example', 'Northwind, Ltd.', 'customer'],
			['+447700900123', 'Tom', 'O"Hara', 'tom@contoso.example', 'Contoso', 'lead'],
			['+4915123456789', 'Jörg', 'Weiß', 'joerg@adatum.example', 'Adatum\nGmbH', 'opportunity'],
		]);
	});

	test('the contact without a phone number is skipped and named by its item', () => {
		const [item] = run.output('Call the HubSpot contacts');
		expect(item.json).toMatchObject({ totalCalls: 3, rowsRead: 4, rowsSent: 3, rowsSkipped: 1 });
		expect(item.json.skippedRows).toEqual([expect.objectContaining({ row: 'item 2', reason: expect.stringMatching(/empty/) })]);
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});
});
