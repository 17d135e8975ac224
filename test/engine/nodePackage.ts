import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

/** The repository root, where package.json says what n8n loads. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

export interface LoadedPackage {
	/** Node types by the type name n8n gives a community node: `<package>.<node name>`. */
	nodes: Record<string, INodeType>;
	credentials: Record<string, ICredentialType>;
}

/**
 * Which build of the package to load: the TypeScript sources under test, `dist/` (what is
 * published), or the package folder an install of the tarball made (`node_modules/<name>`).
 */
export type PackageSource = 'source' | 'dist' | { installedAt: string };

/** Loads the node and credential classes that package.json's `n8n` section lists, as n8n does. */
export function loadNodePackage(from: PackageSource = 'source'): LoadedPackage {
	const root = typeof from === 'object' ? from.installedAt : PACKAGE_ROOT;
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
	const resolve = (distPath: string) =>
		from === 'source'
			? path.join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'))
			: path.join(root, distPath);

	const nodes: Record<string, INodeType> = {};
	for (const file of pkg.n8n.nodes) {
		const node = instantiateOnlyExport<INodeType>(resolve(file));
		nodes[`${pkg.name}.${node.description.name}`] = node;
		if (node.description.usableAsTool) nodes[`${pkg.name}.${node.description.name}Tool`] = toolVariant(node);
	}
	const credentials: Record<string, ICredentialType> = {};
	for (const file of pkg.n8n.credentials) {
		const credential = instantiateOnlyExport<ICredentialType>(resolve(file));
		credentials[credential.name] = credential;
	}
	return { nodes, credentials };
}

/**
 * n8n's loader gives every `usableAsTool` node a second type, `<name>Tool`, which an AI agent
 * runs; its execute() is the node's own. Here it runs on a main connection, so tests can see
 * what the node does when n8n runs it as a tool.
 */
function toolVariant(node: INodeType): INodeType {
	const variant = Object.create(node) as INodeType;
	variant.description = { ...node.description, name: `${node.description.name}Tool`, displayName: `${node.description.displayName} Tool` };
	return variant;
}

function instantiateOnlyExport<T>(file: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(file) as Record<string, new () => T>;
	const classes = Object.values(exported).filter((value) => typeof value === 'function');
	if (classes.length !== 1) throw new Error(`${file} must export exactly one class`);
	return new classes[0]();
}
