import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PACKAGE_ROOT } from '../engine/nodePackage';
import { packInto, unpack } from './packedPackage';

// n8n's own scanner (@n8n/scan-community-package), the check a package must pass to be
// verified, run offline on the source checkout and on the tarball npm would publish.
function scan(folder: string, mode: 'source' | 'tarball') {
	// eslint-plugin-n8n-nodes-base lints differently under NODE_ENV=test (jest sets it); n8n doesn't.
	const env = { ...process.env };
	delete env.NODE_ENV;
	const result = spawnSync(process.execPath, [path.join(__dirname, 'scanPackage.mjs'), folder, mode], {
		cwd: PACKAGE_ROOT,
		encoding: 'utf8',
		env,
	});
	const report = result.stdout ? (JSON.parse(result.stdout) as { passed: boolean; details: string }) : undefined;
	return { status: result.status, report, stderr: result.stderr };
}

describe('n8n’s community package scanner', () => {
	test('finds nothing in the source checkout', () => {
		const { status, report, stderr } = scan(PACKAGE_ROOT, 'source');

		expect(report?.details ?? stderr).toBe('');
		expect(report?.passed).toBe(true);
		expect(status).toBe(0);
	});

	test('finds nothing in the packed tarball', () => {
		const work = mkdtempSync(path.join(process.env.TRILLET_TEST_TMP ?? tmpdir(), 'scan-'));
		const { status, report, stderr } = scan(unpack(packInto(work), work), 'tarball');

		expect(report?.details ?? stderr).toBe('');
		expect(report?.passed).toBe(true);
		expect(status).toBe(0);
	});

	test('does fail a package with a violation, so the two passes above mean something', () => {
		const work = mkdtempSync(path.join(process.env.TRILLET_TEST_TMP ?? tmpdir(), 'scan-bad-'));
		const unpacked = unpack(packInto(work), work);
		const pkgFile = path.join(unpacked, 'package.json');
		const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { author: { email?: string } };
		delete pkg.author.email;
		writeFileSync(pkgFile, JSON.stringify(pkg));

		const { status, report } = scan(unpacked, 'tarball');

		expect(report?.details).toMatch(/"author" field must include a non-empty email/);
		expect(status).toBe(1);
	});
});
