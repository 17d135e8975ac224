import { detachString } from '../../nodes/TrilletBatchCall/contacts/detachString';

describe('detachString', () => {
	test.each(['', 'a', '+14155550123', 'a value long enough to be a slice', 'Zoë 😀 中文', '\uD83D lone surrogate'])(
		'gives a string equal to %j',
		(value) => {
			const text = `prefix ${value} suffix`;
			expect(detachString(text.slice(7, 7 + value.length))).toBe(value);
		},
	);
});
