// The emulator's HTTP server: records each request, applies an injected fault or the API's own
// answer (credentials, then route), and owns the sockets so close() leaves nothing open.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type {
	EmulatedAgent,
	EmulatedBatch,
	EmulatorOptions,
	Fault,
	FaultMatch,
	RecordedRequest,
	TrilletEmulator,
} from './types';
import type { EmulatorState } from './context';
import { checkCredentials } from './auth';
import { BatchStore } from './batchStore';
import { CallHistory } from './callHistory';
import { FaultQueue, statusFaultResponse } from './faults';
import { DEFAULT_API_KEY, DEFAULT_WORKSPACE_ID, createDefaultAgents } from './fixtures';
import { type EmulatorResponse, errorResponse, writeResponse } from './http';
import { recordBody, startRecord } from './recorder';
import { type RequestBody, readRequestBody } from './requestBody';
import { findRoute } from './routes';

const DEFAULT_CALLS_PER_STEP = 10;

interface ReadRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: RequestBody;
}

export async function startTrilletEmulator(options: EmulatorOptions = {}): Promise<TrilletEmulator> {
	const emulator = new Emulator(options);
	await emulator.listen();
	return emulator;
}

class Emulator implements TrilletEmulator {
	url = '';
	readonly apiKey: string;
	readonly workspaceId: string;
	readonly agents: EmulatedAgent[];
	readonly requests: RecordedRequest[] = [];
	readonly callHistory: CallHistory;
	onRequest: TrilletEmulator['onRequest'];
	private readonly state: EmulatorState;
	private readonly faults = new FaultQueue();
	/** Sockets of requests a `hang` fault holds, released by reset() and close(). */
	private readonly held = new Set<Socket>();
	private readonly server: Server;
	private closing: Promise<void> | undefined;

	constructor(options: EmulatorOptions) {
		const callsPerStep = options.callsPerStep ?? DEFAULT_CALLS_PER_STEP;
		if (!Number.isInteger(callsPerStep) || callsPerStep < 1) {
			throw new Error(`callsPerStep must be a positive integer, got ${callsPerStep}`);
		}
		this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
		this.workspaceId = options.workspaceId ?? DEFAULT_WORKSPACE_ID;
		this.agents = options.agents ? [...options.agents] : createDefaultAgents(this.workspaceId);
		const now = options.now ?? (() => new Date());
		const history = new CallHistory(now);
		this.state = {
			credentials: { apiKey: this.apiKey, workspaceId: this.workspaceId },
			agents: this.agents,
			agentsShape: options.agentsShape ?? 'array',
			now,
			repeatCallsPage: options.repeatCallsPage ?? false,
			benchCountLinesOnly: options.benchCountLinesOnly ?? false,
			store: new BatchStore(now, callsPerStep, history),
			history,
			historyShape: options.historyShape ?? 'array',
		};
		this.callHistory = history;
		this.server = createServer((req, res) => {
			// handle() answers its own errors; this only keeps a surprise from becoming an unhandled rejection.
			this.handle(req, res).catch((error: unknown) => res.destroy(error instanceof Error ? error : undefined));
		});
	}

	listen(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', () => {
				const { port } = this.server.address() as AddressInfo;
				this.url = `http://127.0.0.1:${port}`;
				resolve();
			});
		});
	}

	failNext(fault: Fault, count = 1, match?: FaultMatch): void {
		this.faults.add(fault, count, match);
	}

	batches(): EmulatedBatch[] {
		return structuredClone(this.state.store.all());
	}

	advance(batchId: string, steps = 1): void {
		const batch = this.state.store.get(batchId);
		if (batch === undefined) throw new Error(`The emulator has no batch ${batchId}`);
		if (!Number.isInteger(steps) || steps < 0) throw new Error(`steps must be a whole number, got ${steps}`);
		this.state.store.advance(batch, steps);
	}

	reset(): void {
		this.requests.length = 0;
		this.state.store.clear();
		this.state.history.clear();
		this.onRequest = undefined;
		this.faults.clear();
		this.releaseHeld();
	}

	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve, reject) => {
			this.server.close((error) => (error ? reject(error) : resolve()));
			this.releaseHeld();
			// Keep-alive and in-flight sockets too, or jest waits for them.
			this.server.closeAllConnections();
		});
		return this.closing;
	}

	private releaseHeld(): void {
		for (const socket of this.held) socket.destroy();
		this.held.clear();
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const query = Object.fromEntries(url.searchParams);
		const record = startRecord(req, url.pathname, query);
		this.requests.push(record);
		// before the answer is built: a test can change the server's data while a client pages through it
		this.onRequest?.(record);
		const fault = this.faults.take(method, url.pathname);
		if (fault !== undefined) record.fault = fault.kind;
		const body = await readRequestBody(req);
		recordBody(record, body);
		if (fault?.kind === 'hang') return this.hold(req.socket);
		if (fault?.kind === 'drop') return void req.socket.destroy();
		const response =
			fault?.kind === 'status'
				? statusFaultResponse(fault, this.state.now())
				: this.answer(req, { method, path: url.pathname, query, body });
		// dropAfterCreate: the request took full effect (a batch was really created), the answer is lost.
		if (fault?.kind === 'dropAfterCreate') return void req.socket.destroy();
		record.status = response.status;
		writeResponse(res, response);
	}

	private hold(socket: Socket): void {
		this.held.add(socket);
		socket.once('close', () => this.held.delete(socket));
	}

	private answer(req: IncomingMessage, { method, path, query, body }: ReadRequest): EmulatorResponse {
		if (!/^\/v[12]\/api\//.test(path)) return errorResponse(404, 'Not found');
		const rejected = checkCredentials(req.headers, this.state.credentials);
		if (rejected !== undefined) return rejected;
		const route = findRoute(method, path);
		if (route === undefined) return errorResponse(404, 'Not found');
		try {
			return route.handler({ state: this.state, params: route.params, query, body });
		} catch (error) {
			// A bug in the emulator shows as a 500 with its cause, for the test log.
			const cause = error instanceof Error ? error.message : String(error);
			return errorResponse(500, 'Internal server error', cause);
		}
	}
}
