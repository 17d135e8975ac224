// The Trillet emulator in a process of its own, in its BENCH MODE: an upload's CSV is not parsed,
// only its lines counted, so what is compared is the clients' own cost. Talks to its parent over IPC:
// it sends `ready` with where to reach it; `reset` forgets requests and batches; `close` ends it.
import { startTrilletEmulator } from '../../test/emulator';
import { emulatorAddress } from './emulatorAddress';

export type EmulatorCommand = { type: 'reset' } | { type: 'close' };

async function main(): Promise<void> {
	if (process.send === undefined) throw new Error('emulatorProcess.ts is started by scripts/bench.ts over IPC');
	const send = process.send.bind(process);
	const emulator = await startTrilletEmulator({ benchCountLinesOnly: true });
	const gc = (globalThis as { gc?: () => void }).gc;
	const close = async () => {
		await emulator.close();
		process.exit(0);
	};
	process.on('disconnect', () => void close());
	process.on('message', (command: EmulatorCommand) => {
		if (command.type === 'close') return void close();
		// Each batch holds its 200,000 rows: drop them so the emulator stays small across runs.
		emulator.reset();
		gc?.();
		send({ type: 'reset' });
	});
	send(emulatorAddress(emulator));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
