import { TestEnvironment } from 'jest-environment-node';

// Jest's node environment, plus a check when a test file is done: every server, socket, timer
// or other handle the file opened must be closed by its own teardown. One left open keeps the
// worker alive ("A worker process has failed to exit gracefully") and, worse, hides a missing
// close() in the code under test; this names the file instead of warning at the end of the run.

/** The worker's own channel to Jest and the terminal: always there, not the test's doing. */
const NOT_THE_TESTS = new Set(['PipeWrap', 'TTYWrap']);
/** Closing sockets and servers finishes on later turns of the event loop: give it that long. */
const SETTLE_MS = 2000;

type Counts = Map<string, number>;

function openHandles(): Counts {
	const counts: Counts = new Map();
	for (const type of process.getActiveResourcesInfo()) {
		if (!NOT_THE_TESTS.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
	}
	return counts;
}

function leftOpen(before: Counts): string[] {
	return [...openHandles()]
		.filter(([type, count]) => count > (before.get(type) ?? 0))
		.map(([type, count]) => `${count - (before.get(type) ?? 0)} × ${type}`);
}

export default class NoOpenHandlesEnvironment extends TestEnvironment {
	private before: Counts = new Map();

	async setup(): Promise<void> {
		await super.setup();
		this.before = openHandles();
	}

	async teardown(): Promise<void> {
		await super.teardown();
		let leaked = leftOpen(this.before);
		for (let waited = 0; leaked.length > 0 && waited < SETTLE_MS; waited += 50) {
			await new Promise((resolve) => setTimeout(resolve, 50).unref());
			leaked = leftOpen(this.before);
		}
		if (leaked.length > 0) {
			throw new Error(`The test file left open ${leaked.join(', ')} after its teardown: close what it opened (servers, sockets, agents, timers) in an afterAll`);
		}
	}
}
