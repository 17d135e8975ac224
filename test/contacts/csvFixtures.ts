// Seeded random tables and a deliberately untidy CSV serialiser, so the parser is tested on
// many inputs that are reproducible when a test fails.

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export type Random = () => number;

export function pick<T>(random: Random, choices: readonly T[]): T {
	return choices[Math.floor(random() * choices.length)];
}

const FIELD_PIECES = [
	'a',
	'Smith',
	'José',
	'Zoë',
	'中文',
	'😀',
	'+14155550123',
	',',
	'"',
	'""',
	'\r',
	'\n',
	'\r\n',
	' ',
	'\t',
	'x y',
	'',
] as const;

/** A field of 0–4 random pieces: commas, quotes, line breaks, unicode, emoji, spaces. */
export function randomField(random: Random): string {
	const pieces = Math.floor(random() * 5);
	let field = '';
	for (let index = 0; index < pieces; index++) field += pick(random, FIELD_PIECES);
	return field;
}

/** A table of `rows` rows with `columns` random fields each. */
export function randomTable(random: Random, rows: number, columns: number): string[][] {
	return Array.from({ length: rows }, () => Array.from({ length: columns }, () => randomField(random)));
}

export interface UntidyCsv {
	text: string;
	/** 1-based line where each row starts, known from how the text was built. */
	startLines: number[];
	blankLines: number;
	lines: number;
}

const LINE_BREAKS = ['\r\n', '\n', '\r'] as const;

/**
 * Writes rows the way assorted tools do: mixed CRLF / LF / CR (or, with `oneLineBreak`, one of
 * them for the whole file, as an upload must have), needless quotes, stray quotes left unquoted,
 * blank lines, with or without a final line break.
 */
export function toUntidyCsv(random: Random, rows: readonly string[][], options: { oneLineBreak?: boolean } = {}): UntidyCsv {
	const fileBreak = options.oneLineBreak === true ? pick(random, LINE_BREAKS) : undefined;
	let text = '';
	let line = 1;
	let blankLines = 0;
	let previousBreak = '';
	const startLines: number[] = [];
	rows.forEach((row, rowIndex) => {
		while (random() < 0.15) {
			// After a lone CR, an LF would join it into one CRLF line break.
			previousBreak = fileBreak ?? pick(random, previousBreak === '\r' ? ['\r\n', '\r'] : LINE_BREAKS);
			text += previousBreak;
			line++;
			blankLines++;
		}
		startLines.push(line);
		text += row.map((field) => untidyField(random, field, row.length)).join(',');
		line += row.reduce((breaks, field) => breaks + countLineBreaks(field), 0);
		const isLast = rowIndex === rows.length - 1;
		if (!isLast || random() < 0.5) {
			previousBreak = fileBreak ?? pick(random, LINE_BREAKS);
			text += previousBreak;
			line++;
		}
	});
	const endsWithBreak = text.endsWith('\n') || text.endsWith('\r');
	return { text, startLines, blankLines, lines: text === '' ? 0 : endsWithBreak ? line - 1 : line };
}

function untidyField(random: Random, field: string, fieldsInRow: number): string {
	const mustQuote =
		/[,\r\n]/.test(field) ||
		// Blanks and then a quote are refused unquoted: readers disagree on them.
		/^[ \t]*"/.test(field) ||
		// A row of one empty field would otherwise be a blank line.
		(fieldsInRow === 1 && field === '');
	if (mustQuote || random() < 0.2) return `"${field.replace(/"/g, '""')}"`;
	return field;
}

export function countLineBreaks(text: string): number {
	return (text.match(/\r\n|\r|\n/g) ?? []).length;
}
