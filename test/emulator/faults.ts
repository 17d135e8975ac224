// Failure injection: the next `count` requests that match are answered by a fault instead of the API.
import { STATUS_CODES } from 'node:http';
import type { Fault, FaultMatch } from './types';
import { type EmulatorResponse, jsonResponse } from './http';

interface PendingFault {
	fault: Fault;
	remaining: number;
	match: FaultMatch;
}

/** dropAfterCreate is about the batch POST, so that is what it matches unless told otherwise. */
const BATCH_POST: FaultMatch = { method: 'POST', path: /^\/v1\/api\/batch-calls\/?$/ };
/** The window a documented rate limit resets in when the fault names no Retry-After. */
const DEFAULT_RESET_SECONDS = 60;

export class FaultQueue {
	private pending: PendingFault[] = [];

	add(fault: Fault, count = 1, match?: FaultMatch): void {
		if (!Number.isInteger(count) || count < 1) throw new Error(`failNext count must be a positive integer, got ${count}`);
		const defaultMatch = fault.kind === 'dropAfterCreate' ? BATCH_POST : {};
		this.pending.push({ fault, remaining: count, match: match ?? defaultMatch });
	}

	/** The fault for this request, if one is pending for it (first added, first used). */
	take(method: string, path: string): Fault | undefined {
		const entry = this.pending.find(({ match }) => matches(match, method, path));
		if (entry === undefined) return undefined;
		entry.remaining -= 1;
		if (entry.remaining === 0) this.pending = this.pending.filter((other) => other !== entry);
		return entry.fault;
	}

	clear(): void {
		this.pending = [];
	}
}

function matches(match: FaultMatch, method: string, path: string): boolean {
	if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
	if (match.path !== undefined) {
		match.path.lastIndex = 0; // a /g or /y pattern must not remember the previous test
		if (!match.path.test(path)) return false;
	}
	return true;
}

/**
 * The answer of a `status` fault. Without a body: 429 sends the documented rate-limit body,
 * any other status `{"error": "<reason phrase>"}`. A string body is sent as text/html, the way a
 * gateway's own error page arrives; any other body as JSON. `headers` are added (e.g. a Location).
 */
export function statusFaultResponse(fault: Extract<Fault, { kind: 'status' }>, now: Date): EmulatorResponse {
	const headers: Record<string, string> = { ...fault.headers };
	if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
	if (typeof fault.body === 'string') {
		return { status: fault.status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: fault.body };
	}
	if (fault.body !== undefined) return jsonResponse(fault.status, fault.body, headers);
	if (fault.status === 429) {
		const resetAt = new Date(now.getTime() + (fault.retryAfterSeconds ?? DEFAULT_RESET_SECONDS) * 1000);
		const error = {
			code: 'rate_limit_exceeded',
			message: 'Rate limit exceeded. Please slow down and try again later.',
			reset_at: resetAt.toISOString(),
		};
		return jsonResponse(429, { error }, headers);
	}
	return jsonResponse(fault.status, { error: STATUS_CODES[fault.status] ?? 'Error' }, headers);
}
