// The public shapes of the Trillet API emulator: what tests, the demo and the benchmark see.

/** A voice agent as `GET /v1/api/agents` returns it (the documented fields, plus `llmModel`). */
export interface EmulatedAgent {
	_id: string;
	name: string;
	workspaceId: string;
	type: 'voice';
	status: 'ready';
	llmModel?: string;
	ttsModel: { provider: string; voiceId: string; name: string; language: string };
	createdAt: string;
	updatedAt: string;
}

export interface EmulatorOptions {
	apiKey?: string;
	workspaceId?: string;
	agents?: EmulatedAgent[];
	/** How `GET /v1/api/agents` wraps the list: a bare array (default), `{data}` or `{agents}`. */
	agentsShape?: 'array' | 'data' | 'agents';
	/** The emulator's clock: timestamps, batch ids and whether a scheduled batch is due. */
	now?: () => Date;
	/** A broken server for pagination tests: every page answers page 1's calls with `hasNext: true`. */
	repeatCallsPage?: boolean;
	/** How many waiting calls become active in one lifecycle step (default 10). */
	callsPerStep?: number;
	/** How `GET /v2/api/call-history` answers: a bare array as documented (default), or `{data, pagination}`. */
	historyShape?: 'array' | 'paged';
	/**
	 * BENCH MODE, never the API's behaviour: `POST /v1/api/batch-calls` does not parse the CSV, it
	 * only counts its lines and answers 200, so a benchmark compares the clients' own cost and not
	 * the emulator's parser. No batch is stored.
	 */
	benchCountLinesOnly?: boolean;
}

/** A record of `GET /v2/api/call-history`: the documented fields, plus agentId and batchId. */
export interface EmulatedHistoryCall {
	_id: string;
	/** Unix seconds, when the call was made. */
	timestamp: number;
	callId: string;
	fromPhoneNumber: string;
	toPhoneNumber: string;
	direction: string;
	agent: string;
	// ASSUMPTION (undocumented): list records carry agentId and batchId (the list filters on both).
	agentId: string;
	batchId: string | null;
	status: string;
	/** Seconds. */
	duration: number;
	cost: number;
	recordingUrl: string | null;
	summary: string;
	analyzedData: Record<string, unknown>;
	/** The batch CSV's columns for this contact. */
	variables: Record<string, string>;
	// ASSUMPTION (undocumented): transcript turns are `{role, content}`; docs say only "array".
	transcript: Array<{ role: string; content: string }>;
}

export type HistoryCallInput = Partial<Omit<EmulatedHistoryCall, 'recordingUrl'>>;

export interface EmulatedCallHistory {
	/** Adds a call as a new record ("active" unless a finished status is given). */
	add(input?: HistoryCallInput): EmulatedHistoryCall;
	/** Ends a call of the history with an outcome (default "completed"). */
	finish(callId: string, outcome?: Partial<HistoryCallInput>): EmulatedHistoryCall;
	all(): EmulatedHistoryCall[];
}

export type Fault =
	| { kind: 'status'; status: number; body?: unknown; retryAfterSeconds?: number; headers?: Record<string, string> }
	| { kind: 'hang' }
	| { kind: 'drop' }
	| { kind: 'dropAfterCreate' };

export interface FaultMatch {
	method?: string;
	path?: RegExp;
}

export interface RecordedFile {
	fieldName: string;
	fileName: string;
	mimeType: string;
	/** The bytes as received; cut at the 20 MiB limit when `truncated`. */
	bytes: Buffer;
	/** Parsed by csv-parse (columns: true, bom: true); empty when the file is not parseable CSV. */
	rows: Record<string, string>[];
	/** True when the file hit the 20 MiB limit, so `bytes` holds only its start. */
	truncated?: boolean;
}

export interface RecordedRequest {
	method: string;
	/** The path without the query string. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	contentType?: string;
	fields: Record<string, string>;
	file?: RecordedFile;
	json?: unknown;
	/** The HTTP status answered; 0 when no answer was sent (a `hang`, `drop` or `dropAfterCreate`). */
	status: number;
	/** The injected fault that handled this request, if any. */
	fault?: Fault['kind'];
}

export type BatchStatus = 'queued' | 'processing' | 'completed' | 'cancelled' | 'failed';
export type CallStatus = 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled';

export interface SmartCallbackConfig {
	enabled: boolean;
	maxAttempts: number;
	gaps: Array<{ days: number; hours: number }>;
}

export interface EmulatedCall {
	jobId: string;
	status: CallStatus;
	phone_number: string;
	/** The row's other CSV columns. */
	metadata: Record<string, string>;
	callId: string | null;
	startTime: string | null;
	endTime: string | null;
	/** Seconds. */
	duration: number | null;
	error: string | null;
}

export interface EmulatedBatch {
	/** `batch_` + 13 digits: the POST's `batchId`, the GET's `id`. */
	id: string;
	agentId: string;
	status: BatchStatus;
	createdAt: string;
	scheduledAt: string | null;
	smartCallbackConfig: SmartCallbackConfig | null;
	fileName: string;
	/** The CSV header, in file order. */
	columns: string[];
	rows: Record<string, string>[];
	calls: EmulatedCall[];
	startTime: string | null;
	completedTime: string | null;
	cancelledAt: string | null;
}

export interface TrilletEmulator {
	/** `http://127.0.0.1:<random port>` */
	url: string;
	apiKey: string;
	workspaceId: string;
	agents: EmulatedAgent[];
	/** Every request, in order of arrival (faulted and rejected ones too). */
	requests: RecordedRequest[];
	failNext(fault: Fault, count?: number, match?: FaultMatch): void;
	/** A copy of the current batches, for assertions. */
	batches(): EmulatedBatch[];
	/** Called as each request arrives, before it is answered: lets a test change data mid-paging. */
	onRequest?: (request: RecordedRequest) => void;
	/** The workspace's call history: batch calls appear in it as they start and finish, and tests add calls of their own. */
	callHistory: EmulatedCallHistory;
	/** Moves a batch along its lifecycle; a batch scheduled in the future does not move. */
	advance(batchId: string, steps?: number): void;
	/** Forgets requests, batches and faults, and releases hanging requests. */
	reset(): void;
	/** Stops the server and closes every socket, hanging ones included. */
	close(): Promise<void>;
}
