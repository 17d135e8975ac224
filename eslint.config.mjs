// Lint = n8n's two rule sets: eslint-plugin-n8n-nodes-base (community package.json, credentials,
// nodes) and @n8n/eslint-plugin-community-nodes (what n8n checks before verifying a package).
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import * as jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

const n8nBase = { 'n8n-nodes-base': n8nNodesBase };

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'examples/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: n8nBase,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [tseslint.configs.recommended, communityNodes.configs.recommended],
		languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: n8nBase,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The rule itself says it is "only applicable to nodes in the main repository":
			// a community credential links to the vendor's docs by full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: n8nBase,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes and ask for the string 'main', which the
			// newer community rule node-connection-type-literal forbids; the newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
);
