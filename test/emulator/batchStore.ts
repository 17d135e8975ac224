// Batches and their calls, and the deterministic lifecycle they move along:
// batch queued → processing → completed (or cancelled); call waiting → active → completed | failed.
import type { BatchStatus, CallStatus, EmulatedBatch, EmulatedCall, SmartCallbackConfig } from './types';
import { PHONE_COLUMN } from './csvRules';
import type { CallHistory } from './callHistory';

export interface NewBatch {
	agentId: string;
	scheduledAt: string | null;
	smartCallbackConfig: SmartCallbackConfig | null;
	fileName: string;
	columns: string[];
	rows: Record<string, string>[];
}

export type CallCounts = Record<CallStatus, number> & { total: number };

export interface CancelDetails {
	completedCalls: number;
	failedCalls: number;
	cancelledCalls: number;
	totalCalls: number;
}

export type CancelOutcome = { cancelled: true; details: CancelDetails } | { cancelled: false; error: string };

/** The error a failed call carries: a number ending in 9 never answers, so tests can plan failures. */
export const NO_ANSWER = 'no-answer';
const FINISHED_BATCH: readonly BatchStatus[] = ['completed', 'cancelled', 'failed'];

export function countCalls(batch: EmulatedBatch): CallCounts {
	const counts: CallCounts = { waiting: 0, active: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
	for (const call of batch.calls) counts[call.status] += 1;
	counts.total = batch.calls.length;
	return counts;
}

export function isBatchFinished(batch: EmulatedBatch): boolean {
	return FINISHED_BATCH.includes(batch.status);
}

export class BatchStore {
	private readonly batchesById = new Map<string, EmulatedBatch>();
	private lastIdNumber = 0;

	constructor(
		private readonly now: () => Date,
		private readonly callsPerStep: number,
		/** Where the batch's calls are recorded as they start and end, as in Trillet's call history. */
		private readonly history?: CallHistory,
	) {}

	create(input: NewBatch): EmulatedBatch {
		const batchId = this.nextBatchId();
		const batch: EmulatedBatch = {
			id: batchId,
			...input,
			status: 'queued',
			createdAt: this.now().toISOString(),
			calls: input.rows.map((row, index) => newCall(batchId, index, row)),
			startTime: null,
			completedTime: null,
			cancelledAt: null,
		};
		this.batchesById.set(batchId, batch);
		return batch;
	}

	get(batchId: string): EmulatedBatch | undefined {
		return this.batchesById.get(batchId);
	}

	all(): EmulatedBatch[] {
		return [...this.batchesById.values()];
	}

	/** Forgets every batch; ids start again from the clock, as in a fresh emulator. */
	clear(): void {
		this.batchesById.clear();
		this.lastIdNumber = 0;
	}

	/** A batch without scheduledAt, or whose scheduledAt has come (by the emulator's clock). */
	isDue(batch: EmulatedBatch): boolean {
		return batch.scheduledAt === null || Date.parse(batch.scheduledAt) <= this.now().getTime();
	}

	advance(batch: EmulatedBatch, steps = 1): void {
		for (let step = 0; step < steps; step++) this.step(batch);
	}

	cancel(batch: EmulatedBatch): CancelOutcome {
		// ASSUMPTION (undocumented): cancelling a finished batch is refused with a 400 naming its state.
		if (batch.status === 'completed') return { cancelled: false, error: 'Batch is already completed' };
		if (batch.status === 'cancelled') return { cancelled: false, error: 'Batch is already cancelled' };
		if (batch.status === 'failed') return { cancelled: false, error: 'Batch has already failed' };
		// Documented: calls already in progress finish; only the waiting ones are cancelled.
		for (const call of batch.calls) if (call.status === 'waiting') call.status = 'cancelled';
		batch.status = 'cancelled';
		batch.cancelledAt = this.now().toISOString();
		const counts = countCalls(batch);
		return {
			cancelled: true,
			details: {
				completedCalls: counts.completed,
				failedCalls: counts.failed,
				cancelledCalls: counts.cancelled,
				totalCalls: counts.total,
			},
		};
	}

	/** One step: active calls finish, then up to callsPerStep waiting calls start. */
	private step(batch: EmulatedBatch): void {
		if (!this.isDue(batch) || batch.status === 'completed' || batch.status === 'failed') return;
		const now = this.now().toISOString();
		if (batch.status === 'queued') {
			batch.status = 'processing';
			batch.startTime = now;
		}
		batch.calls.forEach((call, index) => {
			if (call.status !== 'active') return;
			finishCall(call, index, now);
			this.history?.finish(call.callId ?? '', { status: call.status, duration: call.duration ?? 0 });
		});
		if (batch.status !== 'processing') return;
		const waiting = batch.calls.filter((call) => call.status === 'waiting').slice(0, this.callsPerStep);
		for (const call of waiting) {
			call.status = 'active';
			call.startTime = now;
			call.callId = `call_${call.jobId}`;
			this.history?.add({
				callId: call.callId,
				timestamp: Date.parse(now) / 1000,
				toPhoneNumber: call.phone_number,
				agentId: batch.agentId,
				batchId: batch.id,
				variables: { ...call.metadata },
			});
		}
		const counts = countCalls(batch);
		if (counts.waiting === 0 && counts.active === 0) {
			batch.status = 'completed';
			batch.completedTime = now;
		}
	}

	private nextBatchId(): string {
		// `batch_` + 13 digits, as documented: the clock's milliseconds, bumped to stay unique.
		this.lastIdNumber = Math.max(this.now().getTime(), this.lastIdNumber + 1);
		return `batch_${String(this.lastIdNumber).padStart(13, '0')}`;
	}
}

function newCall(batchId: string, index: number, row: Record<string, string>): EmulatedCall {
	const { [PHONE_COLUMN]: phone, ...metadata } = row;
	return {
		jobId: `${batchId}_${index + 1}`,
		status: 'waiting',
		phone_number: phone ?? '',
		metadata,
		callId: null,
		startTime: null,
		endTime: null,
		duration: null,
		error: null,
	};
}

function finishCall(call: EmulatedCall, index: number, now: string): void {
	call.endTime = now;
	if (call.phone_number.endsWith('9')) {
		call.status = 'failed';
		call.error = NO_ANSWER;
		call.duration = 0;
		return;
	}
	call.status = 'completed';
	// A plausible, deterministic talk time in seconds (the clock does not run between steps).
	call.duration = 30 + ((index * 17) % 90);
}
