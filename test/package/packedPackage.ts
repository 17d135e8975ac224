import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../engine/nodePackage';

// What a user gets from npm: the tarball `npm pack` makes of the built package (dist/ must
// exist: `npm test` builds first), and that tarball installed the way n8n installs it.

/**
 * The flags n8n's community-package installer gives `npm install` (n8n 1.123's
 * community-packages.service: NPM_COMMON_ARGS and NPM_INSTALL_ARGS, less --registry).
 */
export const N8N_INSTALL_FLAGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
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
 * Installs a tarball as n8n's community-package installer does in `<user folder>/.n8n/nodes`:
 * unpacks it into node_modules/<name>, drops dev, peer and optional dependencies from its
 * package.json, runs `npm install` with the installer's flags inside it, and records it in the
 * nodes folder's package.json. Returns the installed package's folder.
 */
export function installAsN8nDoes(tarball: string, nodesFolder: string): string {
	mkdirSync(nodesFolder, { recursive: true });
	const nodesPackageJson = { name: 'installed-nodes', private: true, dependencies: {} as Record<string, string> };
	const { name } = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], nodesFolder)) as { name: string };
	const packageFolder = path.join(nodesFolder, 'node_modules', name);
	mkdirSync(packageFolder, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', packageFolder, '--strip-components=1'], nodesFolder);

	const packageJsonFile = path.join(packageFolder, 'package.json');
	const packageJson = JSON.parse(readFileSync(packageJsonFile, 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete packageJson[field];
	writeFileSync(packageJsonFile, JSON.stringify(packageJson, null, 2));
	run('npm', ['install', ...N8N_INSTALL_FLAGS], packageFolder);

	nodesPackageJson.dependencies[name] = String(packageJson.version);
	writeFileSync(path.join(nodesFolder, 'package.json'), JSON.stringify(nodesPackageJson, null, 2));
	return packageFolder;
}
