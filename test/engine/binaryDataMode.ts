import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Container } from '@n8n/di';
import type { IBinaryData } from 'n8n-workflow';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

/** How n8n keeps binary data: in the item as base64 (`default`) or in files on disk. */
export type BinaryDataMode = 'default' | 'filesystem';

let userFolderReady = false;

/** n8n-core reads its settings from a user folder; tests get a fresh one of their own. */
function ensureUserFolder(): void {
	if (userFolderReady) return;
	if (process.env.N8N_USER_FOLDER === undefined) {
		// inside the test run's folder (removed by jest's global teardown), or the system's for scripts
		const runFolder = process.env.TRILLET_TEST_TMP;
		const folder = mkdtempSync(path.join(runFolder ?? tmpdir(), 'n8n-user-'));
		process.env.N8N_USER_FOLDER = folder;
		// A script removes its own. A jest worker must not: a synchronous delete at exit counts
		// against the half second jest gives a worker to exit, and its global teardown removes it.
		if (runFolder === undefined) process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
	}
	// n8n logs every node error it sees; the tests assert on those errors instead.
	process.env.N8N_LOG_LEVEL ??= 'silent';
	userFolderReady = true;
}

let currentMode: BinaryDataMode | undefined;

/** Switches the process's BinaryDataService to a mode, as N8N_DEFAULT_BINARY_DATA_MODE would. */
export async function useBinaryDataMode(mode: BinaryDataMode): Promise<void> {
	if (currentMode === mode) return;
	ensureUserFolder();
	Container.get(BinaryDataConfig).mode = mode;
	await Container.get(BinaryDataService).init();
	currentMode = mode;
}

/** The bytes of a binary field a node put out, wherever the mode in force keeps them. */
export async function binaryBytes(binary: IBinaryData | undefined): Promise<Buffer> {
	if (binary === undefined) throw new Error('The item has no such binary field');
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
