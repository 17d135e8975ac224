import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { describeFailure, mayHaveActed, redacted, type ApiFailure, type FailureContext } from './apiFailure';
import { normaliseBaseUrl } from './baseUrl';
import { answerSample, decodeBody, fileNameFromDisposition, headerValue, secondsUntilReset } from './response';
import { MAX_ATTEMPTS, MAX_RETRY_WAIT_MS, mayRetry, parseRetryAfter, retryDelayMs } from './retryPolicy';

// The only module that talks HTTP to Trillet: base URL, authentication, retries and errors.

export const CREDENTIAL_TYPE = 'trilletApi';

type TrilletContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface TrilletRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. `/v1/api/batch-calls`. */
	path: string;
	qs?: IDataObject;
	body?: FormData | IDataObject;
	/** What the request does, in the words of an error message: "start the batch". */
	action: string;
	/** A request that starts calls is never repeated once it may have reached Trillet (default: POST). */
	startsCalls?: boolean;
	notFound?: string;
	itemIndex?: number;
	timeoutMs?: number;
	/** Says what is wrong with a 2xx answer that is not the expected shape, or nothing. */
	checkAnswer?: (body: unknown) => string | undefined;
}

export interface TrilletFile {
	bytes: Buffer;
	fileName?: string;
}

/** Sends a request and returns the parsed JSON answer, or throws a NodeApiError in plain words. */
export async function trilletRequest<T>(this: TrilletContext, request: TrilletRequest): Promise<T> {
	const response = await send.call(this, request, { json: true }, (body) =>
		body !== null && typeof body === 'object' ? request.checkAnswer?.(body) : `The answer was not JSON but "${answerSample(body)}"`,
	);
	return response.body as T;
}

