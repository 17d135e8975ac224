import { rmSync } from 'node:fs';

/** Removes the run's temporary folder (workers may be stopped without running their own cleanup). */
export default function globalTeardown(): void {
	const folder = process.env.TRILLET_TEST_TMP;
	if (folder) rmSync(folder, { recursive: true, force: true });
}
