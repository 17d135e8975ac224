// What the batch GET routes answer, built from a batch's state in the documented shapes.
import { stringify } from 'csv-stringify/sync';
import type { CallStatus, EmulatedBatch, EmulatedCall } from './types';
import { countCalls, isBatchFinished } from './batchStore';
import { PHONE_COLUMN } from './csvRules';

const RECENT_CALLS = 10;
export const CALL_FILTERS = ['all', 'waiting', 'active', 'completed', 'failed'] as const;
export type CallFilter = (typeof CALL_FILTERS)[number];

export interface CallsPageRequest {
	page: number;
	limit: number;
	status: CallFilter;
	/** The broken-server mode: every page is page 1, and there is always a next one. */
	repeatFirstPage: boolean;
}

function progressOf(batch: EmulatedBatch) {
	const counts = countCalls(batch);
	const finished = batch.calls.filter((call) => call.status === 'completed' || call.status === 'failed');
	const completed = finished.filter((call) => call.status === 'completed');
	// Calls start in upload order and a step finishes all active ones, so they also finish in upload order.
	const recent = finished.slice(-RECENT_CALLS).reverse();
	const totalDuration = completed.reduce((sum, call) => sum + (call.duration ?? 0), 0);
	return {
		waiting: counts.waiting,
		active: counts.active,
		completed: counts.completed,
		failed: counts.failed,
		total: counts.total,
		startTime: batch.startTime,
		lastCompletedTime: recent[0]?.endTime ?? null,
		completedTime: batch.completedTime,
		// Whole seconds over the answered calls; 0 before any call completed.
		averageCallDuration: completed.length === 0 ? 0 : Math.round(totalDuration / completed.length),
		recent_calls: recent.map(({ jobId, status, phone_number, endTime }) => ({
			jobId,
			status,
			phone_number,
			completedAt: endTime,
		})),
	};
}

/**
 * `GET /v1/api/batch-calls/:id`. isComplete means the batch reached a final state (completed,
 * cancelled, failed): a cancelled batch is complete although its last active calls may still finish.
 */
export function batchDetail(batch: EmulatedBatch, now: Date) {
	return {
		id: batch.id,
		status: batch.status,
		isComplete: isBatchFinished(batch),
		totalCalls: batch.calls.length,
		progress: progressOf(batch),
		timestamp: now.toISOString(),
	};
}

/** `GET /v1/api/batch-calls/:id/status`: the progress counters at the top level (recent_calls left out). */
export function batchStatus(batch: EmulatedBatch, now: Date) {
	const { progress, ...rest } = batchDetail(batch, now);
	const { recent_calls: _recent, ...counters } = progress;
	return { ...rest, ...counters };
}

function callSummary(call: EmulatedCall) {
	const { jobId, status, phone_number, startTime, endTime, duration, error, metadata } = call;
	return { jobId, status, phone_number, startTime, endTime, duration, error, metadata };
}

/** `GET /v1/api/batch-calls/:id/calls` */
export function callsPage(batch: EmulatedBatch, request: CallsPageRequest) {
	const { page, limit, status } = request;
	const matching = status === 'all' ? batch.calls : batch.calls.filter((call) => call.status === status);
	const total = matching.length;
	const totalPages = Math.ceil(total / limit);
	const first = (request.repeatFirstPage ? 0 : page - 1) * limit;
	const counts = countCalls(batch);
	return {
		calls: matching.slice(first, first + limit).map(callSummary),
		pagination: {
			page,
			limit,
			total,
			totalPages,
			hasNext: request.repeatFirstPage || page < totalPages,
			hasPrev: page > 1,
		},
		summary: {
			total: counts.total,
			waiting: counts.waiting,
			active: counts.active,
			completed: counts.completed,
			failed: counts.failed,
		},
	};
}

function outcomeOf(status: CallStatus): string | null {
	return status === 'completed' ? 'answered' : null;
}

function transcriptOf(call: EmulatedCall): string | null {
	if (call.status !== 'completed') return null;
	const name = call.metadata.first_name ? ` ${call.metadata.first_name}` : '';
	return `Agent: Hello${name}, this is a call from the Trillet emulator.\nUser: Thanks, goodbye.`;
}

/** `GET /v1/api/batch-calls/:id/calls/:jobId`; transcript and outcome appear once the call completed. */
export function callDetail(call: EmulatedCall) {
	const { metadata, ...summary } = callSummary(call);
	return {
		...summary,
		result: { callId: call.callId, transcript: transcriptOf(call), outcome: outcomeOf(call.status), metadata },
	};
}

// ASSUMPTION (undocumented): the export's columns; documented only as "returns CSV".
/** `GET /v1/api/batch-calls/:id/export-results`: one line per call, result columns then the CSV's own. */
export function exportResultsCsv(batch: EmulatedBatch): string {
	const extraColumns = batch.columns.filter((column) => column !== PHONE_COLUMN);
	const resultColumns = ['jobId', PHONE_COLUMN, 'status', 'outcome', 'duration', 'error', 'startTime', 'endTime'];
	const header = [...resultColumns, ...extraColumns];
	const lines = batch.calls.map((call) => [
		call.jobId,
		call.phone_number,
		call.status,
		outcomeOf(call.status) ?? '',
		call.duration ?? '',
		call.error ?? '',
		call.startTime ?? '',
		call.endTime ?? '',
		...extraColumns.map((column) => call.metadata[column] ?? ''),
	]);
	return stringify([header, ...lines]);
}
