import type { Redactor } from './redaction';

// Reading Trillet's answers: bodies, headers and file names, whatever shape the client gave.

/** Error bodies arrive as JSON, text or bytes depending on the request's response shape. */
export function decodeBody(body: unknown): unknown {
	const text =
		body instanceof ArrayBuffer || Buffer.isBuffer(body) ? Buffer.from(body as ArrayBuffer).toString('utf8') : body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export function headerValue(value: unknown): string | undefined {
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** The file name a Content-Disposition header gives, plain or RFC 5987 encoded. */
export function fileNameFromDisposition(disposition: string | undefined): string | undefined {
	const encoded = /filename\*=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
	if (encoded) {
		try {
			return decodeURIComponent(encoded[1]);
		} catch {
			return encoded[1];
		}
	}
	return /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1];
}

/** When a rate limit lifts, from the documented body `{"error":{"reset_at": …}}`, in seconds from now. */
export function secondsUntilReset(body: unknown, now = Date.now()): number | undefined {
	const resetAt = (body as { error?: { reset_at?: unknown } } | null)?.error?.reset_at;
	const at =
		typeof resetAt === 'number' ? (resetAt < 1e11 ? resetAt * 1000 : resetAt) : typeof resetAt === 'string' ? Date.parse(resetAt) : NaN;
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** A short, readable start of an answer that was not what was expected, with no secret in it. */
export function answerSample(body: unknown, redactor: Redactor): string {
	const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
	return redactor.cut(text.replace(/\s+/g, ' ').trim(), 80);
}
