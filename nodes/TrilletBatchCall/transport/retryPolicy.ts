import type { ApiFailure } from './apiFailure';

/**
 * Whether a failed request may be sent again. A request that starts calls is repeated only when
 * Trillet cannot have acted on it (rate-limited, or the connection was refused); reading is
 * always safe to repeat.
 */
export function mayRetry(failure: ApiFailure, startsCalls: boolean): boolean {
	if (failure.kind === 'status') {
		if (failure.status === 429) return true;
		return !startsCalls && [502, 503, 504].includes(failure.status);
	}
	// an answer we cannot read came from something that did receive the request
	if (failure.kind === 'unexpected') return false;
	if (failure.code === 'ECONNREFUSED') return true;
	return !startsCalls && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED'].includes(failure.code);
}

export const MAX_ATTEMPTS = 3;
/** A server that asks for a longer pause is answered with an error rather than a stuck node. */
export const MAX_RETRY_WAIT_MS = 60_000;

/** How long to wait before attempt `attempt + 1`: the server's Retry-After, else 1 s, 2 s, 4 s… */
export function retryDelayMs(failure: ApiFailure, attempt: number): number {
	if (failure.kind === 'status' && failure.retryAfterSeconds !== undefined) {
		return Math.max(0, failure.retryAfterSeconds * 1000);
	}
	return 1000 * 2 ** (attempt - 1);
}

/** Reads a Retry-After header given in seconds or as an HTTP date. */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds);
	const at = Date.parse(header);
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
