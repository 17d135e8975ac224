import { buildCsvFromRecords, type ItemFieldMapping } from '../../../nodes/TrilletBatchCall/contacts/items';
import { mulberry32, pick } from '../csvFixtures';
import { contactsErrorFrom, readCsv } from '../uploadTestKit';

const phoneOnly: ItemFieldMapping = { phoneField: 'phone', variables: 'none' };

describe('buildCsvFromRecords: columns', () => {
	it('fills phone_number, first_name, last_name and email from the mapped fields', () => {
		const { csv, report } = buildCsvFromRecords(
			[{ mobile: '+14155550123', given: 'Ada', family: 'Lovelace', mail: 'ada@example.com', extra: 'x' }],
			{ phoneField: 'mobile', firstNameField: 'given', lastNameField: 'family', emailField: 'mail', variables: 'none' },
			'fail',
		);
		expect(readCsv(csv)).toEqual([
			['phone_number', 'first_name', 'last_name', 'email'],
			['+14155550123', 'Ada', 'Lovelace', 'ada@example.com'],
		]);
		expect(report).toEqual({
			rowsRead: 1,
			rowsSent: 1,
			rowsSkipped: 0,
			phoneNumbersNormalised: 0,
			columns: ['phone_number', 'first_name', 'last_name', 'email'],
			problems: [],
			warnings: [],
		});
	});

	it('adds first_name, last_name and email columns only when a field is mapped to them', () => {
		const { csv } = buildCsvFromRecords([{ phone: '+14155550123', surname: 'Lovelace' }], {
			phoneField: 'phone',
			lastNameField: 'surname',
			firstNameField: '',
			variables: 'none',
		}, 'fail');
		expect(readCsv(csv)).toEqual([['phone_number', 'last_name'], ['+14155550123', 'Lovelace']]);
	});

	it('reads dot paths into nested objects', () => {
		const records = [{ properties: { phone: '+14155550123', name: { first: 'Ada' } } }];
		const { csv } = buildCsvFromRecords(records, {
			phoneField: 'properties.phone',
			firstNameField: 'properties.name.first',
			variables: 'none',
		}, 'fail');
		expect(readCsv(csv)[1]).toEqual(['+14155550123', 'Ada']);
	});

	it('prefers a key that literally contains the dots over the nested path', () => {
		const records = [{ 'contact.phone': '+14155550123', contact: { phone: '+14155550999' } }];
		const { csv } = buildCsvFromRecords(records, { phoneField: 'contact.phone', variables: 'none' }, 'fail');
		expect(readCsv(csv)[1]).toEqual(['+14155550123']);
	});

	it('sends every other top-level field as a variable, in the order first seen across all items', () => {
		const records = [
			{ phone: '+14155550123', name: 'Ada', city: 'London' },
			{ phone: '+14155550124', plan: 'gold', name: 'Bob' },
		];
		const { csv } = buildCsvFromRecords(records, { phoneField: 'phone', firstNameField: 'name', variables: 'all' }, 'fail');
		expect(readCsv(csv)).toEqual([
			['phone_number', 'first_name', 'city', 'plan'],
			['+14155550123', 'Ada', 'London', ''],
			['+14155550124', 'Bob', '', 'gold'],
		]);
	});

	it('sends the other top-level objects as JSON text, but not the one a mapped path points into', () => {
		const records = [{ properties: { phone: '+14155550123', tier: 2 }, owner: { name: 'Kim' } }];
		const { csv } = buildCsvFromRecords(records, { phoneField: 'properties.phone', variables: 'all' }, 'fail');
		expect(readCsv(csv)).toEqual([
			['phone_number', 'owner'],
			['+14155550123', '{"name":"Kim"}'],
		]);
	});

	it('sends only the selected fields, under the column names given', () => {
		const records = [{ phone: '+14155550123', plan: 'gold', meta: { due: '2024-05-01' }, secret: 'no' }];
		const { csv } = buildCsvFromRecords(records, {
			phoneField: 'phone',
			variables: 'selected',
			variableFields: [{ field: 'plan', column: 'tier' }, { field: 'meta.due' }],
		}, 'fail');
		expect(readCsv(csv)).toEqual([
			['phone_number', 'tier', 'meta_due'],
			['+14155550123', 'gold', '2024-05-01'],
		]);
	});

	it('renames variables that would take an API column or be unusable as {variable}, and says so', () => {
		const records = [{ phone: '+14155550123', phone_number: 'office', 'Company Name': 'ACME' }];
		const { csv, report } = buildCsvFromRecords(records, { phoneField: 'phone', variables: 'all' }, 'fail');
		expect(readCsv(csv)[0]).toEqual(['phone_number', 'phone_number_2', 'Company_Name']);
		expect(report.warnings).toEqual([
			'Some fields are sent under another column name, which is the variable the agent\'s prompt must use: ' +
				'"phone_number" → {phone_number_2}, "Company Name" → {Company_Name}.',
		]);
	});

	it('warns when a selected field is on none of the items sent', () => {
		const { report } = buildCsvFromRecords([{ phone: '+14155550123' }], {
			phoneField: 'phone',
			variables: 'selected',
			variableFields: [{ field: 'plan' }],
		}, 'fail');
		expect(report.warnings).toEqual(['No item that was sent has the field "plan"; the column plan is empty.']);
	});
});

