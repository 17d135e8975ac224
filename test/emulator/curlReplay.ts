// Replays a documented curl command against the emulator, the way curl would send it:
// the words are split as a shell splits them, -F parts are encoded by the form-data package.
import { request } from 'node:http';
import CurlForm from 'form-data';

export type CurlPart = { name: string; value: string } | { name: string; filePath: string };

export interface CurlCommand {
	method: string;
	url: string;
	headers: Record<string, string>;
	parts: CurlPart[];
}

export interface CurlAnswer {
	status: number;
	body: unknown;
}

/** Splits a command as bash does, for the quoting the docs use: "…" with \" escapes, '…', \-newline. */
export function shellWords(command: string): string[] {
	const words: string[] = [];
	let word: string | undefined;
	let quote: '"' | "'" | undefined;
	for (let i = 0; i < command.length; i++) {
		const char = command[i];
		if (quote === "'") {
			if (char === "'") quote = undefined;
			else word += char;
		} else if (char === '\\') {
			const next = command[++i] ?? '';
			if (next === '\n') continue; // a line continuation
			// Inside "…" a backslash only escapes " \ $ and `; elsewhere it escapes any character.
			word = (word ?? '') + (quote === '"' && !'"\\$`'.includes(next) ? `\\${next}` : next);
		} else if (quote === '"') {
			if (char === '"') quote = undefined;
			else word += char;
		} else if (char === '"' || char === "'") {
			quote = char;
			word ??= '';
		} else if (/\s/.test(char)) {
			if (word !== undefined) words.push(word);
			word = undefined;
		} else {
			word = (word ?? '') + char;
		}
	}
	if (word !== undefined) words.push(word);
	return words;
}

/** Reads the options the docs use: -X, -H, -F, -v and the URL. */
export function parseCurl(command: string): CurlCommand {
	const words = shellWords(command);
	if (words[0] !== 'curl') throw new Error(`not a curl command: ${command}`);
	const parsed: CurlCommand = { method: 'GET', url: '', headers: {}, parts: [] };
	for (let i = 1; i < words.length; i++) {
		const word = words[i];
		if (word === '-v') continue;
		if (word === '-X') parsed.method = words[++i];
		else if (word === '-H') {
			const [name, ...value] = words[++i].split(':');
			parsed.headers[name.trim().toLowerCase()] = value.join(':').trim();
		} else if (word === '-F') parsed.parts.push(formPart(words[++i]));
		else if (word.startsWith('-')) throw new Error(`curl option ${word} is not replayed`);
		else parsed.url = word;
	}
	return parsed;
}

function formPart(spec: string): CurlPart {
	const equals = spec.indexOf('=');
	const name = spec.slice(0, equals);
	const value = spec.slice(equals + 1);
	return value.startsWith('@') ? { name, filePath: value.slice(1) } : { name, value };
}

/**
 * Sends the command. `files` stands in for the disk; curl labels a .csv part
 * application/octet-stream (it only knows a few extensions), so the replay does too.
 */
export function replayCurl(command: CurlCommand, files: Record<string, Buffer>): Promise<CurlAnswer> {
	const form = new CurlForm();
	for (const part of command.parts) {
		if ('value' in part) {
			form.append(part.name, part.value);
			continue;
		}
		const options = { filename: part.filePath, contentType: 'application/octet-stream' };
		form.append(part.name, files[part.filePath], options);
	}
	const headers = { ...command.headers, ...form.getHeaders(), 'content-length': String(form.getLengthSync()) };
	return new Promise((resolve, reject) => {
		const req = request(command.url, { method: command.method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
				resolve({ status: res.statusCode ?? 0, body });
			});
		});
		req.on('error', reject);
		form.pipe(req);
	});
}
