import { toVariableColumnName, uniqueColumnNames } from '../../../nodes/TrilletBatchCall/contacts/items/columnNames';
import { mulberry32, pick } from '../csvFixtures';

describe('toVariableColumnName', () => {
	test.each([
		['company', 'company'],
		['First Name', 'First_Name'],
		['  order id  ', 'order_id'],
		['e-mail / fax', 'e_mail_fax'],
		['Prénom', 'Prenom'],
		['__private__', 'private'],
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

describe('uniqueColumnNames', () => {
	test('keeps names that are already unique', () => {
		expect(uniqueColumnNames(['phone_number', 'name', 'Name'])).toEqual(['phone_number', 'name', 'Name']);
	});

	test('suffixes later duplicates with _2, _3 and so on', () => {
		expect(uniqueColumnNames(['tag', 'tag', 'x', 'tag'])).toEqual(['tag', 'tag_2', 'x', 'tag_3']);
	});

	test('never takes a name that is already in the list', () => {
		expect(uniqueColumnNames(['a', 'a', 'a_2', 'a_3'])).toEqual(['a', 'a_4', 'a_2', 'a_3']);
	});

	test('makes every name unique for random lists while keeping first occurrences', () => {
		const random = mulberry32(11);
		for (let sample = 0; sample < 500; sample++) {
			const names = Array.from({ length: Math.floor(random() * 10) }, () => pick(random, ['a', 'a_2', 'b', 'a_2_2', 'A']));
			const unique = uniqueColumnNames(names);
			expect(new Set(unique).size).toBe(names.length);
			names.forEach((name, index) => {
				if (names.indexOf(name) === index) expect(unique[index]).toBe(name);
			});
		}
	});
});
