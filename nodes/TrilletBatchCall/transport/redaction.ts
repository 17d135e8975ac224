// The API key must appear nowhere in what the node puts out or reports. A server (or a proxy in
// front of it) may echo the request headers back in a body, a header, a redirect's Location or a
// file name, so every answer is redacted as it arrives, before anything reads it. Pure: no n8n.

export const MASK = '***';
/** Shorter pieces of a key say nothing about it (and "tk_" is on every key). */
const MIN_FRAGMENT = 4;
/** Deeper answers are not walked: their inner part is replaced, never copied unread. */
const MAX_DEPTH = 100;

/** Replaces every secret, as sent and as a server may have escaped it, in answers and in text. */
export class Redactor {
	private readonly forms: string[];

	constructor(secrets: string[]) {
		const forms = new Set<string>();
		for (const secret of secrets) {
			if (secret.length < MIN_FRAGMENT) continue;
			// as sent, inside a JSON string, and in a URL (a Location or a file name)
			forms.add(secret).add(JSON.stringify(secret).slice(1, -1)).add(encodeURIComponent(secret)).add(encodeURI(secret));
		}
		// the longest first, so that a form holding another is replaced whole
		this.forms = [...forms].sort((a, b) => b.length - a.length);
	}

	text(text: string): string {
		let safe = text;
		for (const form of this.forms) if (safe.includes(form)) safe = safe.split(form).join(MASK);
		return safe;
	}

	/** At most `maxChars` of the text, redacted before it is cut, and no piece of a secret left at the cut. */
	cut(text: string, maxChars: number): string {
		const safe = this.text(text);
		if (safe.length <= maxChars) return safe;
		return `${this.maskTrailingFragment(safe.slice(0, maxChars))}…`;
	}

	/** A copy of an answer with every secret replaced: string values, keys, headers, bytes. */
	value<T>(value: T): T {
		return this.walk(value, 0) as T;
	}

	private walk(value: unknown, depth: number): unknown {
		if (typeof value === 'string') return this.text(value);
		if (Buffer.isBuffer(value)) return this.bytes(value);
		if (value instanceof ArrayBuffer) return this.bytes(Buffer.from(value));
		if (value === null || typeof value !== 'object') return value;
		if (depth >= MAX_DEPTH) return `${MASK} (nested too deep to show)`;
		if (Array.isArray(value)) return value.map((entry) => this.walk(entry, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[this.text(key)] = this.walk(entry, depth + 1);
		return copy;
	}

	/** The same bytes, or a copy with each secret replaced (a file is copied only when it holds one). */
	private bytes(bytes: Buffer): Buffer {
		let safe = bytes;
		for (const form of this.forms) {
			const needle = Buffer.from(form, 'utf8');
			if (safe.indexOf(needle) === -1) continue;
			const pieces: Buffer[] = [];
			let from = 0;
			for (let at = safe.indexOf(needle); at !== -1; at = safe.indexOf(needle, from)) {
				pieces.push(safe.subarray(from, at), Buffer.from(MASK));
				from = at + needle.length;
			}
			pieces.push(safe.subarray(from));
			safe = Buffer.concat(pieces);
		}
		return safe;
	}

	/** A cut text that ends with the start of a secret loses that start too. */
	private maskTrailingFragment(text: string): string {
		for (const form of this.forms) {
			for (let length = Math.min(form.length - 1, text.length); length >= MIN_FRAGMENT; length--) {
				if (text.endsWith(form.slice(0, length))) return `${text.slice(0, text.length - length)}${MASK}`;
			}
		}
		return text;
	}
}
