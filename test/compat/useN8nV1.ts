// Loaded first (node -r) in a process that must run on n8n 1.x: every `require` of n8n's
// packages, from our harness and from the built node alike, gets the 1.x copies, as a node
// installed into an n8n 1.x instance gets that instance's n8n-workflow.
import Module from 'node:module';
import path from 'node:path';

const CORE_V1 = path.dirname(require.resolve('n8n-core-v1/package.json'));
const REDIRECTS: Record<string, string> = {
	'n8n-core': CORE_V1,
	'n8n-workflow': path.join(CORE_V1, 'node_modules', 'n8n-workflow'),
	'@n8n/di': path.join(CORE_V1, 'node_modules', '@n8n', 'di'),
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function (request: string, ...rest: unknown[]) {
	const name = Object.keys(REDIRECTS).find((key) => request === key || request.startsWith(`${key}/`));
	const target = name === undefined ? request : REDIRECTS[name] + request.slice(name.length);
	return resolve.call(this, target, ...rest);
};
