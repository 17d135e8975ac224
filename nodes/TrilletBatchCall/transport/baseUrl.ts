// The credential's Base URL as requests need it. Pure, so odd inputs are unit-tested.

export const DEFAULT_BASE_URL = 'https://api.trillet.ai';

/** The origin and path prefix to put before `/v1/api/...`, or what is wrong with the setting. */
export function normaliseBaseUrl(raw: unknown): { url: string } | { problem: string } {
	const text = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	// Pasting the API root (…/v1/api) is a common slip: the paths add it themselves.
	const url = text.replace(/\/+$/, '').replace(/\/v1\/api$/i, '');
	if (!/^https?:\/\/[^/\s]+/i.test(url)) {
		return { problem: `The Base URL "${text}" is not a web address: it must start with https:// (normally ${DEFAULT_BASE_URL})` };
	}
	return { url };
}
