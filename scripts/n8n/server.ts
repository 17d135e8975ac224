// `n8n start` for the REST checks and the screenshots: started, waited for, logged in, stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { type BinaryDataMode, type N8nInstance, n8nEnvironment } from './environment';

export const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Trillet-test-1' };

/** A free loopback port for n8n to listen on. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export interface RunningN8n {
	url: string;
	/** Everything n8n printed so far. */
	log(): string;
	/** Calls n8n's REST API as the logged-in owner; resolves with the answer's `data`. */
	rest<T>(method: string, path: string, body?: unknown): Promise<T>;
	/** The owner's session cookie (`n8n-auth=…`), for a browser. */
	cookie(): string;
	stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, output: () => string, line: string, seconds: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const check = () => {
			if (output().includes(line)) return done(resolve);
		};
		const timer = setTimeout(() => done(() => reject(new Error(`n8n did not print "${line}" in ${seconds} s:\n${output()}`))), seconds * 1000);
		const onExit = () => done(() => reject(new Error(`n8n stopped before "${line}":\n${output()}`)));
		const done = (settle: () => void) => {
			clearTimeout(timer);
			child.stdout?.off('data', check);
			child.off('exit', onExit);
			settle();
		};
		child.stdout?.on('data', check);
		child.on('exit', onExit);
		check();
	});
}

export async function startN8n(instance: N8nInstance, binaryDataMode: BinaryDataMode = 'default'): Promise<RunningN8n> {
	const child = spawn(instance.runtime.node, [instance.runtime.n8n, 'start'], {
		cwd: instance.filesFolder,
		env: n8nEnvironment(instance, binaryDataMode),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	try {
		// /rest/settings answers earlier, but the editor and its routes are ready only then
		await waitForLine(child, () => output, 'Editor is now accessible', 240);
	} catch (error) {
		await stop();
		throw error;
	}
	const url = `http://127.0.0.1:${instance.port}`;
	const session = await ownerSession(url);
	return { url, log: () => output, rest: session.call, cookie: session.cookie, stop };
}

/** Sets up the owner account (a fresh n8n has none) and keeps its session cookie. */
async function ownerSession(url: string): Promise<{ call: RunningN8n['rest']; cookie: () => string }> {
	let cookie = '';
	const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${url}/rest${path}`, {
			method,
			// no browser-id header: a session bound to none can be handed to a browser
			headers: { 'content-type': 'application/json', cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${path} → HTTP ${response.status}: ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	};
	await call('POST', '/owner/setup', OWNER).catch(() => undefined); // already set up on a reused folder
	await call('POST', '/login', { email: OWNER.email, emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	return { call, cookie: () => cookie };
}
