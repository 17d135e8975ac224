import { execFile } from 'node:child_process';
import path from 'node:path';

import { PACKAGE_ROOT } from './nodePackage';

// The test environment of the whole suite fails a test file that leaves a server, socket or
// timer open, so a leak is named where it happens instead of a warning at the end of the run.

function runJestOn(pattern: string): Promise<{ code: number; output: string }> {
	const jest = path.join(PACKAGE_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	const args = [jest, '--ci', '--runInBand', '--forceExit', '--testMatch', `**/openHandleFixtures/${pattern}`, '--testPathIgnorePatterns', '/node_modules/'];
	return new Promise((resolve) => {
		execFile(process.execPath, args, { cwd: PACKAGE_ROOT, timeout: 100_000, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
			resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
		});
	});
}

describe('the suite’s test environment', () => {
	test('fails a test file that leaves a server open, and names it', async () => {
		const { code, output } = await runJestOn('leavesServerOpen.fixture.ts');

		expect(code).not.toBe(0);
		expect(output).toMatch(/leavesServerOpen\.fixture\.ts/);
		expect(output).toMatch(/left open 1 × TCPServerWrap/);
	}, 120_000);

	test('passes a test file that closes what it opened', async () => {
		const { code, output } = await runJestOn('closesServer.fixture.ts');

		expect(output).not.toMatch(/left open/);
		expect(code).toBe(0);
	}, 120_000);
});
