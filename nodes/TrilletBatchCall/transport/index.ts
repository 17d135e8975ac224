import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeFailure, type ApiFailure, type FailureContext } from './apiFailure';
import { MAX_ATTEMPTS, MAX_RETRY_WAIT_MS, mayRetry, parseRetryAfter, retryDelayMs } from './retryPolicy';

// The only module that talks HTTP to Trillet: base URL, authentication, retries and errors.

export const CREDENTIAL_TYPE = 'trilletApi';

type TrilletContext = IExecuteFunctions | ILoadOptionsFunctions;

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
}

export interface TrilletFile {
	bytes: Buffer;
	fileName?: string;
	mimeType: string;
}

/** Sends a request and returns the parsed JSON answer, or throws a NodeApiError in plain words. */
export async function trilletRequest<T>(this: TrilletContext, request: TrilletRequest): Promise<T> {
	const response = await send.call(this, request, { json: true });
	return response.body as T;
}

/** Sends a request whose answer is a file (CSV): the bytes, its name and type. */
export async function trilletFileRequest(this: TrilletContext, request: TrilletRequest): Promise<TrilletFile> {
	const response = await send.call(this, request, { encoding: 'arraybuffer' });
	const headers = response.headers;
	return {
		bytes: Buffer.from(response.body as ArrayBuffer),
		fileName: fileNameFromDisposition(headerValue(headers['content-disposition'])),
		mimeType: (headerValue(headers['content-type']) ?? 'text/csv').split(';')[0].trim(),
	};
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
): Promise<RawResponse> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl || 'https://api.trillet.ai').replace(/\/+$/, '');
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		timeout: request.timeoutMs ?? 30_000,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...shape,
	};
	const context: FailureContext = {
		action: request.action,
		baseUrl,
		// A POST may start something unless the caller says otherwise; reads and cancels may repeat.
		startsCalls: request.startsCalls ?? request.method === 'POST',
		notFound: request.notFound,
	};
	for (let attempt = 1; ; attempt++) {
		const outcome = await attemptOnce.call(this, options);
		if ('statusCode' in outcome) return outcome;
		const delay = retryDelayMs(outcome, attempt);
		if (attempt >= MAX_ATTEMPTS || !mayRetry(outcome, context.startsCalls) || delay > MAX_RETRY_WAIT_MS) {
			throw toNodeApiError.call(this, outcome, context, request.itemIndex);
		}
		await sleep(delay);
	}
}

/** One try: a 2xx response, or the failure described without the request (it holds the key). */
async function attemptOnce(
	this: TrilletContext,
	options: IHttpRequestOptions,
): Promise<RawResponse | ApiFailure> {
	let response: RawResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as RawResponse;
	} catch (error) {
		return networkFailure(error);
	}
	if (response.statusCode >= 200 && response.statusCode < 300) return response;
	return {
		kind: 'status',
		status: response.statusCode,
		body: decodeBody(response.body),
		retryAfterSeconds: parseRetryAfter(headerValue(response.headers['retry-after'])),
	};
}

function toNodeApiError(
	this: TrilletContext,
	failure: ApiFailure,
	context: FailureContext,
	itemIndex?: number,
): NodeApiError {
	const { message, description } = describeFailure(failure, context);
	// Built from a clean object: the HTTP client's own error carries the request headers.
	const response: JsonObject =
		failure.kind === 'status'
			? { httpCode: String(failure.status), body: JSON.parse(JSON.stringify(failure.body ?? null)) }
			: // not `code`: NodeApiError would swap our words for its generic ECONNREFUSED text
				{ networkError: failure.code };
	return new NodeApiError(this.getNode(), response, {
		message,
		description,
		httpCode: failure.kind === 'status' ? String(failure.status) : undefined,
		itemIndex,
	});
}

function networkFailure(error: unknown): ApiFailure {
	// n8n wraps the client's error; the socket's code sits on it or on its cause.
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) {
			return { kind: 'network', code, detail: safeDetail(candidate) };
		}
	}
	return { kind: 'network', code: 'EUNKNOWN', detail: safeDetail(error) };
}

function safeDetail(error: unknown): string {
	const message = (error as { message?: unknown })?.message;
	return typeof message === 'string' ? message.slice(0, 300) : '';
}

/** Error bodies arrive as JSON, text or bytes depending on the request's response shape. */
function decodeBody(body: unknown): unknown {
	const text =
		body instanceof ArrayBuffer || Buffer.isBuffer(body)
			? Buffer.from(body as ArrayBuffer).toString('utf8')
			: body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function headerValue(value: unknown): string | undefined {
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}

function fileNameFromDisposition(disposition: string | undefined): string | undefined {
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
	return match ? decodeURIComponent(match[1]) : undefined;
}
