// The workspace's call history (GET /v2/api/call-history) and its recordings (GET /v2/api/recordings/:id).
// Records appear when a call starts ("active") and take their outcome when it ends, so calls made
// earlier can finish later: out of order, as real calls do.
import type { EmulatedHistoryCall, HistoryCallInput } from './types';

export interface HistoryFilter {
	agentId?: string;
	batchId?: string;
	status?: string;
	from?: number;
	to?: number;
	callIds?: string[];
}

/** The call history, newest first. ASSUMPTION (undocumented): Trillet sorts by `timestamp`, newest first. */
export class CallHistory {
	private readonly records: EmulatedHistoryCall[] = [];
	private lastId = 0;

	constructor(private readonly now: () => Date) {}

	/** Adds a call as Trillet records it; what is not given gets a plausible, deterministic value. */
	add(input: HistoryCallInput = {}): EmulatedHistoryCall {
		const number = ++this.lastId;
		const _id = input._id ?? `67${String(number).padStart(22, '0')}`;
		const record: EmulatedHistoryCall = {
			_id,
			timestamp: input.timestamp ?? this.now().getTime() / 1000,
			callId: input.callId ?? `call_${String(number).padStart(6, '0')}`,
			fromPhoneNumber: input.fromPhoneNumber ?? '+14155550000',
			toPhoneNumber: input.toPhoneNumber ?? '+14155550100',
			direction: input.direction ?? 'outbound',
			agent: input.agent ?? 'Appointment Reminder',
			agentId: input.agentId ?? '66a0b1c2d3e4f5a6b7c8d901',
			batchId: input.batchId ?? null,
			status: input.status ?? 'active',
			duration: input.duration ?? 0,
			cost: input.cost ?? 0,
			recordingUrl: null,
			summary: input.summary ?? '',
			analyzedData: input.analyzedData ?? {},
			variables: input.variables ?? {},
			transcript: input.transcript ?? [],
		};
		if (record.status !== 'active') this.settle(record, input);
		this.records.push(record);
		return structuredClone(record);
	}

	/** Ends a call: its outcome, talk time, cost, summary, transcript and recording appear. */
	finish(callId: string, outcome: Partial<HistoryCallInput> = {}): EmulatedHistoryCall {
		const record = this.records.find((candidate) => candidate.callId === callId);
		if (record === undefined) throw new Error(`The emulator's call history has no call ${callId}`);
		record.status = outcome.status ?? 'completed';
		this.settle(record, outcome);
		return structuredClone(record);
	}

	find(id: string): EmulatedHistoryCall | undefined {
		return this.records.find((record) => record._id === id);
	}

	all(): EmulatedHistoryCall[] {
		return structuredClone(this.records);
	}

	clear(): void {
		this.records.length = 0;
		this.lastId = 0;
	}

	/** The records that pass the filter, newest first (later additions first among equal timestamps). */
	query(filter: HistoryFilter): EmulatedHistoryCall[] {
		const passes = (record: EmulatedHistoryCall): boolean =>
			(filter.agentId === undefined || record.agentId === filter.agentId) &&
			(filter.batchId === undefined || record.batchId === filter.batchId) &&
			(filter.status === undefined || record.status === filter.status) &&
			(filter.from === undefined || record.timestamp * 1000 >= filter.from) &&
			(filter.to === undefined || record.timestamp * 1000 <= filter.to) &&
			(filter.callIds === undefined || filter.callIds.includes(record.callId));
		return this.records
			.map((record, order) => ({ record, order }))
			.filter(({ record }) => passes(record))
			.sort((a, b) => b.record.timestamp - a.record.timestamp || b.order - a.order)
			.map(({ record }) => structuredClone(record));
	}

	private settle(record: EmulatedHistoryCall, outcome: Partial<HistoryCallInput>): void {
		const answered = record.status === 'completed';
		record.duration = outcome.duration ?? (answered ? 45 : 0);
		record.cost = outcome.cost ?? (answered ? 0.09 : 0);
		record.summary = outcome.summary ?? (answered ? `Spoke with ${record.variables.first_name ?? 'the contact'}.` : 'No conversation.');
		record.analyzedData = outcome.analyzedData ?? { answered_by_voicemail: false };
		record.transcript =
			outcome.transcript ??
			(answered
				? [
						{ role: 'agent', content: `Hello ${record.variables.first_name ?? 'there'}, this is Trillet calling.` },
						{ role: 'user', content: 'Hi, yes, go ahead.' },
					]
				: []);
		// ASSUMPTION (undocumented): recordingUrl points at the v2 recordings endpoint of the record.
		record.recordingUrl = answered ? `/v2/api/recordings/${record._id}` : null;
	}
}

/** Stand-in MP3 bytes: an ID3 header and the call ID, so a test can tell recordings apart. */
export function recordingBytes(record: EmulatedHistoryCall): Buffer {
	return Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from(`recording of ${record.callId}`)]);
}
