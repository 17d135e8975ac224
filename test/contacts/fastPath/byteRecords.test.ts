import { ByteRecords, GIVE_UP } from '../../../nodes/TrilletBatchCall/contacts/fastPath/byteRecords';
import { mulberry32 } from '../csvFixtures';

// The fast path trusts the byte reader to say a file decodes without error: a record is read only
// when its bytes are UTF-8, held here against a fatal TextDecoder.

function decodes(bytes: Uint8Array): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** The record `bytes` makes as an unquoted field, or quoted, between two other fields: read or given up. */
function readsAsRecord(bytes: number[], quoted: boolean): boolean {
	const field = quoted ? [0x22, ...bytes, 0x22] : bytes;
	const record = Uint8Array.from([0x31, 0x2c, ...field, 0x2c, 0x32, 0x0a]);
	const fields = new ByteRecords(record, false).readRecord();
	if (fields !== GIVE_UP) expect(fields).toBe(3);
	return fields !== GIVE_UP;
}

describe('ByteRecords', () => {
	test('reads a record exactly when its bytes are UTF-8 as a fatal TextDecoder reads them: 20,000 byte strings (seeded)', () => {
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
			const ascii = Array.from({ length: Math.floor(random() * 12) }, () => 0x61);
			const field = [...ascii, ...bytes, ...ascii];
			const expected = decodes(Uint8Array.from(field));
			if (expected) valid++;
			const quoted = random() < 0.5;
			expect([field, quoted, readsAsRecord(field, quoted)]).toEqual([field, quoted, expected]);
		}
		expect(valid).toBeGreaterThan(2_000);
		expect(valid).toBeLessThan(18_000);
	});

	test('gives up on a sequence cut by the end of the file', () => {
		const record = Uint8Array.from([0x61, 0x2c, 0xc3]);
		expect(new ByteRecords(record, false).readRecord()).toBe(GIVE_UP);
		expect(new ByteRecords(Uint8Array.from([0x61, 0x2c, 0xc3, 0xa9]), false).readRecord()).toBe(2);
	});
});
