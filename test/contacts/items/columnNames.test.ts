import { toVariableColumnName, variableColumnNames } from '../../../nodes/TrilletBatchCall/contacts/items/columnNames';
import { mulberry32, pick } from '../csvFixtures';

describe('toVariableColumnName', () => {
	test.each([
		['company', 'company'],
		['First Name', 'First_Name'],
		['  order id  ', 'order_id'],
		['e-mail / fax', 'e_mail_fax'],
		['Prénom', 'Prenom'],
		['__private__', '__private__'],
		['first_name_', 'first_name_'],
		['_id', '_id'],
		['-private-', 'private'],
		['2nd address', 'field_2nd_address'],
		['中文', 'field'],
		['', 'field'],
		['a__b', 'a__b'],
	])('turns %j into %j', (name, expected) => {
		expect(toVariableColumnName(name)).toBe(expected);
	});

	test('always gives a name of ASCII letters, digits and underscores that does not start with a digit', () => {
		const random = mulberry32(5);
		const characters = ['a', 'Z', '0', '9', '_', ' ', '-', 'é', '😀', '{', '}', '.', '\n'];
		for (let sample = 0; sample < 500; sample++) {
			const name = Array.from({ length: Math.floor(random() * 8) }, () => pick(random, characters)).join('');
			expect(toVariableColumnName(name)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
		}
	});
});

const API_COLUMNS = ['phone_number', 'first_name', 'last_name', 'email'];

describe('variableColumnNames', () => {
	test('keeps names that are usable and free, case-sensitively', () => {
		expect(variableColumnNames(['name', 'Name', 'first_name_', '_id'], API_COLUMNS)).toEqual(['name', 'Name', 'first_name_', '_id']);
	});

	test('renames a name the API uses and later repeats with _2, _3 and so on', () => {
		expect(variableColumnNames(['tag', 'tag', 'phone_number', 'x', 'tag'], API_COLUMNS)).toEqual([
			'tag',
			'tag_2',
			'phone_number_2',
			'x',
			'tag_3',
		]);
	});

	test('never gives a renamed field the name another field has, whatever their order', () => {
		expect(variableColumnNames(['_id!', 'id'], API_COLUMNS)).toEqual(['id_2', 'id']);
		expect(variableColumnNames(['id', '_id!'], API_COLUMNS)).toEqual(['id', 'id_2']);
		expect(variableColumnNames(['東京', 'field'], API_COLUMNS)).toEqual(['field_2', 'field']);
		expect(variableColumnNames(['a b', 'a_b', 'a_b_2'], API_COLUMNS)).toEqual(['a_b_3', 'a_b', 'a_b_2']);
		expect(variableColumnNames(['a', 'a', 'a_2', 'a_3'], API_COLUMNS)).toEqual(['a', 'a_4', 'a_2', 'a_3']);
	});

	test('random lists: unique usable names, usable free names kept, no rename onto any requested name', () => {
		const random = mulberry32(9);
		const pool = ['id', '_id', 'id_2', 'ID', '東京', '中文', 'field', 'field_2', 'field_3', 'a b', 'a_b', 'a-b', '1a', 'field_1a',
			'phone_number', 'first_name', 'first_name_', 'email', 'e-mail', 'e_mail', 'Prénom', 'Prenom', ' x', 'x', 'x_2', ''];
		const faults: string[] = [];
		for (let sample = 0; sample < 500; sample++) {
			const requested = Array.from({ length: Math.floor(random() * 12) }, () => pick(random, pool));
			const names = variableColumnNames(requested, API_COLUMNS);
			const fault = namingFault(requested, names);
			if (fault !== undefined) faults.push(`${JSON.stringify(requested)} → ${JSON.stringify(names)}: ${fault}`);
		}
		expect(faults).toEqual([]);
	});

	test.each([
		['distinct unusable names with the same safe form', (index: number) => String.fromCharCode(0x4e00 + index)],
		['names whose safe forms are the suffixed forms of others', (index: number) => (index % 2 === 0 ? `a_${index + 2}` : 'a!')],
		['the same name again and again', () => 'tag'],
		['distinct usable names', (index: number) => `field_${index}`],
		['one name and its suffixes, asked for in reverse', (index: number) => (index === 0 ? 'x' : `x_${10_001 - index}`)],
	])('tries a number of candidate names linear in the count: %s', (_, nameOf) => {
		for (const count of [1_000, 10_000]) {
			const requested = Array.from({ length: count }, (_, index) => nameOf(index));
			let probes = 0;
			const names = variableColumnNames(requested, API_COLUMNS, () => probes++);
			expect(new Set(names).size).toBe(count);
			expect(probes).toBeLessThanOrEqual(4 * count);
		}
	});
});

/** What is wrong with the names given for `requested`, or undefined when all is right. */
function namingFault(requested: readonly string[], names: readonly string[]): string | undefined {
	if (new Set([...API_COLUMNS, ...names]).size !== API_COLUMNS.length + requested.length) return 'a name is taken twice';
	for (const [index, name] of names.entries()) {
		const wanted = requested[index];
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `${name} is not usable as {variable}`;
		const usableAndFree = /^[A-Za-z_]\w*$/.test(wanted) && !API_COLUMNS.includes(wanted) && requested.indexOf(wanted) === index;
		if (usableAndFree && name !== wanted) return `${wanted} was renamed`;
		if (!usableAndFree && requested.includes(name)) return `${wanted} was renamed to ${name}, a name asked for`;
	}
	return undefined;
}
