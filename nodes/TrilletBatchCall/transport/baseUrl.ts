// The credential's Base URL as requests need it: one rule for the node's requests and for the
// credential's "Test" request. Pure, so odd inputs are unit-tested.

export const DEFAULT_BASE_URL = 'https://api.trillet.ai';

/** What a Base URL may end with that is not part of it: slashes, and the API root (…/v1/api) pasted with it. */
const NOT_PART_OF_BASE = /(?:\/+v1\/api)?\/*$/i;

/** The origin and path prefix to put before `/v1/api/...` (blank means Trillet's own). */
export function baseUrlOf(raw: unknown): string {
	const text = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	return text.replace(NOT_PART_OF_BASE, '');
}

/**
 * The same rule as an n8n expression, for the credential's test request: n8n evaluates that
 * request itself and cannot call this module, so the expression is built from the same parts.
 */
export function baseUrlExpression(field = '$credentials.baseUrl'): string {
	return `={{ (String(${field} || "").trim() || "${DEFAULT_BASE_URL}").replace(/${NOT_PART_OF_BASE.source}/${NOT_PART_OF_BASE.flags}, "") }}`;
}

/** The Base URL to use, or what is wrong with the setting. */
export function normaliseBaseUrl(raw: unknown): { url: string } | { problem: string } {
	const url = baseUrlOf(raw);
	if (!/^https?:\/\/[^/\s]+/i.test(url)) {
		const text = typeof raw === 'string' ? raw.trim() : '';
		return { problem: `The Base URL "${text}" is not a web address: it must start with https:// (normally ${DEFAULT_BASE_URL})` };
	}
	return { url };
}
