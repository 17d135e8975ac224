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

import { describeFailure, mayHaveActed, type ApiFailure, type FailureContext } from './apiFailure';
import { normaliseBaseUrl } from './baseUrl';
import { Redactor } from './redaction';
import { answerSample, decodeBody, fileNameFromDisposition, headerValue, secondsUntilReset } from './response';
import { MAX_ATTEMPTS, MAX_RETRY_WAIT_MS, mayRetry, parseRetryAfter, retryDelayMs } from './retryPolicy';

// The only module that talks HTTP to Trillet: base URL, authentication, retries, errors and paging.

export {
	MAX_PAGES,
	MAX_PAGE_SIZE,
	pageSizeFor,
	readPages,
	wantedCalls,
	type CallsPagination,
	type PageVerdict,
} from './pagination';

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
	const response = await send.call(this, request, { json: true }, (body, _, redactor) =>
		body !== null && typeof body === 'object'
			? request.checkAnswer?.(body)
			: `The answer was not JSON but "${answerSample(body, redactor)}"`,
	);
	return response.body as T;
}

/** Sends a request whose answer is a file (CSV): its bytes and name. */
export async function trilletFileRequest(this: TrilletContext, request: TrilletRequest): Promise<TrilletFile> {
	// Servers label CSV loosely: only a JSON type refuses it by header.
	const { bytes, fileName } = await sendForFile.call(this, request, 'A CSV file', /json/i);
	return { bytes, fileName };
}

export interface TrilletMedia extends TrilletFile {
	/** The Content-Type Trillet gave, without parameters; undefined when it gave none. */
	mimeType?: string;
}

/** Sends a request whose answer is media (a call recording): its bytes, type and name. */
export async function trilletMediaRequest(this: TrilletContext, request: TrilletRequest): Promise<TrilletMedia> {
	return sendForFile.call(this, request, 'A recording', /json|html/i);
}

/**
 * Sends a request whose answer is a file: `what` names it in the error when the answer is a
 * page or JSON instead, judged by its first bytes and by a Content-Type matching `refusedTypes`.
 */
async function sendForFile(this: TrilletContext, request: TrilletRequest, what: string, refusedTypes: RegExp): Promise<TrilletMedia> {
	const response = await send.call(this, request, { encoding: 'arraybuffer' }, (body, headers, redactor) => {
		const start = Buffer.from(body as ArrayBuffer).subarray(0, 200).toString('utf8').trimStart();
		const notAFile = refusedTypes.test(headerValue(headers['content-type']) ?? '') || /^(<!doctype|<html|\{)/i.test(start);
		return notAFile ? `${what} was expected but the answer began "${answerSample(start, redactor)}"` : undefined;
	});
	const fileName = fileNameFromDisposition(headerValue(response.headers['content-disposition']));
	return {
		bytes: Buffer.from(response.body as ArrayBuffer),
		// decoding %-escapes may spell out a key the header only held encoded
		fileName: fileName && response.redactor.text(fileName),
		mimeType: headerValue(response.headers['content-type'])?.split(';')[0].trim() || undefined,
	};
}

/** Whether a failed request that starts calls may nevertheless have started them (it is unknown). */
export function mayHaveStarted(error: unknown): boolean {
	return error instanceof NodeApiError && (error.errorResponse as { mayHaveStarted?: unknown })?.mayHaveStarted === true;
}

/** A whole HTTP answer, as n8n's client returns it with returnFullResponse. */
interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

type AnswerCheck = (body: unknown, headers: Record<string, unknown>, redactor: Redactor) => string | undefined;

async function send(
	this: TrilletContext,
	request: TrilletRequest,
	shape: Pick<IHttpRequestOptions, 'json' | 'encoding'>,
	checkAnswer: AnswerCheck,
): Promise<RawResponse & { redactor: Redactor }> {
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
	// the key is the secret; the workspace ID names a workspace and unlocks nothing on its own
	const redactor = new Redactor([String(credentials.apiKey ?? '')]);
	for (let attempt = 1; ; attempt++) {
		const outcome = await attemptOnce.call(this, options, checkAnswer, redactor);
		if ('statusCode' in outcome) return { ...outcome, redactor };
		const delay = retryDelayMs(outcome, attempt);
		if (attempt >= MAX_ATTEMPTS || !mayRetry(outcome, context.startsCalls) || delay > MAX_RETRY_WAIT_MS) {
			throw toNodeApiError(this.getNode(), outcome, context, redactor, request.itemIndex);
		}
		await sleep(delay);
	}
}

/**
 * One try: a usable 2xx response, or the failure described without the request (it holds the
 * key). Body and headers are redacted here, before anything reads them.
 */
async function attemptOnce(
	this: TrilletContext,
	options: IHttpRequestOptions,
	checkAnswer: AnswerCheck,
	redactor: Redactor,
): Promise<RawResponse | ApiFailure> {
	let raw: RawResponse;
	try {
		raw = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as RawResponse;
	} catch (error) {
		return networkFailure(error, redactor);
	}
	const { statusCode } = raw;
	const headers = redactor.value({ ...raw.headers });
	if (statusCode >= 200 && statusCode < 300) {
		const response = { statusCode, headers, body: redactor.value(raw.body) };
		const problem = checkAnswer(response.body, headers, redactor);
		return problem === undefined ? response : { kind: 'unexpected', detail: problem };
	}
	const body = redactor.value(decodeBody(raw.body));
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
	redactor: Redactor,
	itemIndex?: number,
): NodeApiError {
	// already redacted as it arrived; kept short for the execution data, and cut where no key can be
	const safe: ApiFailure = failure.kind === 'status' ? { ...failure, body: compactBody(failure.body, redactor) } : failure;
	const quoted = safe.kind === 'status' && typeof safe.body === 'string' ? { ...safe, body: redactor.cut(safe.body.trim(), 500) } : safe;
	const described = describeFailure(quoted, context);
	const [message, description] = [redactor.text(described.message), redactor.text(described.description)];
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

function networkFailure(error: unknown, redactor: Redactor): ApiFailure {
	// n8n wraps the client's error; the socket's code sits on it or on its cause.
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) {
			return { kind: 'network', code, detail: safeDetail(candidate, redactor) };
		}
	}
	const detail = safeDetail(error, redactor);
	return { kind: 'network', code: /invalid url/i.test(detail) ? 'ERR_INVALID_URL' : 'EUNKNOWN', detail };
}

function safeDetail(error: unknown, redactor: Redactor): string {
	const message = (error as { message?: unknown })?.message;
	return typeof message === 'string' ? redactor.cut(message, 300) : '';
}

/** An error body fit to keep in execution data: long text or JSON becomes a short text. */
function compactBody(body: unknown, redactor: Redactor): unknown {
	const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
	if (text.length <= MAX_BODY_CHARS) return body;
	return redactor.cut(text, MAX_BODY_CHARS);
}

const MAX_BODY_CHARS = 2000;
