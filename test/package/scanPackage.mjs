// Runs n8n's own community-package scanner (@n8n/scan-community-package) on a folder, offline.
// Its CLI only scans what it downloads from the registry (after checking provenance), so the
// tests call the analyzePackage() it exports instead. ESM, hence a child process under jest.
//
//   node test/package/scanPackage.mjs <folder> source|tarball
// "source" lints what `n8n-node lint` covers (SOURCE_FILE_PATTERNS); "tarball" lints every
// .js/.ts/.json file, as n8n does on the published package. Exit code 1 on any violation.
import path from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [folder, mode] = process.argv.slice(2);
if (!folder || !['source', 'tarball'].includes(mode)) {
	console.error('usage: scanPackage.mjs <folder> source|tarball');
	process.exit(2);
}

const result = await analyzePackage(path.resolve(folder), mode === 'source' ? SOURCE_FILE_PATTERNS : undefined);
console.log(JSON.stringify({ passed: result.passed, message: result.message ?? '', details: result.details ?? '' }));
process.exit(result.passed ? 0 : 1);
