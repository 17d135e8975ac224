// The one quoting rule of the codec. The writer quotes by it; the reader uses it to tell
// whether a record is already written as the writer would write it (then it is copied as it
// is rather than written again), so reader and writer can never disagree.
//
// A field is quoted when it holds a comma, quote, CR or LF, or starts or ends with a space or
// tab (so that no parser trims it); a quote inside is written twice.

const NEEDS_QUOTES = /[",\r\n]|^[ \t]|[ \t]$/;
const QUOTES = /"/g;
const SPACE = 0x20;
const TAB = 0x09;

/** The field as the CSV that is uploaded holds it. */
export function escapeCsvField(value: string): string {
	if (!NEEDS_QUOTES.test(value)) return value;
	return `"${value.replace(QUOTES, '""')}"`;
}

export function isSpaceOrTab(code: number): boolean {
	return code === SPACE || code === TAB;
}

/** For a value with no quote or line break, `text` from `from` to `to`: whether escapeCsvField would quote it. */
export function needsQuotesWithoutBreaksOrQuotes(text: string, from: number, to: number): boolean {
	if (from === to) return false;
	if (isSpaceOrTab(text.charCodeAt(from)) || isSpaceOrTab(text.charCodeAt(to - 1))) return true;
	const comma = text.indexOf(',', from);
	return comma !== -1 && comma < to;
}
