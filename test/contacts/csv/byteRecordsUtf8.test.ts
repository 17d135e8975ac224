import { isUtf8 } from '../../../nodes/TrilletBatchCall/contacts/csv';
import { mulberry32 } from '../csvFixtures';

// The fast path trusts isUtf8 to say a file decodes without error; held against a fatal TextDecoder.

function decodes(bytes: Uint8Array): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

describe('isUtf8', () => {
	test('agrees with a fatal TextDecoder on 20,000 byte strings near UTF-8 (seeded)', () => {
		const random = mulberry32(11);
		const samples = ['a', 'é', '€', '😀', '\uD7FF', '\uE000', '\uFFFF', '\u{10FFFF}'].map((text) => [...Buffer.from(text, 'utf8')]);
		const edges = [0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
		let valid = 0;
		for (let count = 0; count < 20_000; count++) {
			const bytes: number[] = [];
			const parts = 1 + Math.floor(random() * 6);
			for (let part = 0; part < parts; part++) {
				if (random() < 0.7) bytes.push(...samples[Math.floor(random() * samples.length)]);
				else bytes.push(edges[Math.floor(random() * edges.length)]);
			}
			// Long ASCII runs (read four bytes at a time) before and after, at every alignment.
			const ascii = Array.from({ length: Math.floor(random() * 12) }, () => 0x61);
			const offset = Math.floor(random() * 4);
			const padded = Uint8Array.from([...Array.from({ length: offset }, () => 0x62), ...ascii, ...bytes, ...ascii]);
			const array = padded.subarray(offset);
			if (decodes(array)) valid++;
			expect([bytes, offset, isUtf8(array)]).toEqual([bytes, offset, decodes(array)]);
		}
		expect(valid).toBeGreaterThan(2_000);
		expect(valid).toBeLessThan(18_000);
	});
});
