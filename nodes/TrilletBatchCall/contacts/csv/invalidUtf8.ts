// TextDecoder only says "invalid"; to tell the user where, we find the first bad byte ourselves.
// Only called after the fast decoder has failed, so clarity beats speed here.

/** Where the first byte sequence that is not valid UTF-8 starts. */
export interface InvalidUtf8Location {
	/** 0-based byte offset. */
	offset: number;
	/** 1-based line (CRLF, LF or CR end a line), as a text editor would show it. */
	line: number;
}

/** Finds the first invalid UTF-8 sequence (WHATWG rules: no overlongs, surrogates or code points above U+10FFFF), or undefined if all is valid. */
export function findInvalidUtf8(bytes: Uint8Array): InvalidUtf8Location | undefined {
	let offset = 0;
	while (offset < bytes.length) {
		const sequenceLength = validSequenceLength(bytes, offset);
		if (sequenceLength === 0) return { offset, line: lineAtOffset(bytes, offset) };
		offset += sequenceLength;
	}
	return undefined;
}

/** Length of the valid UTF-8 sequence starting at `offset`, or 0 if it is not valid. */
function validSequenceLength(bytes: Uint8Array, offset: number): number {
	const lead = bytes[offset];
	if (lead < 0x80) return 1;
	let continuationBytes: number;
	// The allowed range of the second byte excludes overlong forms, surrogates and > U+10FFFF.
	let secondMin = 0x80;
	let secondMax = 0xbf;
	if (lead >= 0xc2 && lead <= 0xdf) {
		continuationBytes = 1;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		continuationBytes = 2;
		if (lead === 0xe0) secondMin = 0xa0;
		if (lead === 0xed) secondMax = 0x9f;
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		continuationBytes = 3;
		if (lead === 0xf0) secondMin = 0x90;
		if (lead === 0xf4) secondMax = 0x8f;
	} else {
		return 0;
	}
	if (offset + continuationBytes >= bytes.length) return 0;
	const second = bytes[offset + 1];
	if (second < secondMin || second > secondMax) return 0;
	for (let index = 2; index <= continuationBytes; index++) {
		const next = bytes[offset + index];
		if (next < 0x80 || next > 0xbf) return 0;
	}
	return continuationBytes + 1;
}

function lineAtOffset(bytes: Uint8Array, offset: number): number {
	let line = 1;
	for (let index = 0; index < offset; index++) {
		const byte = bytes[index];
		if (byte === 0x0a) {
			line++;
		} else if (byte === 0x0d) {
			line++;
			if (bytes[index + 1] === 0x0a) index++;
		}
	}
	return line;
}
