import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startTrilletEmulator } from '../emulator';
import { EXAMPLES_FOLDER, loadExample } from '../engine/examples';
import { loadNodePackage, PACKAGE_ROOT } from '../engine/nodePackage';
import { runWorkflow } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';
import { installAsN8nDoes, packInto, unpack } from './packedPackage';

// These tests read dist/: `npm test` builds first.
interface PackageJson {
	name: string;
	version: string;
	author: { name: string; email: string };
	bugs: { url: string };
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	keywords: string[];
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
}
const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;

function filesUnder(folder: string, prefix = ''): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? filesUnder(path.join(folder, entry.name), `${prefix}${entry.name}/`)
			: [`${prefix}${entry.name}`],
	);
}

describe('the published package', () => {
	// one temporary folder per file, inside the run's own (removed by the global teardown)
	const work = mkdtempSync(path.join(process.env.TRILLET_TEST_TMP ?? tmpdir(), 'package-'));
	let tarball: string;
	let unpacked: string;

	beforeAll(() => {
		tarball = packInto(work);
		unpacked = unpack(tarball, work);
	});

	test('has no runtime dependencies, takes n8n-workflow from n8n, and says who to contact', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
		expect(pkg.bugs.url).toMatch(/^https:\/\/github\.com\/.+\/issues$/);
	});

	test('the tarball holds only what n8n loads, the README and the licence: no sources, types or tests', () => {
		const files = filesUnder(unpacked).sort();

		const unexpected = files.filter(
			(file) => !/^dist\/.+\.(js|svg|node\.json)$/.test(file) && !['README.md', 'LICENSE', 'package.json', 'index.js'].includes(file),
		);
		expect(unexpected).toEqual([]);
		expect(files).toEqual(
			expect.arrayContaining([
				...pkg.n8n.nodes,
				...pkg.n8n.credentials,
				'dist/nodes/TrilletBatchCall/trillet.svg',
				'dist/nodes/TrilletBatchCall/trillet.dark.svg',
				'dist/nodes/TrilletBatchCall/TrilletBatchCall.node.json',
				'README.md',
				'LICENSE',
			]),
		);
	});

	describe('installed from the tarball as n8n installs a community package', () => {
		let installed: string;

		beforeAll(() => {
			installed = installAsN8nDoes(tarball, path.join(work, '.n8n', 'nodes'));
		});

		test('brings nothing with it: n8n-workflow is n8n’s own, not a copy in the nodes folder', () => {
			expect(readdirSync(path.join(work, '.n8n', 'nodes', 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([
				pkg.name,
			]);
			expect(readdirSync(installed)).not.toContain('node_modules');
		});

		test('n8n finds the node and the credential that its package.json lists', () => {
			const loaded = loadNodePackage({ installedAt: installed });

			expect(Object.keys(loaded.nodes)).toEqual([
				`${pkg.name}.trilletBatchCall`,
				`${pkg.name}.trilletBatchCallTool`,
				`${pkg.name}.trilletTrigger`,
			]);
			expect(Object.keys(loaded.credentials)).toEqual(['trilletApi']);
			expect(loaded.nodes[`${pkg.name}.trilletBatchCall`].description.credentials).toEqual([
				expect.objectContaining({ name: 'trilletApi', required: true }),
			]);
		});

		test('the installed node runs the example workflow', async () => {
			const emulator = await startTrilletEmulator();
			try {
				const run = await runWorkflow(loadExample('csv-to-batch.json', emulator.agents[0]._id), {
					credentials: emulatorCredentials(emulator),
					packageFrom: { installedAt: installed },
					workflowFolder: EXAMPLES_FOLDER,
				});

				expect(run.error('Call the renewals list')).toBeUndefined();
				expect(run.output('Call the renewals list')[0].json.batchId).toBe(emulator.batches()[0].id);
			} finally {
				await emulator.close();
			}
		});
	});
});
