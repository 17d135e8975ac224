import { MASK, Redactor } from '../../nodes/TrilletBatchCall/transport/redaction';
import { answerSample } from '../../nodes/TrilletBatchCall/transport/response';
import { mulberry32, pick } from '../contacts/csvFixtures';

const KEY = 'tk_live_secret_0123456789';
const redactor = new Redactor([KEY]);

describe('redacting the API key', () => {
	test('in text, as sent, JSON-escaped and URL-encoded', () => {
		const key = 'tk_a/b+c"d';
		const text = `raw ${key} json ${JSON.stringify(key)} url ${encodeURIComponent(key)}`;
		expect(new Redactor([key]).text(text)).toBe(`raw ${MASK} json "${MASK}" url ${MASK}`);
	});

	test('in an answer: values, property names, nested arrays, headers and file bytes', () => {
		const answer = { batchId: 'b1', [KEY]: [{ echo: { 'x-api-key': KEY } }], n: 3, ok: true, none: null };
		expect(redactor.value(answer)).toEqual({ batchId: 'b1', [MASK]: [{ echo: { 'x-api-key': MASK } }], n: 3, ok: true, none: null });
		expect(redactor.value(Buffer.from(`a,${KEY},b,${KEY}`)).toString()).toBe(`a,${MASK},b,${MASK}`);
	});

	test('an answer without the key is handed on as it is, bytes uncopied', () => {
		const bytes = Buffer.from('phone_number\n+14155550101\n');
		expect(redactor.value(bytes)).toBe(bytes);
	});

	test('an answer nested deeper than it is worth walking is replaced, not overflowed', () => {
		let deep: unknown = KEY;
		for (let level = 0; level < 10_000; level++) deep = [deep];
		expect(JSON.stringify(redactor.value(deep))).not.toContain(KEY);
	});

	test('a short key masks nothing: "tk_" is on every key and three letters say nothing', () => {
		expect(new Redactor(['abc']).text('abc abc')).toBe('abc abc');
	});
});

describe('cutting an answer short', () => {
	test('redacts before cutting, so a key across the cut leaves no half behind', () => {
		const body = `${'x'.repeat(70)}${KEY} and more`;
		expect(answerSample(body, redactor)).toBe(`${'x'.repeat(70)}${MASK} and more`.slice(0, 80) + '…');
	});

	test('masks the start of a key left at the cut (an answer that was itself cut inside a key)', () => {
		const body = `${'x'.repeat(70)}${KEY.slice(0, 15)}`;
		expect(redactor.cut(body, 80)).toBe(`${'x'.repeat(70)}${MASK}…`);
	});

	test.each([
		[1000, 20, 200],
		[2000, 40, 2000],
	])('property: over %i seeded texts, no piece of the key of 4+ characters ends a cut, and no whole key stays', (cases, minKey, maxText) => {
		const random = mulberry32(cases + minKey);
		const alphabet = 'abcxyz_-+/=. "\\\n0123';
		const problems: string[] = [];
		for (let index = 0; index < cases; index++) {
			const key = `tk_${Array.from({ length: minKey + Math.floor(random() * 20) }, () => pick(random, alphabet.split(''))).join('')}`;
			const forms = [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)];
			let text = '';
			while (text.length < maxText * random()) text += random() < 0.2 ? pick(random, forms) : random() < 0.1 ? key.slice(0, 1 + Math.floor(random() * key.length)) : pick(random, alphabet.split(''));
			const max = 1 + Math.floor(random() * maxText);
			const cut = new Redactor([key]).cut(text, max);
			const kept = cut.endsWith('…') ? cut.slice(0, -1) : cut;
			if (forms.some((form) => kept.includes(form))) problems.push(`case ${index}: a whole key in ${JSON.stringify(cut)}`);
			if (cut.endsWith('…') && forms.some((form) => [...Array(form.length - 4).keys()].some((n) => kept.endsWith(form.slice(0, n + 4)))))
				problems.push(`case ${index}: a piece of the key at the cut of ${JSON.stringify(cut)}`);
			if (kept.length > max) problems.push(`case ${index}: ${kept.length} characters kept of at most ${max}`);
		}
		expect(problems).toEqual([]);
	});
});
