import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { startTrilletEmulator } from '../emulator';
import { EXAMPLES_FOLDER, loadExample } from '../engine/examples';
import { PACKAGE_ROOT } from '../engine/nodePackage';
import { runWorkflow } from '../engine/runWorkflow';
import { emulatorCredentials } from '../engine/trilletWorkflow';

// These tests read dist/: `npm test` builds first.
const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	keywords: string[];
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
};

function packedFiles(): string[] {
	const result = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
	const [pack] = JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path);
}

describe('the published package', () => {
	test('has no runtime dependencies and takes n8n-workflow from the n8n it is installed in', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	});

	test('holds only the build, the README and the licence: no tests, sources or examples', () => {
		const files = packedFiles();

		const unexpected = files.filter(
			(file) =>
				!/^dist\/.+\.(js|d\.ts|svg|json)$/.test(file) && !['README.md', 'LICENSE', 'package.json', 'index.js'].includes(file),
		);
		expect(unexpected).toEqual([]);
		expect(files).toEqual(expect.arrayContaining([...pkg.n8n.nodes, ...pkg.n8n.credentials, 'README.md', 'LICENSE']));
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/TrilletBatchCall/trillet.svg',
				'dist/nodes/TrilletBatchCall/trillet.dark.svg',
				'dist/nodes/TrilletBatchCall/TrilletBatchCall.node.json',
			]),
		);
	});

	test('the built node, loaded from dist/ as n8n loads it, runs the example workflow', async () => {
		const emulator = await startTrilletEmulator();
		try {
			const run = await runWorkflow(loadExample('csv-to-batch.json', emulator.agents[0]._id), {
				credentials: emulatorCredentials(emulator),
				packageFrom: 'dist',
				workflowFolder: EXAMPLES_FOLDER,
			});

			expect(run.error('Call the renewals list')).toBeUndefined();
			expect(run.output('Call the renewals list')[0].json.batchId).toBe(emulator.batches()[0].id);
		} finally {
			await emulator.close();
		}
	});
});
