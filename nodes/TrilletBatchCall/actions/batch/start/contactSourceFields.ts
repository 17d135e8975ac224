import type { INodeProperties } from 'n8n-workflow';

const fromBinary = { displayOptions: { show: { source: ['binary'] } } };
const fromItems = { displayOptions: { show: { source: ['items'] } } };

export const contactSourceFields: INodeProperties[] = [
	{
		displayName: 'Contacts From',
		name: 'source',
		type: 'options',
		default: 'binary',
		options: [
			{
				name: 'CSV File',
				value: 'binary',
				description: 'Each input item carries a CSV file (Google Sheets download, CRM export, Read File …): one batch per file',
			},
			{
				name: 'Input Items',
				value: 'items',
				description: 'Each input item is one person to call (rows of a sheet, CRM contacts …): all items make one batch',
			},
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The CSV needs a phone_number column in international format, e.g. +14155550123. first_name, last_name and email are optional; every other column is a variable the agent can use as {column}.',
		description: 'The name of the input binary field that holds the CSV, usually "data"',
		...fromBinary,
	},
	{
		displayName:
			'All input items start one batch together, so Agent, Schedule and Options are read once, from the first item',
		name: 'itemsNotice',
		type: 'notice',
		default: '',
		...fromItems,
	},
	{
		displayName: 'Phone Number Field',
		name: 'phoneField',
		type: 'string',
		default: 'phone_number',
		required: true,
		requiresDataPath: 'single',
		hint: 'The field name, not its value: drag the field in, or type e.g. properties.phone. Numbers must be in international format, e.g. +14155550123.',
		description: 'The item field holding the number to call',
		...fromItems,
	},
	{
		displayName: 'First Name Field',
		name: 'firstNameField',
		type: 'string',
		default: '',
		requiresDataPath: 'single',
		description: 'The item field sent as first_name; leave empty to send none',
		placeholder: 'e.g. first_name',
		...fromItems,
	},
	{
		displayName: 'Last Name Field',
		name: 'lastNameField',
		type: 'string',
		default: '',
		requiresDataPath: 'single',
		description: 'The item field sent as last_name; leave empty to send none',
		placeholder: 'e.g. last_name',
		...fromItems,
	},
	{
		displayName: 'Email Field',
		name: 'emailField',
		type: 'string',
		default: '',
		requiresDataPath: 'single',
		description: 'The item field sent as email; leave empty to send none',
		placeholder: 'e.g. email',
		...fromItems,
	},
	{
		displayName: 'Agent Variables',
		name: 'variables',
		type: 'options',
		default: 'all',
		description: 'Which other fields become columns the agent can use in its prompt as {column}',
		options: [
			{ name: 'All Other Fields', value: 'all' },
			{ name: 'Selected Fields', value: 'selected' },
			{ name: 'None', value: 'none' },
		],
		...fromItems,
	},
	{
		displayName: 'Fields to Send',
		name: 'variableFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Field',
		displayOptions: { show: { source: ['items'], variables: ['selected'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name',
						name: 'field',
						type: 'string',
						default: '',
						requiresDataPath: 'single',
						description: 'The item field to send; dot paths reach into nested objects',
					},
					{
						displayName: 'Column Name',
						name: 'column',
						type: 'string',
						default: '',
						description: 'The name the agent sees, as {column}; by default the field name',
					},
				],
			},
		],
	},
];
