// npm run test:n8n — the built package in a REAL n8n (1.123.81 on this Node, 2.41.1 on Node 24),
// installed from its npm tarball the way n8n's community-package installer does, against the
// local Trillet emulator: every example through `n8n import:workflow` + `n8n execute` in the
// default and the filesystem binary-data modes, and Test credential through n8n's REST API.
// Opt-in (not part of npm test): the first run installs n8n into ~/.cache/n8n-nodes-trillet.
//   npm run test:n8n [-- 1.123.81|2.41.1]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startTrilletEmulator, type TrilletEmulator } from '../test/emulator';
import { emulatorCredentials } from '../test/engine/trilletWorkflow';
import { packInto } from '../test/package/packedPackage';
import { type Check, type CredentialCase, executeExample, importInto, testCredentialThroughRest } from './n8n/checks';
import type { BinaryDataMode } from './n8n/environment';
import { exampleDataFiles, exampleFiles, prepareExample } from './n8n/examples';
import { newInstance } from './n8n/instance';
import { N8N_VERSIONS, type N8nVersion } from './n8n/install';
import { startN8n } from './n8n/server';

const CREDENTIAL = { id: 'trilletcred00001', name: 'Trillet account' };
const MODES: BinaryDataMode[] = ['default', 'filesystem'];

/**
 * Good values, then each kind of wrong one. n8n 2.x shows the credential's own words; n8n 1.x
 * drops the HTTP status before reading the credential's rules and shows its generic texts,
 * which the credential's notice explains.
 */
function credentialCases(emulator: TrilletEmulator, version: N8nVersion): CredentialCase[] {
	const good = emulatorCredentials(emulator).trilletApi;
	const v1 = version.version.startsWith('1.');
	return [
		{ name: 'a valid key and workspace', data: good, expected: /^OK: Connection successful!$/ },
		{
			name: 'a wrong API key (401)',
			data: { ...good, apiKey: 'tk_wrong' },
			expected: v1 ? /^Error: Authorization failed/ : /^Error: Trillet did not accept the API key/,
		},
		{
			name: 'a workspace the key cannot reach (403)',
			data: { ...good, workspaceId: 'ffffffffffffffffffffffff' },
			expected: v1 ? /^Error: Forbidden/ : /^Error: The API key is valid but has no access to this Workspace ID/,
		},
		{
			name: 'a wrong Base URL (404)',
			data: { ...good, baseUrl: `${emulator.url}/elsewhere` },
			expected: v1 ? /^Error: The resource you are requesting could not be found/ : /^Error: Nothing answered at this Base URL/,
		},
	];
}

async function checkVersion(version: N8nVersion, tarball: string): Promise<Check[]> {
	const work = mkdtempSync(path.join(tmpdir(), `trillet-n8n-${version.version}-`));
	const emulator = await startTrilletEmulator();
	const checks: Check[] = [];
	try {
		const instance = await newInstance(version, work, tarball, exampleDataFiles());
		await importInto(instance, 'credentials', [{ ...CREDENTIAL, type: 'trilletApi', data: emulatorCredentials(emulator).trilletApi }]);
		const examples = exampleFiles().map((file, index) => prepareExample(file, index, CREDENTIAL, emulator.agents[0]._id));
		for (const example of examples) {
			if (example.changes.length) console.log(`  ${example.file}: ${example.changes.join('; ')}`);
			await importInto(instance, 'workflow', [example.workflow]);
		}
		for (const mode of MODES) {
			for (const example of examples) checks.push(report(version, await executeExample(instance, example, mode, emulator)));
		}
		const n8n = await startN8n(instance);
		try {
			for (const testCase of credentialCases(emulator, version)) checks.push(report(version, await testCredentialThroughRest(n8n, CREDENTIAL, testCase)));
		} finally {
			await n8n.stop();
		}
	} catch (error) {
		checks.push(report(version, { name: 'setup', passed: false, detail: (error as Error).message }));
	} finally {
		await emulator.close();
		rmSync(work, { recursive: true, force: true });
	}
	return checks;
}

function report(version: N8nVersion, check: Check): Check {
	console.log(`${check.passed ? 'PASS' : 'FAIL'} n8n ${version.version} · ${check.name}: ${check.detail}`);
	return check;
}

async function main(): Promise<void> {
	const wanted = process.argv.slice(2);
	const versions = N8N_VERSIONS.filter((version) => wanted.length === 0 || wanted.includes(version.version));
	const packFolder = mkdtempSync(path.join(tmpdir(), 'trillet-pack-'));
	try {
		const tarball = packInto(packFolder);
		console.log(`Packed ${path.basename(tarball)}`);
		const checks: Check[] = [];
		for (const version of versions) checks.push(...(await checkVersion(version, tarball)));
		const failed = checks.filter((check) => !check.passed).length;
		console.log(`\n${checks.length - failed} passed, ${failed} failed`);
		if (failed > 0 || checks.length === 0) process.exitCode = 1;
	} finally {
		rmSync(packFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
