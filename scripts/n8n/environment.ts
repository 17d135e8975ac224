// The environment a throw-away n8n runs with: its own user folder, nothing phoned home, loopback only.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { N8nRuntime } from './install';

export type BinaryDataMode = 'default' | 'filesystem';

export interface N8nInstance {
	runtime: N8nRuntime;
	/** N8N_USER_FOLDER: n8n keeps .n8n/ (database, settings, nodes/) in it. */
	userFolder: string;
	/** The only folder Read/Write File may touch (n8n 2.x enforces it by default). */
	filesFolder: string;
	port: number;
}

export function n8nEnvironment(instance: N8nInstance, binaryDataMode: BinaryDataMode): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: instance.runtime.path,
		N8N_USER_FOLDER: instance.userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(instance.port),
		N8N_SECURE_COOKIE: 'false',
		N8N_RESTRICT_FILE_ACCESS_TO: instance.filesFolder,
		N8N_DEFAULT_BINARY_DATA_MODE: binaryDataMode,
		N8N_LOG_LEVEL: 'info',
		NODE_ENV: 'production',
	};
}

export interface CommandResult {
	status: number | null;
	/** The signal that ended n8n, when one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

let commands = 0;

/**
 * Runs one n8n CLI command (import:credentials, execute, …) to its end. Its stdout goes to a
 * file, not a pipe: n8n ends with process.exit, which drops what a pipe has not taken yet (the
 * run `execute --rawOutput` printed for a 20 MB file in the default binary mode, base64 and all,
 * was cut at about 10 MB); writes to a file are done when they return.
 */
export async function n8nCommand(
	instance: N8nInstance,
	args: string[],
	binaryDataMode: BinaryDataMode = 'default',
	cwd = instance.filesFolder,
): Promise<CommandResult> {
	const stdoutFile = path.join(instance.userFolder, `n8n-stdout-${process.pid}-${++commands}.txt`);
	const stdoutFd = openSync(stdoutFile, 'w');
	try {
		const { status, signal, stderr } = await new Promise<Omit<CommandResult, 'stdout'>>((resolve, reject) => {
			const child = spawn(instance.runtime.node, [instance.runtime.n8n, ...args], {
				cwd,
				env: n8nEnvironment(instance, binaryDataMode),
				stdio: ['ignore', stdoutFd, 'pipe'],
			});
			let errors = '';
			child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
			child.on('error', reject);
			child.on('close', (code, ended) => resolve({ status: code, signal: ended, stderr: errors }));
		});
		return { status, signal, stdout: readFileSync(stdoutFile, 'utf8'), stderr };
	} finally {
		closeSync(stdoutFd);
		rmSync(stdoutFile, { force: true });
	}
}
