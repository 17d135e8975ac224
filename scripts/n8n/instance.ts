// A throw-away n8n user folder with the packed package installed the way n8n's community-package
// installer does, and a folder of files its workflows may read.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { installAsN8nDoes } from '../../test/package/packedPackage';
import type { N8nInstance } from './environment';
import { ensureN8n, type N8nVersion } from './install';
import { freePort } from './server';

/** `files` are copied into the instance's files folder (the only one Read/Write File may touch). */
export async function newInstance(version: N8nVersion, work: string, tarball: string, files: string[]): Promise<N8nInstance> {
	const runtime = ensureN8n(version);
	const userFolder = path.join(work, 'user');
	installAsN8nDoes(tarball, path.join(userFolder, '.n8n', 'nodes'));
	const filesFolder = path.join(work, 'files');
	mkdirSync(filesFolder, { recursive: true });
	for (const file of files) copyFileSync(file, path.join(filesFolder, path.basename(file)));
	return { runtime, userFolder, filesFolder, port: await freePort() };
}
