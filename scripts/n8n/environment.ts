// The environment a throw-away n8n runs with: its own user folder, nothing phoned home, loopback only.
import { spawn } from 'node:child_process';
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

/** Runs one n8n CLI command (import:credentials, execute, …) to its end. */
export function n8nCommand(
	instance: N8nInstance,
	args: string[],
	binaryDataMode: BinaryDataMode = 'default',
	cwd = instance.filesFolder,
): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(instance.runtime.node, [instance.runtime.n8n, ...args], {
			cwd,
			env: n8nEnvironment(instance, binaryDataMode),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
	});
}
