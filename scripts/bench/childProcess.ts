// Forking the benchmark's TypeScript helpers as child processes, and talking to them over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** The repository root: children run from there so ts-node finds tsconfig.json. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Node flags for a child: TypeScript through ts-node, and a callable gc() for the idle baseline. */
const TS_EXEC_ARGV = ['--expose-gc', '-r', 'ts-node/register/transpile-only'];

/** Starts `scripts/bench/<script>` with a JSON argument; its stdout and stderr show in ours. */
export function forkBenchScript(script: string, argument: unknown, env: NodeJS.ProcessEnv = {}): ChildProcess {
	return fork(path.join(__dirname, script), [JSON.stringify(argument)], {
		cwd: REPO_ROOT,
		execArgv: TS_EXEC_ARGV,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

/** The child's next IPC message; rejects if it exits first or takes longer than `timeoutMs`. */
export function nextMessage<T>(child: ChildProcess, timeoutMs: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const cleanUp = () => {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
			child.off('error', onError);
		};
		const onMessage = (message: unknown) => {
			cleanUp();
			resolve(message as T);
		};
		const onExit = (code: number | null, signal: string | null) => {
			cleanUp();
			reject(new Error(`${describe(child)} exited (code ${code}, signal ${signal}) before it answered`));
		};
		const onError = (error: Error) => {
			cleanUp();
			reject(error);
		};
		const timer = setTimeout(() => {
			cleanUp();
			child.kill();
			reject(new Error(`${describe(child)} did not answer within ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('message', onMessage);
		child.once('exit', onExit);
		child.once('error', onError);
	});
}

/** Resolves once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Runs a one-shot child to its single answer and waits for it to exit. */
export async function runOnce<T>(script: string, argument: unknown, timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<T> {
	const child = forkBenchScript(script, argument, env);
	try {
		return await nextMessage<T>(child, timeoutMs);
	} finally {
		await exited(child);
	}
}

function describe(child: ChildProcess): string {
	return `Benchmark child ${child.spawnargs.slice(-2, -1)[0] ?? ''} (pid ${child.pid})`;
}
