import { LineBreakCheck } from '../../../nodes/TrilletBatchCall/contacts/csv/lineBreaks';
import { mulberry32, pick } from '../csvFixtures';

/** What the whole text says: a lone CR, or CRLF and lone LF mixed. */
function irregular(text: string): boolean {
	return /\r(?!\n)/.test(text) || (text.includes('\r\n') && /(?<!\r)\n/.test(text));
}

function checkInPieces(text: string, cuts: readonly number[]): boolean {
	const check = new LineBreakCheck();
	let from = 0;
	for (const cut of cuts) {
		check.add(text.slice(from, cut), false);
		from = cut;
	}
	check.add(text.slice(from), true);
	return check.irregular;
}

describe('LineBreakCheck', () => {
	test.each([
		['LF only', 'a\nb\n', false],
		['CRLF only', 'a\r\nb\r\n', false],
		['no line break', 'ab', false],
		['a lone CR', 'a\rb', true],
		['a lone CR at the very end', 'a\r\nb\r', true],
		['CRLF and LF mixed', 'a\r\nb\nc', true],
		['an LF right after a CRLF', 'a\r\n\nb', true],
	])('%s, whole or cut anywhere', (_name, text, expected) => {
		expect(checkInPieces(text, [])).toBe(expected);
		for (let cut = 0; cut <= text.length; cut++) expect(checkInPieces(text, [cut])).toBe(expected);
	});

	test('a CR ending one slice and an LF starting the next are one CRLF, even with empty slices between', () => {
		expect(checkInPieces('a\r\nb\r\n', [2, 2, 2])).toBe(false);
	});

	test('agrees with the whole text on random line breaks cut at random (seeded)', () => {
		const random = mulberry32(31);
		for (let sample = 0; sample < 2000; sample++) {
			const text = Array.from({ length: Math.floor(random() * 8) }, () => pick(random, ['a', '\r', '\n', '\r\n'])).join('');
			const cuts = Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * (text.length + 1))).sort(
				(a, b) => a - b,
			);
			expect({ text, cuts, irregular: checkInPieces(text, cuts) }).toEqual({ text, cuts, irregular: irregular(text) });
		}
	});
});
