import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../engine/nodePackage';

// n8n 1.x installs bring n8n-workflow 1.x, 2.x installs 2.x: the package must use only what both offer.
const versions = {
	'1.x': 'n8n-workflow-v1', // devDependency alias of n8n-workflow 1.120
	'2.x': 'n8n-workflow',
};

function builtFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return builtFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

/** The n8n-workflow values the compiled package reads (tsc writes them as `n8n_workflow_1.Name`). */
function n8nWorkflowValuesUsed(): string[] {
	const names = new Set<string>();
	for (const file of builtFiles(path.join(PACKAGE_ROOT, 'dist'))) {
		for (const match of readFileSync(file, 'utf8').matchAll(/\bn8n_workflow_\d+\.(\w+)/g)) names.add(match[1]);
	}
	return [...names].sort();
}

describe('the package works with n8n 1.x and 2.x', () => {
	test('its node and credential compile against the public types of n8n-workflow 1.x', () => {
		const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.n8n-v1.json'], {
			cwd: PACKAGE_ROOT,
			encoding: 'utf8',
		});
		expect(tsc.stdout + tsc.stderr).toBe('');
		expect(tsc.status).toBe(0);
	});

	test.each(Object.entries(versions))('every n8n-workflow value the built package uses exists in n8n-workflow %s', (_, moduleName) => {
		const used = n8nWorkflowValuesUsed();
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(moduleName) as Record<string, unknown>;

		expect(used).toEqual(expect.arrayContaining(['NodeApiError', 'NodeOperationError']));
		expect(used.filter((name) => exported[name] === undefined)).toEqual([]);
	});
});
