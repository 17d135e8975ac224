import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One temporary folder for the whole test run; each test process keeps its n8n user folder in it. */
export default function globalSetup(): void {
	process.env.TRILLET_TEST_TMP = mkdtempSync(path.join(tmpdir(), 'n8n-trillet-tests-'));
}
