import { findInvalidUtf8 } from '../../../nodes/TrilletBatchCall/contacts/csv/invalidUtf8';
import { mulberry32, pick } from '../csvFixtures';

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
	try {
		strictDecoder.decode(bytes);
		return true;
	} catch {
		return false;
	}
}

describe('findInvalidUtf8', () => {
	test('finds nothing in valid UTF-8 of every length', () => {
		expect(findInvalidUtf8(new TextEncoder().encode('a é 中 😀 \u{10FFFF}'))).toBeUndefined();
	});

	test.each([
		['a lone continuation byte', [0x61, 0x80], 1],
		['an overlong encoding of "/"', [0xc0, 0xaf], 0],
		['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
		['an encoded surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
		['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
		['a truncated four-byte character', [0x61, 0x62, 0xf0, 0x9f, 0x98], 2],
		['a Windows-1252 é', [0x4a, 0x6f, 0x73, 0xe9], 3],
	])('points at %s', (_name, bytes, offset) => {
		expect(findInvalidUtf8(Uint8Array.from(bytes))?.offset).toBe(offset);
	});

	test('agrees with a strict TextDecoder on random byte strings about where the text stops being valid', () => {
		const random = mulberry32(99);
		const interesting = [0x0a, 0x0d, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
		const validPieces = Array.from(new TextEncoder().encode('aé中😀'));
		for (let sample = 0; sample < 2000; sample++) {
			const bytes = Uint8Array.from({ length: Math.floor(random() * 12) }, () =>
				random() < 0.5 ? pick(random, validPieces) : pick(random, interesting),
			);
			const found = findInvalidUtf8(bytes);
			expect(found === undefined).toBe(isValidUtf8(bytes));
			if (found !== undefined) {
				expect(isValidUtf8(bytes.subarray(0, found.offset))).toBe(true);
			}
		}
	});

	test('numbers lines from 1, counting CRLF once', () => {
		expect(findInvalidUtf8(Uint8Array.from([0xff]))?.line).toBe(1);
		expect(findInvalidUtf8(Uint8Array.from([0x61, 0x0d, 0x0a, 0x62, 0x0a, 0x0d, 0xff]))?.line).toBe(4);
	});
});
