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
	globalSetup: '<rootDir>/test/engine/globalSetup.ts',
	globalTeardown: '<rootDir>/test/engine/globalTeardown.ts',
	// a run that finds no test must fail, never pass vacuously
	passWithNoTests: false,
	// the engine tests start real HTTP servers; two workers fit this 2-core machine
	maxWorkers: 2,
};
