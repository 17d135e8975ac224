import { requestsTo, useTrilletEmulator } from '../../emulator';
import { TRILLET } from '../../engine/trilletWorkflow';
import { binaryText, csvRows, runTrillet } from '../followKit';

describe('Get CSV Template', () => {
	const emulator = useTrilletEmulator();

	test('outputs Trillet’s template as a CSV file, without needing a batch', async () => {
		const run = await runTrillet(emulator, { operation: 'getTemplate' }, [{}]);

		const [request] = requestsTo(emulator, 'GET', '/v1/api/batch-calls/template');
		expect(request.headers['x-workspace-id']).toBe(emulator.workspaceId);
		const [item] = run.output(TRILLET);
		const text = await binaryText(item);
		expect(text.split('\n')[0]).toBe('phone_number,first_name,last_name,email');
		expect(csvRows(text)).toEqual([{ phone_number: '+14155550123', first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com' }]);
		expect(item.binary?.data).toMatchObject({ mimeType: 'text/csv', fileName: 'batch-calls-template.csv' });
		expect(item.json).toEqual({ fileName: 'batch-calls-template.csv', rows: 1, bytes: Buffer.byteLength(text) });
	});

	test('puts the file in the binary field asked for, once per input item', async () => {
		const run = await runTrillet(emulator, { operation: 'getTemplate', binaryPropertyName: 'template' }, [{}, {}]);

		expect(requestsTo(emulator, 'GET', '/v1/api/batch-calls/template')).toHaveLength(2);
		expect(run.output(TRILLET).map((item) => [Object.keys(item.binary ?? {}), item.pairedItem])).toEqual([
			[['template'], { item: 0 }],
			[['template'], { item: 1 }],
		]);
	});
});