describe('buildCsvFromRecords: values', () => {
	it('writes every kind of value as text that reads back the same', () => {
		const luxonLike = { toISO: () => '2024-05-01T09:30:00.000+02:00' };
		const record = {
			phone: '+14155550123',
			text: 'Smith, John said "hi"\non two lines',
			unicode: 'Zoë 東京 🎉',
			count: 42.5,
			active: false,
			nothing: null,
			notSet: undefined,
			when: new Date('2024-05-01T07:30:00Z'),
			luxon: luxonLike,
			tags: ['a', 'b,c'],
			nested: { deep: { value: 1 } },
			empty: '',
		};
		const { csv } = buildCsvFromRecords([record], { phoneField: 'phone', variables: 'all' }, 'fail');
		const [header, row] = readCsv(csv);
		expect(Object.fromEntries(header.map((column, index) => [column, row[index]]))).toEqual({
			phone_number: '+14155550123',
			text: 'Smith, John said "hi"\non two lines',
			unicode: 'Zoë 東京 🎉',
			count: '42.5',
			active: 'false',
			nothing: '',
			notSet: '',
			when: '2024-05-01T07:30:00.000Z',
			luxon: '2024-05-01T09:30:00.000+02:00',
			tags: '["a","b,c"]',
			nested: '{"deep":{"value":1}}',
			empty: '',
		});
	});

	it('cleans up formatted phone numbers and counts them', () => {
		const records = [{ phone: '+1 (415) 555-0123' }, { phone: '0044 20 7946 0958' }];
		const { csv, report } = buildCsvFromRecords(records, phoneOnly, 'fail');
		expect(readCsv(csv).slice(1)).toEqual([['+14155550123'], ['+442079460958']]);
		expect(report.phoneNumbersNormalised).toBe(2);
	});

	it('does not add a country code to a phone number stored as a number, but reports it', () => {
		const error = contactsErrorFrom(() => buildCsvFromRecords([{ phone: 14155550123 }], phoneOnly, 'fail'));
		expect(error.message).toBe(
			'1 of 1 row cannot be called: item 0: phone_number "14155550123" has no country code: write it as +<country code><number>, e.g. +14155550123, or set Options → Default Country.',
		);
	});
});

describe('buildCsvFromRecords: items that cannot be called', () => {
	const mapping: ItemFieldMapping = { phoneField: 'properties.phone', variables: 'none' };

	it('names the item and the field when an item has no phone field', () => {
		const records = [{ properties: { phone: '+14155550123' } }, { properties: {} }];
		const error = contactsErrorFrom(() => buildCsvFromRecords(records, mapping, 'fail'));
		expect(error.message).toBe(
			'1 of 2 rows cannot be called: item 1: phone_number is missing: the item has no field "properties.phone".',
		);
		expect(error.hint).toContain('Invalid Rows to Skip');
	});

	it('under Fail, refuses all items when one number repeats an earlier item', () => {
		const records = [{ phone: '+14155550123' }, { phone: '+14155550124' }, { phone: '+1 415 555 0123' }];
		const error = contactsErrorFrom(() => buildCsvFromRecords(records, phoneOnly, 'fail'));
		expect(error.message).toContain('item 2: phone_number "+1 415 555 0123" is a duplicate of item 0');
		expect(error.problemCount).toBe(1);
	});

	it('under Skip, calls each number once and reports the items left out', () => {
		const records = [
			{ phone: '+14155550123', name: 'Ada' },
			{ phone: 'n/a', name: 'Bob' },
			{ phone: '+14155550123', name: 'Ada again' },
			{ phone: '+14155550124', name: 'Cy' },
		];
		const { csv, report } = buildCsvFromRecords(records, { phoneField: 'phone', firstNameField: 'name', variables: 'none' }, 'skip');
		expect(readCsv(csv)).toEqual([
			['phone_number', 'first_name'],
			['+14155550123', 'Ada'],
			['+14155550124', 'Cy'],
		]);
		expect(report).toMatchObject({ rowsRead: 4, rowsSent: 2, rowsSkipped: 2 });
		expect(report.problems.map((problem) => problem.row)).toEqual([{ item: 1 }, { item: 2 }]);
	});

	it('refuses when no item can be called, even under Skip', () => {
		const error = contactsErrorFrom(() => buildCsvFromRecords([{ phone: '' }, { phone: '555' }], phoneOnly, 'skip'));
		expect(error.message).toMatch(/^No rows to call: 2 of 2 rows cannot be called: item 0: phone_number is empty; item 1: /);
	});

	it('refuses when there are no input items at all', () => {
		const error = contactsErrorFrom(() => buildCsvFromRecords([], phoneOnly, 'skip'));
		expect(error.message).toMatch(/no input items/);
	});
});

