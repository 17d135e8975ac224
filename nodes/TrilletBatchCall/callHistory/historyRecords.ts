import type { IDataObject } from 'n8n-workflow';

// Call-history records as Trillet documents them (GET /v2/api/call-history): `timestamp` in Unix
// seconds when the call was made, `status` "active" while it runs, "completed" / "failed" after.
// Pure: no n8n functions, so the trigger's state logic and its tests use it as it is.

/** A record of the call history, as far as this package reads it; every field may be missing. */
export interface HistoryRecord extends IDataObject {
	_id?: string;
	callId?: string;
	timestamp?: number;
	status?: string;
}

/** Statuses of a call not over yet; any other status is an outcome (Trillet lists completed and failed). */
const RUNNING_STATUSES = new Set(['active', 'in-progress', 'ongoing', 'queued', 'ringing', 'initiated', 'waiting']);

/** The outcomes a user can filter on. Voicemail is read from analyzedData, the others from status. */
export const OUTCOMES = ['completed', 'failed', 'voicemail', 'no-answer', 'busy'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The documented answer is a bare array; a paged wrapper is accepted too, under the names seen in Trillet's other lists. */
export function historyRecordsFrom(body: unknown): HistoryRecord[] | undefined {
	if (Array.isArray(body)) return body as HistoryRecord[];
	const wrapped = body as Record<string, unknown> | null;
	for (const name of ['data', 'callHistories', 'callHistory', 'calls', 'records']) {
		if (Array.isArray(wrapped?.[name])) return wrapped[name] as HistoryRecord[];
	}
	return undefined;
}

/** What tells two records apart: the call ID, else the record ID. */
export function recordKey(record: HistoryRecord): string {
	return String(record.callId ?? record._id ?? JSON.stringify(record));
}

/** When the call was made, in milliseconds; 0 when the record has no usable timestamp. */
export function startedAtMs(record: HistoryRecord): number {
	const seconds = Number(record.timestamp);
	return Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0;
}

export function isFinished(record: HistoryRecord): boolean {
	const status = String(record.status ?? '').toLowerCase();
	return status !== '' && !RUNNING_STATUSES.has(status);
}

/** Whether a finished record has one of the outcomes asked for (none asked: any). */
export function hasOutcome(record: HistoryRecord, wanted: readonly string[]): boolean {
	if (wanted.length === 0) return true;
	const status = String(record.status ?? '').toLowerCase();
	const voicemail = (record.analyzedData as IDataObject | undefined)?.answered_by_voicemail === true;
	return wanted.some((outcome) => (outcome === 'voicemail' ? voicemail : outcome === status));
}

/** A transcript turn; Trillet documents only "an array", so the usual role and text names are read. */
interface TranscriptTurn {
	role?: string;
	speaker?: string;
	content?: string;
	text?: string;
	message?: string;
}

/** The transcript as one text, "Agent: …" / "Customer: …" per line. */
export function transcriptText(transcript: unknown): string {
	if (typeof transcript === 'string') return transcript;
	if (!Array.isArray(transcript)) return '';
	return transcript
		.map((turn: TranscriptTurn | string) => {
			if (typeof turn === 'string') return turn;
			const said = turn.content ?? turn.text ?? turn.message ?? '';
			const who = String(turn.role ?? turn.speaker ?? '').toLowerCase();
			const speaker = ['agent', 'assistant', 'bot', 'ai'].includes(who) ? 'Agent' : who ? 'Customer' : '';
			return speaker ? `${speaker}: ${said}` : said;
		})
		.join('\n');
}

/** The cost as a number: the list documents a number, the single record `{customer_charge}`. */
function costOf(cost: unknown): unknown {
	const charge = (cost as { customer_charge?: unknown } | null)?.customer_charge;
	return typeof cost === 'object' && cost !== null && typeof charge === 'number' ? charge : cost;
}

/** One output item's JSON: the record as Trillet sent it, the transcript as text and as turns, times readable. */
export function describeCall(record: HistoryRecord): IDataObject {
	const started = startedAtMs(record);
	return {
		...record,
		callHistoryId: record._id ?? null,
		startedAt: started > 0 ? new Date(started).toISOString() : null,
		outcome: (record.analyzedData as IDataObject | undefined)?.answered_by_voicemail === true ? 'voicemail' : (record.status ?? null),
		duration: record.duration ?? null,
		cost: costOf(record.cost) ?? null,
		recordingUrl: record.recordingUrl ?? null,
		summary: record.summary ?? null,
		analyzedData: record.analyzedData ?? {},
		variables: record.variables ?? {},
		transcript: transcriptText(record.transcript),
		transcriptTurns: Array.isArray(record.transcript) ? record.transcript : [],
	};
}
