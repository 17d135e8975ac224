import { checkHeader, toVariableColumnName, uniqueColumnNames } from '../../nodes/TrilletBatchCall/contacts/columns';
import { mulberry32, pick } from './csvFixtures';
import { contactsErrorFrom } from './uploadTestKit';

describe('checkHeader', () => {
	test('returns the trimmed column names and where phone_number is', () => {
		expect(checkHeader([' first_name', 'phone_number ', 'company'])).toEqual({
			columns: ['first_name', 'phone_number', 'company'],
			phoneIndex: 1,
			warnings: [],
			unnamedTrailingColumns: 0,
		});
	});

	test('ignores a byte order mark that got through in the first name', () => {
		expect(checkHeader(['\uFEFFphone_number', 'email']).phoneIndex).toBe(0);
	});

	test.each(['Phone Number', 'PHONE_NUMBER', 'phone-number', 'phone.number', 'phoneNumber', ' Phone_Number '])(
		'tells the user to rename the near-miss %j to phone_number',
		(nearMiss) => {
			const error = contactsErrorFrom(() => checkHeader(['first_name', nearMiss, 'email']));
			expect(error.message).toContain(`"${nearMiss.trim()}"`);
			expect(error.hint).toContain(`Rename the column "${nearMiss.trim()}" to "phone_number"`);
		},
	);

	test.each(['phone', 'Mobile', 'mobile_number', 'Cell', 'Telephone', 'tel', 'Number', 'MSISDN'])(
		'tells the user to rename the synonym %j to phone_number',
		(synonym) => {
			expect(() => checkHeader(['name', synonym])).toThrow(
				expect.objectContaining({ hint: expect.stringContaining(`Rename the column "${synonym}" to "phone_number"`) }),
			);
		},
	);

	test('prefers a spelling of phone_number over a synonym when naming the column to rename', () => {
		const error = contactsErrorFrom(() => checkHeader(['mobile', 'Phone Number']));
		expect(error.hint).toContain('"Phone Number"');
	});

	test('lists the first ten columns found when nothing looks like a phone column', () => {
		const columns = Array.from({ length: 13 }, (_, index) => `col${index + 1}`);
		const error = contactsErrorFrom(() => checkHeader(columns));
		expect(error.message).toContain('"col1", "col2"');
		expect(error.message).toContain('"col10" and 3 more');
		expect(error.message).not.toContain('"col11"');
		expect(error.hint).toContain('"phone_number"');
	});

	test('says the header is missing when the first line holds a phone number', () => {
		const error = contactsErrorFrom(() => checkHeader(['+1 (415) 555-0123', 'Ann']));
		expect(error.message).toMatch(/looks like a contact rather than a header/);
		expect(error.hint).toMatch(/Add a header line/);
	});

	test('refuses phone_number twice', () => {
		expect(() => checkHeader(['phone_number', 'name', ' phone_number'])).toThrow(/"phone_number" more than once/);
	});

	test('refuses a column without a name and says which one', () => {
		const error = contactsErrorFrom(() => checkHeader(['phone_number', ' ', 'name']));
		expect(error.message).toContain('Column 2');
		expect(error.hint).toMatch(/comma at the end of the header/);
	});

	test('leaves out unnamed columns at the end of the header, and says so', () => {
		const header = checkHeader(['phone_number', 'name', ' ', '']);
		expect(header).toMatchObject({ columns: ['phone_number', 'name'], unnamedTrailingColumns: 2 });
		expect(header.warnings).toEqual(['The header line ends with 2 commas (columns with no name), empty in every row: they were left out.']);
	});

	test('refuses duplicate column names and names them', () => {
		expect(() => checkHeader(['phone_number', 'city', 'zip', 'city ', 'zip'])).toThrow(
			'duplicate column names: "city", "zip"',
		);
	});

	test('treats names differing only in case as different columns', () => {
		expect(checkHeader(['phone_number', 'City', 'city']).columns).toEqual(['phone_number', 'City', 'city']);
	});

	test.each([
		['First Name', 'first_name'],
		['firstname', 'first_name'],
		['FIRST_NAME', 'first_name'],
		['Surname', 'last_name'],
		['Last-Name', 'last_name'],
		['Email Address', 'email'],
		['e-mail', 'email'],
		['Email', 'email'],
	])('warns that %j will be a variable, not %s, and suggests the rename', (nearMiss, known) => {
		const { warnings } = checkHeader(['phone_number', nearMiss]);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain(`{${nearMiss}}`);
		expect(warnings[0]).toContain(`Rename it to "${known}"`);
	});

	test('does not warn about a near-miss when the real column is also there', () => {
		expect(checkHeader(['phone_number', 'first_name', 'First Name']).warnings).toEqual([]);
	});

	test('does not warn about ordinary variable columns', () => {
		expect(checkHeader(['phone_number', 'company', 'appointment_time']).warnings).toEqual([]);
	});
});

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