/** Sends a request whose answer is a file (CSV): its bytes and name. */
export async function trilletFileRequest(this: TrilletContext, request: TrilletRequest): Promise<TrilletFile> {
	const response = await send.call(this, request, { encoding: 'arraybuffer' }, (body, headers) => {
		// Judged by content, not by header: servers label CSV loosely, but a page or JSON is no file.
		const start = Buffer.from(body as ArrayBuffer).subarray(0, 200).toString('utf8').trimStart();
		const notAFile = /json/i.test(headerValue(headers['content-type']) ?? '') || /^(<!doctype|<html|\{)/i.test(start);
		return notAFile ? `A CSV file was expected but the answer began "${answerSample(start)}"` : undefined;
	});
	return {
		bytes: Buffer.from(response.body as ArrayBuffer),
		fileName: fileNameFromDisposition(headerValue(response.headers['content-disposition'])),
	};
}

export interface TrilletMedia extends TrilletFile {
	/** The Content-Type Trillet gave, without parameters; undefined when it gave none. */
	mimeType?: string;
}

/** Sends a request whose answer is media (a call recording): its bytes, type and name. */
export async function trilletMediaRequest(this: TrilletContext, request: TrilletRequest): Promise<TrilletMedia> {
	const response = await send.call(this, request, { encoding: 'arraybuffer' }, (body, headers) => {
		const type = headerValue(headers['content-type']) ?? '';
		const start = Buffer.from(body as ArrayBuffer).subarray(0, 200).toString('utf8').trimStart();
		const notMedia = /json|html/i.test(type) || /^(<!doctype|<html|\{)/i.test(start);
		return notMedia ? `A recording was expected but the answer began "${answerSample(start)}"` : undefined;
	});
	return {
		bytes: Buffer.from(response.body as ArrayBuffer),
		fileName: fileNameFromDisposition(headerValue(response.headers['content-disposition'])),
		mimeType: headerValue(response.headers['content-type'])?.split(';')[0].trim() || undefined,
	};
}

/** Whether a failed request that starts calls may nevertheless have started them (it is unknown). */
export function mayHaveStarted(error: unknown): boolean {
	return error instanceof NodeApiError && (error.errorResponse as { mayHaveStarted?: unknown })?.mayHaveStarted === true;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

async function send(
	this: TrilletContext,
	request: TrilletRequest,
	shape: Pick<IHttpRequestOptions, 'json' | 'encoding'>,
	checkAnswer: (body: unknown, headers: Record<string, unknown>) => string | undefined,
): Promise<RawResponse> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normaliseBaseUrl(credentials.baseUrl);
	if ('problem' in baseUrl) {
		throw new NodeOperationError(this.getNode(), baseUrl.problem, { itemIndex: request.itemIndex });
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl.url}${request.path}`,
		qs: request.qs,
		body: request.body,
		timeout: request.timeoutMs ?? 30_000,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// a redirect would carry the API key to another host, and turn the upload into a GET
		disableFollowRedirect: true,
		...shape,
	};
	const context: FailureContext = {
		action: request.action,
		baseUrl: baseUrl.url,
		// A POST may start something unless the caller says otherwise; reads and cancels may repeat.
		startsCalls: request.startsCalls ?? request.method === 'POST',
		notFound: request.notFound,
	};
	const secrets = [String(credentials.apiKey ?? '')];
	for (let attempt = 1; ; attempt++) {
		const outcome = await attemptOnce.call(this, options, checkAnswer);
		if ('statusCode' in outcome) return outcome;
		const delay = retryDelayMs(outcome, attempt);
		if (attempt >= MAX_ATTEMPTS || !mayRetry(outcome, context.startsCalls) || delay > MAX_RETRY_WAIT_MS) {
			throw toNodeApiError(this.getNode(), outcome, context, secrets, request.itemIndex);
		}
		await sleep(delay);
	}
}

/** One try: a usable 2xx response, or the failure described without the request (it holds the key). */
async function attemptOnce(
	this: TrilletContext,
	options: IHttpRequestOptions,
	checkAnswer: (body: unknown, headers: Record<string, unknown>) => string | undefined,
): Promise<RawResponse | ApiFailure> {
	let response: RawResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as RawResponse;
	} catch (error) {
		return networkFailure(error);
	}
	const { statusCode, headers } = response;
	if (statusCode >= 200 && statusCode < 300) {
		const problem = checkAnswer(response.body, headers);
		return problem === undefined ? response : { kind: 'unexpected', detail: problem };
	}
	const body = decodeBody(response.body);
	return {
		kind: 'status',
		status: statusCode,
		body,
		retryAfterSeconds:
			parseRetryAfter(headerValue(headers['retry-after'])) ?? (statusCode === 429 ? secondsUntilReset(body) : undefined),
		location: headerValue(headers.location),
	};
}

function toNodeApiError(
	node: ReturnType<TrilletContext['getNode']>,
	failure: ApiFailure,
	context: FailureContext,
	secrets: string[],
	itemIndex?: number,
): NodeApiError {
	const safe: ApiFailure =
		failure.kind === 'status' ? { ...failure, body: redacted(failure.body, secrets) } : (redacted(failure, secrets) as ApiFailure);
	const { message, description } = describeFailure(safe, context);
	const mayHaveStarted = context.startsCalls && mayHaveActed(failure);
	// Built from a clean object: the HTTP client's own error carries the request headers.
	const response: JsonObject =
		safe.kind === 'status'
			? { httpCode: String(safe.status), body: (safe.body ?? null) as JsonObject, mayHaveStarted }
			: // not `code`: NodeApiError would swap our words for its generic ECONNREFUSED text
				{ networkError: safe.kind === 'network' ? safe.code : 'unexpected answer', mayHaveStarted };
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: safe.kind === 'status' ? String(safe.status) : undefined,
		itemIndex,
	});
}

function networkFailure(error: unknown): ApiFailure {
	// n8n wraps the client's error; the socket's code sits on it or on its cause.
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) {
			return { kind: 'network', code, detail: safeDetail(candidate) };
		}
	}
	const detail = safeDetail(error);
	return { kind: 'network', code: /invalid url/i.test(detail) ? 'ERR_INVALID_URL' : 'EUNKNOWN', detail };
}

function safeDetail(error: unknown): string {
	const message = (error as { message?: unknown })?.message;
	return typeof message === 'string' ? message.slice(0, 300) : '';
}
