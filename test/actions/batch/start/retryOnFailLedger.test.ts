import { useTrilletEmulator } from '../../../emulator';
import type { TestFile } from '../../../engine/standInNodes';
import { csvFile, TRILLET } from '../../../engine/trilletWorkflow';
import { runStart, uploads } from './startHelpers';

// n8n's Retry On Fail runs the whole node again on the same items in the same execution: no batch
// that started on an earlier try may be uploaded again, however many there are, and what one
// execution remembers belongs to it alone.

const RETRY = { nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } };
const AGENT_FROM_ITEM = { agent: { __rl: true, mode: 'id', value: '={{ $json.agent }}' } };

/** `count` different one-row lists; the last is for an agent Trillet does not know, so it is refused. */
function filesEndingInARefusal(count: number, agentId: string, tag = 0): TestFile[] {
	return Array.from({ length: count }, (_, index) =>
		csvFile(`phone_number\n+1415${String(tag * 100_000 + index).padStart(7, '0')}\n`, `list-${tag}-${index}.csv`, {
			json: { agent: index === count - 1 ? 'agent_refused' : agentId },
		}),
	);
}

function uploadCountsByFile(emulator: ReturnType<typeof useTrilletEmulator>): Map<string, number> {
	const counts = new Map<string, number>();
	for (const upload of uploads(emulator)) {
		const name = upload.file?.fileName ?? '';
		counts.set(name, (counts.get(name) ?? 0) + 1);
	}
	return counts;
}

describe('Retry On Fail never uploads a batch twice in one execution', () => {
	const emulator = useTrilletEmulator();

	test('1,002 lists, the last refused: the retry uploads only the refused one again, none of the 1,001 started', async () => {
		const files = filesEndingInARefusal(1002, emulator.agents[0]._id);
		const run = await runStart(emulator, { files }, AGENT_FROM_ITEM, RETRY);

		expect(run.error(TRILLET)?.message).toMatch(/Trillet answered 404/);
		// 1,001 started once each, the refused one tried once per try
		expect(uploads(emulator)).toHaveLength(1003);
		expect(emulator.batches()).toHaveLength(1001);
		const counts = uploadCountsByFile(emulator);
		expect([...counts.entries()].filter(([, count]) => count > 1)).toEqual([['list-0-1001.csv', 2]]);
	}, 300_000);

	test('what the node started is kept in its own execution’s data, and goes when the execution goes', async () => {
		const files = filesEndingInARefusal(3, emulator.agents[0]._id);
		const run = await runStart(emulator, { files }, AGENT_FROM_ITEM, RETRY);

		const nodeContext = run.run.data.executionData?.contextData['node:Trillet'] as { startedBatches?: object } | undefined;
		const started = Object.values(nodeContext?.startedBatches ?? {}) as Array<{ response: { batchId: string } }>;
		expect(started.map((entry) => entry.response.batchId).sort()).toEqual(emulator.batches().map((batch) => batch.id).sort());
	});

	test('executions running side by side neither see nor push out each other’s batches', async () => {
		const agentId = emulator.agents[0]._id;
		// the same lists in each execution: only the execution's own ledger may say "already started"
		const runs = await Promise.all([0, 1, 2].map(() => runStart(emulator, { files: filesEndingInARefusal(40, agentId) }, AGENT_FROM_ITEM, RETRY)));

		for (const run of runs) expect(run.error(TRILLET)?.message).toMatch(/Trillet answered 404/);
		const counts = uploadCountsByFile(emulator);
		for (let index = 0; index < 39; index++) expect(counts.get(`list-0-${index}.csv`)).toBe(3);
		expect(counts.get('list-0-39.csv')).toBe(6);
		expect(emulator.batches()).toHaveLength(3 * 39);
	}, 120_000);
});
