// What went wrong with a Trillet request, in words a workflow builder can act on. Pure: no n8n
// types, so every status and body shape is unit-tested on its own.

/** A request that did not give a usable answer. */
export type ApiFailure =
	| { kind: 'status'; status: number; body: unknown; retryAfterSeconds?: number; location?: string }
	| { kind: 'network'; code: string; detail: string }
	/** A 2xx answer that is not what the request asks for (an HTML page from a proxy, say). */
	| { kind: 'unexpected'; detail: string };

/** What the request was about, so the message can name it. */
export interface FailureContext {
	/** e.g. "start the batch", "get batch batch_123". */
	action: string;
	baseUrl: string;
	/** True for a request that may have started calls if it reached Trillet (the batch upload). */
	startsCalls: boolean;
	/** The message for a 404, which means something different per operation. */
	notFound?: string;
}

export interface FailureMessage {
	message: string;
	description: string;
}

export const MAY_HAVE_STARTED =
	'The batch may have started even though no proper answer came back. It was NOT sent again, so that nobody is called twice: check the batch list in Trillet before running this node again.';

// Failures that happen before a byte reaches the server: the request surely did nothing.
const NEVER_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ERR_INVALID_URL|ERR_TLS_CERT_ALTNAME_INVALID|CERT_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_\w+|EINVALIDBASEURL)$/;

/**
 * Whether Trillet may have acted on the request although it failed: a 5xx, an answer that
 * cannot be read, or a connection lost on the way. A 3xx or 4xx is a clear refusal.
 */
export function mayHaveActed(failure: ApiFailure): boolean {
	if (failure.kind === 'status') return failure.status >= 500;
	return failure.kind === 'unexpected' || !NEVER_SENT.test(failure.code);
}

/** The API's own error text, from either documented body shape. */
export function apiErrorText(body: unknown): string {
	if (typeof body === 'string') return body.trim().slice(0, 500);
	if (body === null || typeof body !== 'object') return '';
	const { error, message } = body as { error?: unknown; message?: unknown };
	if (typeof error === 'string') {
		return typeof message === 'string' && message !== error ? `${error}: ${message}` : error;
	}
	if (error !== null && typeof error === 'object') {
		const nested = error as { message?: unknown; code?: unknown };
		if (typeof nested.message === 'string') return nested.message;
		if (typeof nested.code === 'string') return nested.code;
	}
	return typeof message === 'string' ? message : '';
}

/** Turns a failed request into a message (what happened) and a description (why, what next). */
export function describeFailure(failure: ApiFailure, context: FailureContext): FailureMessage {
	if (failure.kind === 'network') return describeNetworkFailure(failure, context);
	const maybeStarted = context.startsCalls && mayHaveActed(failure) ? ` ${MAY_HAVE_STARTED}` : '';
	if (failure.kind === 'unexpected') {
		return {
			message: `Trillet’s answer could not be read when asked to ${context.action}`,
			description: `${failure.detail}. Check the Base URL in the Trillet credential (normally https://api.trillet.ai).${context.startsCalls ? ` ${MAY_HAVE_STARTED}` : ''}`,
		};
	}
	const apiText = apiErrorText(failure.body);
	const said = apiText ? `Trillet said: "${apiText}". ` : '';
	const [message, next] = statusWords(failure, context);
	return { message, description: `${said}${next}${maybeStarted}`.trim() };
}

function statusWords(failure: Extract<ApiFailure, { kind: 'status' }>, context: FailureContext): [string, string] {
	const { status } = failure;
	if (status >= 300 && status < 400) {
		return [
			'The Base URL redirects to another address',
			`Trillet answered HTTP ${status}${failure.location ? ` pointing to ${failure.location}` : ''}. Set the Base URL in the Trillet credential to the final https:// address; the API key is never sent on to another address.`,
		];
	}
	switch (status) {
		case 400:
			return [`Trillet refused to ${context.action}`, 'Correct what Trillet names and run the node again.'];
		case 401:
			return [
				'Trillet did not accept the API key',
				'Open the Trillet credential and paste the whole key again (it starts with "tk_"); a workspace owner or admin can make a new one under Settings → Workspace → Developer → API Keys.',
			];
		case 403:
			return [
				'This API key has no access to the workspace',
				'Check the Workspace ID in the Trillet credential: it must be the 24-character ID of the workspace the key was made in.',
			];
		case 404:
			return [context.notFound ?? `Trillet could not find what was asked for (${context.action})`, 'Check the ID, and that the credential points at the right workspace and Base URL.'];
		case 413:
			return ['The CSV is larger than Trillet accepts (20 MB)', 'Split the contact list into several batches.'];
		case 429:
			return [
				'Trillet’s rate limit was reached',
				`${rateLimitWait(failure)}Space the runs out (for example with a Wait node or Loop Over Items in smaller groups), or ask Trillet for a higher limit.`,
			];
		default:
			if (status >= 500) {
				return [`Trillet had a problem and could not ${context.action} (HTTP ${status})`, 'This is on Trillet’s side; try again later.'];
			}
			return [`Trillet answered HTTP ${status} when asked to ${context.action}`, ''];
	}
}

function rateLimitWait(failure: { body: unknown; retryAfterSeconds?: number }): string {
	if (failure.retryAfterSeconds !== undefined) return `It can be used again in ${failure.retryAfterSeconds} s. `;
	const body = failure.body as { error?: { reset_at?: unknown } } | undefined;
	const resetAt = body?.error?.reset_at;
	return typeof resetAt === 'string' || typeof resetAt === 'number' ? `It resets at ${String(resetAt)}. ` : '';
}

function describeNetworkFailure(failure: { code: string; detail: string }, context: FailureContext): FailureMessage {
	const timedOut = /TIMEDOUT|ECONNABORTED|timeout/i.test(`${failure.code} ${failure.detail}`);
	const neverSent = !mayHaveActed({ kind: 'network', ...failure });
	const message = timedOut
		? `Trillet did not answer in time when asked to ${context.action}`
		: // the code goes in the description: n8n replaces a message that contains one
			`Could not reach Trillet at ${context.baseUrl} to ${context.action}`;
	const next = neverSent
		? 'Nothing was sent. Check the Base URL in the Trillet credential and the network of this n8n instance.'
		: context.startsCalls
			? MAY_HAVE_STARTED
			: 'Try again; if it keeps happening, check the network of this n8n instance.';
	return { message, description: `${failure.code}${failure.detail ? `: ${failure.detail}` : ''}. ${next}` };
}
