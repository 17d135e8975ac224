import { checkHeader } from '../../nodes/TrilletBatchCall/contacts/columns';
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
