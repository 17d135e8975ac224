import { parse } from 'csv-parse/sync';
import type { IDataObject } from 'n8n-workflow';

import { type TrilletEmulator, useTrilletEmulator } from '../../../emulator';
import { TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

const FROM_ITEMS = { source: 'items', phoneField: 'phone' };

/** The uploaded CSV as an independent parser reads it: the header, then the rows. */
function uploadedTable(emulator: TrilletEmulator): string[][] {
	return parse(uploads(emulator)[0].file?.bytes ?? Buffer.alloc(0)) as string[][];
}

describe('Start Batch from input items: all items make one batch', () => {
	const emulator = useTrilletEmulator();

	test('three items become exactly one upload whose CSV holds their values, tricky ones included', async () => {
		const rows = [
			{ phone: '+14155550101', first: 'Ann', note: 'likes "quotes", and commas', tags: ['vip', 'q4'] },
			{ phone: '+44 20 7946 0958', first: 'Zoë 🎉', note: 'line one\nline two', tags: [] },
			{ phone: '+33612345678', first: '', note: null, address: { city: 'Paris', zip: '75001' } },
		];
		const run = await runStart(emulator, { rows }, { ...FROM_ITEMS, firstNameField: 'first' });

		expect(run.error(TRILLET)).toBeUndefined();
		expect(uploads(emulator)).toHaveLength(1);
		expect(uploadedTable(emulator)).toEqual([
			['phone_number', 'first_name', 'note', 'tags', 'address'],
			['+14155550101', 'Ann', 'likes "quotes", and commas', '["vip","q4"]', ''],
			['+442079460958', 'Zoë 🎉', 'line one\nline two', '[]', ''],
			['+33612345678', '', '', '', '{"city":"Paris","zip":"75001"}'],
		]);
	});

	test('the one output item carries the batch and is paired with every input item', async () => {
		const rows = [{ phone: '+14155550101' }, { phone: '+14155550102' }, { phone: '+14155550103' }];
		const run = await runStart(emulator, { rows }, FROM_ITEMS);

		const output = run.output(TRILLET);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ totalCalls: 3, rowsRead: 3, rowsSent: 3, rowsSkipped: 0 });
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('names, email and nested fields are mapped to the API’s columns by dot path', async () => {
		const rows = [{ properties: { phone: '+14155550101', firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com' }, owner: 'Kim' }];
		await runStart(emulator, { rows }, {
			source: 'items',
			phoneField: 'properties.phone',
			firstNameField: 'properties.firstname',
			lastNameField: 'properties.lastname',
			emailField: 'properties.email',
			variables: 'none',
		});

		expect(uploadedTable(emulator)).toEqual([
			['phone_number', 'first_name', 'last_name', 'email'],
			['+14155550101', 'Ann', 'Lee', 'ann@example.com'],
		]);
	});

	test('selected variables are sent under the column names chosen, made safe for {variables}', async () => {
		const rows = [{ phone: '+14155550101', 'Company Name': 'ACME, Inc.', deal: { amount: 1200 }, secret: 'x' }];
		await runStart(emulator, { rows }, {
			...FROM_ITEMS,
			variables: 'selected',
			variableFields: { field: [{ field: 'Company Name' }, { field: 'deal.amount', column: 'deal value' }] },
		});

		expect(uploadedTable(emulator)).toEqual([
			['phone_number', 'Company_Name', 'deal_value'],
			['+14155550101', 'ACME, Inc.', '1200'],
		]);
	});

	test('a number given twice is reported by item, and under "Skip Them" called once', async () => {
		const rows = [{ phone: '+14155550101' }, { phone: '+1 415 555 0101' }, { phone: '+14155550102' }];

		const refused = await runStart(emulator, { rows }, FROM_ITEMS);
		expect(refused.error(TRILLET)?.message).toMatch(/1 of 3 rows? cannot be called: item 1: .*duplicate of item 0/);
		expect(emulator.requests).toHaveLength(0);

		const skipped = await runStart(emulator, { rows }, { ...FROM_ITEMS, options: { invalidRows: 'skip' } });
		expect(uploadedTable(emulator).slice(1).map(([phone]) => phone)).toEqual(['+14155550101', '+14155550102']);
		expect(skipped.output(TRILLET)[0].json.skippedRows).toEqual([
			expect.objectContaining({ row: 'item 1', item: 1, reason: expect.stringMatching(/duplicate of item 0/) }),
		]);
	});

	test('invalid rows stop the batch by default, naming the items, the values and the missing field', async () => {
		const rows = [{ phone: '+14155550101' }, { phone: 4155550102 }, { name: 'no phone here' }];
		const run = await runStart(emulator, { rows }, FROM_ITEMS);

		const message = run.error(TRILLET)?.message ?? '';
		expect(message).toMatch(/2 of 3 rows cannot be called/);
		expect(message).toMatch(/item 1: phone_number "4155550102" has no country code/);
		expect(message).toMatch(/item 2: .*"phone"/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('no input items starts nothing: n8n does not run the node', async () => {
		const run = await runStart(emulator, { rows: [] }, FROM_ITEMS);

		expect(run.executedNodes).not.toContain(TRILLET);
		expect(emulator.requests).toHaveLength(0);
	});

	test('an empty item from a sheet that found no rows ("Always Output Data") is a clear error and no request', async () => {
		const run = await runStart(emulator, { rows: [{}] }, FROM_ITEMS);

		expect(run.error(TRILLET)?.message).toBe('There are no contacts to call: the input items are empty');
		expect(run.error(TRILLET)?.description).toMatch(/previous node returned no rows/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('Continue On Fail turns a refused list into one error item paired with all items', async () => {
		const rows = [{ phone: 'nope' }, { phone: 'nope either' }];
		const run = await runStart(emulator, { rows }, FROM_ITEMS, { nodeSettings: { continueOnFail: true } });

		expect(run.output(TRILLET)).toEqual([
			{ json: expect.objectContaining({ error: expect.stringMatching(/2 of 2 rows cannot be called/) }), pairedItem: [{ item: 0 }, { item: 1 }] },
		]);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Start Batch from input items: names, text and sizes the items cannot dictate', () => {
	const emulator = useTrilletEmulator();

	test('{id} is the field called id: a renamed field never takes another field’s name, and the renames are reported', async () => {
		const rows = [{ phone: '+14155550101', _id: 'a', 'id!': 'b', id: 'c', 東京: 'd', field: 'e' }];
		const run = await runStart(emulator, { rows }, FROM_ITEMS);

		expect(uploadedTable(emulator)).toEqual([
			['phone_number', '_id', 'id_2', 'id', 'field_2', 'field'],
			['+14155550101', 'a', 'b', 'c', 'd', 'e'],
		]);
		expect(run.output(TRILLET)[0].json.warnings).toEqual([
			'Some fields are sent under another column name, which is the variable the agent\'s prompt must use: "id!" → {id_2}, "東京" → {field_2}.',
		]);
	});

	test('text cut inside an emoji arrives as "�", and the output warns naming the item and field', async () => {
		const rows = [{ phone: '+14155550101', note: 'ok 😀' }, { phone: '+14155550102', note: 'cut \uD83D' }];
		const run = await runStart(emulator, { rows }, FROM_ITEMS);

		expect(uploadedTable(emulator).slice(1)).toEqual([['+14155550101', 'ok 😀'], ['+14155550102', 'cut \uFFFD']]);
		expect(run.output(TRILLET)[0].json.warnings).toEqual([
			expect.stringMatching(/^Some text holds half of a character .*: item 1 field "note"\. Cut the text where a whole character ends/),
		]);
	});

	test('items making a CSV over 20 MB are refused at the item that passes it, with nothing sent', async () => {
		const value = 'v'.repeat(25_000);
		const rows = Array.from({ length: 1_000 }, (_, item) => ({
			phone: `+1415${5_000_000 + item}`,
			[`key_${item}`]: value,
		}));
		const run = await runStart(emulator, { rows }, FROM_ITEMS);

		expect(run.error(TRILLET)?.message).toMatch(
			/^The CSV built from the input items passes Trillet's limit of 20 MB \(20,971,520 bytes\) at item 805 of 1,000 items, so it was not built further\.$/,
		);
		expect(run.error(TRILLET)?.description).toMatch(/^Split the items into several batches/);
		// The size is the whole list's problem: no item is marked as the one at fault.
		expect((run.error(TRILLET)?.context as { itemIndex?: number } | undefined)?.itemIndex).toBeUndefined();
		expect(emulator.requests).toHaveLength(0);
	});

	test('an item nested 4,500 levels deep is named with its field, and nothing is sent', async () => {
		let deep: IDataObject = { end: true };
		for (let level = 0; level < 4_500; level++) deep = { inner: deep };
		const rows = [{ phone: '+14155550101' }, { phone: '+14155550102', deep }];
		const run = await runStart(emulator, { rows }, FROM_ITEMS);

		expect(run.error(TRILLET)?.message).toBe(
			'Item 1\'s field "deep" is nested more than 1,000 levels deep (or holds itself), too deep to send as JSON text.',
		);
		expect(run.error(TRILLET)?.description).toMatch(/^Flatten the item before this node \(e\.g\. with a Set or Code node\)/);
		expect(run.error(TRILLET)?.context).toMatchObject({ itemIndex: 1 });
		expect(emulator.requests).toHaveLength(0);
	});
});