describe('buildCsvFromRecords and the API’s own column names', () => {
	test('rows with first_name, last_name and email fill those columns without being mapped', () => {
		const { csv, report } = buildCsvFromRecords(
			[{ phone_number: '+14155550101', first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', plan: 'Pro' }],
			{ phoneField: 'phone_number', variables: 'all' },
			'fail',
		);

		expect(readCsv(csv)).toEqual([
			['phone_number', 'first_name', 'last_name', 'email', 'plan'],
			['+14155550101', 'Ann', 'Lee', 'ann@example.com', 'Pro'],
		]);
		expect(report.warnings).toEqual([]);
	});

	test('a mapped field still wins over a same-named one', () => {
		const { csv } = buildCsvFromRecords(
			[{ phone_number: '+14155550101', first_name: 'Ann', nickname: 'Annie' }],
			{ phoneField: 'phone_number', firstNameField: 'nickname', variables: 'none' },
			'fail',
		);

		expect(readCsv(csv)).toEqual([['phone_number', 'first_name'], ['+14155550101', 'Annie']]);
	});

	test('"all" does not send the rest of an object a mapped dot path points into', () => {
		const { csv } = buildCsvFromRecords(
			[{ id: 7, properties: { phone: '+14155550101', ssn: '078-05-1120' } }],
			{ phoneField: 'properties.phone', variables: 'all' },
			'fail',
		);

		expect(readCsv(csv)).toEqual([['phone_number', 'id'], ['+14155550101', '7']]);
	});
});

describe('buildCsvFromRecords: {variable} names always get their own field', () => {
	const ALL: ItemFieldMapping = { phoneField: 'phone_number', variables: 'all' };

	test.each([
		[{ _id: 'a', id: 'b' }, ['_id', 'id'], []],
		[{ 'id!': 'a', id: 'b' }, ['id_2', 'id'], ['"id!" → {id_2}']],
		[{ 東京: 'a', field: 'b' }, ['field_2', 'field'], ['"東京" → {field_2}']],
		[{ first_name_: 'a', 'first name': 'b' }, ['first_name_', 'first_name_2'], ['"first name" → {first_name_2}']],
	])('%j is sent under the columns %j', (fields, columns, renames) => {
		const { csv, report } = buildCsvFromRecords([{ phone_number: '+14155550123', ...fields }], ALL, 'fail');
		expect(readCsv(csv)).toEqual([['phone_number', ...columns], ['+14155550123', 'a', 'b']]);
		expect(report.warnings).toEqual(
			renames.length === 0 ? [] : [`Some fields are sent under another column name, which is the variable the agent's prompt must use: ${renames.join(', ')}.`],
		);
	});

	test('random items with colliding keys: each column holds one field, usable names are kept, renames are reported', () => {
		const random = mulberry32(13);
		const keys = ['id', '_id', 'id!', 'ID', 'id_2', '東京', '中文', 'field', 'field_2', 'a b', 'a_b', 'a-b', '1a', 'field_1a',
			'first_name', 'first_name_', 'First Name', 'email', 'e-mail', 'phone_number_2', 'Prénom', 'Prenom', ' x', 'x', ''];
		const faults: string[] = [];
		for (let sample = 0; sample < 300; sample++) {
			const records = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, item) => {
				const record: Record<string, unknown> = { phone_number: `+1415555${String(item).padStart(4, '0')}` };
				for (let count = Math.floor(random() * 6); count > 0; count--) {
					const key = pick(random, keys);
					record[key] = `${item}:${key}`;
				}
				return record;
			});
			const fault = columnFault(records, buildCsvFromRecords(records, ALL, 'fail'));
			if (fault !== undefined) faults.push(`${JSON.stringify(records)}: ${fault}`);
		}
		expect(faults).toEqual([]);
	});
});

/** What is wrong with the columns built for records whose values are `item:key`, or undefined. */
function columnFault(records: Array<Record<string, unknown>>, built: ReturnType<typeof buildCsvFromRecords>): string | undefined {
	const [header, ...rows] = readCsv(built.csv);
	const renames = built.report.warnings.join(' ');
	for (const [index, column] of header.entries()) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(column) || header.indexOf(column) !== index) return `bad column ${column}`;
		const fields = new Set(rows.map((row) => row[index]).filter((cell) => cell !== '').map((cell) => cell.slice(cell.indexOf(':') + 1)));
		if (index === 0 || fields.size === 0) continue;
		if (fields.size > 1) return `{${column}} mixes ${[...fields].join(' and ')}`;
		const [field] = fields;
		if (!records.every((record, item) => !(field in record) || rows[item][index] === `${item}:${field}`)) return `{${column}} lost values`;
		if (/^[A-Za-z_]\w*$/.test(field) && column !== field) return `usable "${field}" was renamed to {${column}}`;
		if (column !== field && records.some((record) => column in record)) return `"${field}" took the name of the field ${column}`;
		if (column !== field && !renames.includes(`"${field}" → {${column}}`)) return `"${field}" → {${column}} is not reported`;
	}
	return undefined;
}
