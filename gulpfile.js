// tsc compiles the TypeScript; n8n also needs the icons and the node's codex file beside the
// compiled files, which tsc does not copy.
const path = require('node:path');
const { task, src, dest } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(
		dest(path.resolve('dist')),
	),
);
