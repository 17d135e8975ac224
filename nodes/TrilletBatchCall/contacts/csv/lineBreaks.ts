// Our parser takes CR, LF and CRLF alike; strict parsers take one kind per file and no lone CR.
// The text comes in slices, so a CR that ends one slice is judged by the next slice's start.

const CR = 0x0d;
const LF = 0x0a;

/** Watches a text, slice by slice, for line breaks strict parsers refuse: a lone CR, or CRLF and LF mixed. */
export class LineBreakCheck {
	private loneCr = false;
	private crlf = false;
	private loneLf = false;
	/** The last slice ended with a CR, which is lone unless the next slice starts with LF. */
	private pendingCr = false;

	/** Whether the text seen so far has such line breaks. */
	get irregular(): boolean {
		return this.loneCr || (this.crlf && this.loneLf);
	}

	add(text: string, last: boolean): void {
		let from = 0;
		if (this.pendingCr && text.length > 0) {
			this.pendingCr = false;
			if (text.charCodeAt(0) === LF) {
				this.crlf = true;
				from = 1;
			} else {
				this.loneCr = true;
			}
		}
		if (this.pendingCr || this.irregular) {
			if (last && this.pendingCr) this.loneCr = true;
			return;
		}
		this.pendingCr = !last && text.charCodeAt(text.length - 1) === CR;
		const end = this.pendingCr ? text.length - 1 : text.length;
		this.loneCr ||= hasLoneCr(text, from, end);
		this.crlf ||= text.includes('\r\n', from);
		this.loneLf ||= hasLoneLf(text, from);
	}
}

// indexOf rather than regular expressions: several times faster on 20 MB of text.

/** Whether a CR not followed by LF stands from `from` up to, not including, `end`. */
function hasLoneCr(text: string, from: number, end: number): boolean {
	for (let cr = text.indexOf('\r', from); cr !== -1 && cr < end; cr = text.indexOf('\r', cr + 1)) {
		if (text.charCodeAt(cr + 1) !== LF) return true;
	}
	return false;
}

/** Whether an LF not preceded by CR stands from `from` on (a CR ending the previous slice was dealt with). */
function hasLoneLf(text: string, from: number): boolean {
	for (let lf = text.indexOf('\n', from); lf !== -1; lf = text.indexOf('\n', lf + 1)) {
		if (text.charCodeAt(lf - 1) !== CR) return true;
	}
	return false;
}
