/** @type {import('jest').Config} */
module.exports = {
	// node, plus a check that each test file closes every server, socket and timer it opened
	testEnvironment: '<rootDir>/test/engine/noOpenHandlesEnvironment.ts',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
	},
	testTimeout: 30000,
	// n8n puts its own node_modules on NODE_PATH so that an installed community package finds
	// n8n-workflow (a peer dependency the installer omits); this is jest's NODE_PATH.
	modulePaths: ['<rootDir>/node_modules'],
	globalSetup: '<rootDir>/test/engine/globalSetup.ts',
	globalTeardown: '<rootDir>/test/engine/globalTeardown.ts',
	// a run that finds no test must fail, never pass vacuously
	passWithNoTests: false,
	// the engine tests start real HTTP servers; two workers fit this 2-core machine
	maxWorkers: 2,
	// Workers grow to ~500 MB on the large-CSV suites; a worker that big could take longer than
	// jest's half second to exit on a loaded machine ("failed to exit gracefully", no open handle
	// found). Recycling it between files keeps the last exit quick: 0 warnings in 5 loaded runs,
	// against 2 in 10 without.
	workerIdleMemoryLimit: '512MB',
};
