import {
	MAX_NESTING_DEPTH,
	toCellText,
	UnwritableValueError,
} from '../../../nodes/TrilletBatchCall/contacts/items/itemFields';
import { mulberry32 } from '../csvFixtures';

/** An object and array chain `depth` levels deep. */
function nested(depth: number): unknown {
	let value: unknown = 1;
	for (let level = 0; level < depth; level++) value = level % 3 === 0 ? [value] : { level: value, when: new Date(0) };
	return value;
}

function reasonFor(value: unknown): string {
	try {
		toCellText(value);
	} catch (error) {
		if (error instanceof UnwritableValueError) return error.reason;
		throw error;
	}
	throw new Error('expected an UnwritableValueError, but nothing was thrown');
}

describe('toCellText: objects sent as JSON text', () => {
	test(`writes an object nested ${MAX_NESTING_DEPTH} levels as JSON.stringify does, dates inside as ISO text`, () => {
		expect(toCellText(nested(MAX_NESTING_DEPTH))).toBe(JSON.stringify(nested(MAX_NESTING_DEPTH)));
	});

	test('refuses one level more, and any deeper, without running out of stack', () => {
		for (const depth of [MAX_NESTING_DEPTH + 1, 4_500, 100_000]) {
			expect(reasonFor(nested(depth))).toBe(
				'is nested more than 1,000 levels deep (or holds itself), too deep to send as JSON text',
			);
		}
	});

	test('refuses the shortest JSON text one level too deep, arrays inside arrays, and writes one level less', () => {
		const arrays = (depth: number) => {
			let value: unknown[] = [];
			for (let level = 1; level < depth; level++) value = [value];
			return value;
		};
		expect(toCellText(arrays(MAX_NESTING_DEPTH))).toBe(`${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}`);
		expect(reasonFor(arrays(MAX_NESTING_DEPTH + 1))).toMatch(/^is nested more than 1,000 levels deep/);
	});

	test('refuses an object that holds itself, and one holding a BigInt, with the reason', () => {
		const loop: Record<string, unknown> = { name: 'loop' };
		loop.self = { back: loop };
		expect(reasonFor(loop)).toMatch(/holds itself/);
		expect(reasonFor({ amount: 10n })).toBe('cannot be written as JSON text (Do not know how to serialize a BigInt)');
	});

	test('random depths: the JSON text up to the limit, a clear refusal beyond it', () => {
		const random = mulberry32(21);
		const faults: number[] = [];
		for (let sample = 0; sample < 40; sample++) {
			const depth = 1 + Math.floor(random() * 3 * MAX_NESTING_DEPTH);
			const value = nested(depth);
			const ok = depth <= MAX_NESTING_DEPTH ? toCellText(value) === JSON.stringify(value) : /nested more than/.test(reasonFor(value));
			if (!ok) faults.push(depth);
		}
		expect(faults).toEqual([]);
	});
});
