// tsc compiles the TypeScript; n8n also needs the node and credential icons beside the
// compiled files, which tsc does not copy.
const path = require('node:path');
const { task, src, dest } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
