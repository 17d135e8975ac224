import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../engine/nodePackage';

// What a user gets from npm: the tarball `npm pack` makes of the built package (dist/ must
// exist: `npm test` builds first), and that tarball installed the way n8n installs it.

/** The flags n8n's community-package installer gives `npm install` (community-packages.service). */
export const N8N_INSTALL_FLAGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--omit=dev',
	'--omit=optional',
	'--omit=peer',
	'--ignore-scripts',
];

function run(command: string, args: string[], cwd: string): string {
	return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Packs the package into `folder` and returns the tarball's path. */
export function packInto(folder: string): string {
	const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', folder], PACKAGE_ROOT)) as Array<{
		filename: string;
	}>;
	return path.join(folder, filename);
}

/** Unpacks a tarball into `folder`; returns the package's folder (npm puts it in `package/`). */
export function unpack(tarball: string, folder: string): string {
	run('tar', ['-xzf', tarball, '-C', folder], folder);
	return path.join(folder, 'package');
}

/**
 * Installs a tarball as n8n does into `<n8n user folder>/.n8n/nodes`: a private package.json,
 * then `npm install` with the installer's flags. Returns the installed package's folder.
 */
export function installAsN8nDoes(tarball: string, nodesFolder: string): string {
	mkdirSync(nodesFolder, { recursive: true });
	writeFileSync(
		path.join(nodesFolder, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	run('npm', ['install', ...N8N_INSTALL_FLAGS, tarball], nodesFolder);
	const { name } = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], nodesFolder)) as { name: string };
	return path.join(nodesFolder, 'node_modules', name);
}
