import { parse } from 'csv-parse/sync';

import { DEFAULT_SLICE_BYTES } from '../../nodes/TrilletBatchCall/contacts/csv';
import {
	checkUploadOnFastPath,
	checkUploadOnGeneralPath,
	csvFileToSend,
	openCsvUpload,
	prepareCsvFile,
	type CsvUploadOptions,
	type PreparedCsvFile,
} from '../../nodes/TrilletBatchCall/contacts/csvUpload';
import { ContactsError } from '../../nodes/TrilletBatchCall/contacts/errors';
import type { ValidationReport } from '../../nodes/TrilletBatchCall/contacts/types';

/** UTF-8 bytes of a CSV written in a test. */
export function utf8(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}

/** Reads produced CSV bytes with csv-parse (strict: a BOM or a ragged row would show), header first. */
export function readCsv(csv: Uint8Array): string[][] {
	return parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv));
}

/** Runs `work`, which must throw a ContactsError, and returns that error. */
export function contactsErrorFrom(work: () => unknown): ContactsError {
	try {
		work();
	} catch (error) {
		if (error instanceof ContactsError) return error;
		throw error;
	}
	throw new Error('expected a ContactsError, but nothing was thrown');
}

/** What prepareCsvFile uploads for `bytes`, read back from the Blob, with its report. */
export async function uploaded(bytes: Uint8Array, options: CsvUploadOptions): Promise<{ csv: Uint8Array; report: ValidationReport }> {
	const { file, report } = prepareCsvFile(bytes, options);
	return { csv: new Uint8Array(await file.arrayBuffer()), report };
}

/** Whether prepareCsvFile uploads exactly the bytes given. */
export async function sentAsItIs(bytes: Uint8Array, options: CsvUploadOptions): Promise<boolean> {
	const { csv } = await uploaded(bytes, options);
	return Buffer.from(csv).equals(bytes);
}

/** Which of the two readers prepareCsvFile calls checks a file. */
export type CheckPath = 'fast' | 'general';

/**
 * What prepareCsvFile sends for `bytes` when `path` checks it, made by the very calls
 * prepareCsvFile makes; undefined when the fast path gives up on the file (or may not read it).
 */
export function preparedOn(path: CheckPath, bytes: Uint8Array, options: CsvUploadOptions): PreparedCsvFile | undefined {
	const upload = openCsvUpload(bytes, options);
	if (path === 'general') return csvFileToSend(upload, checkUploadOnGeneralPath(upload));
	const checked = checkUploadOnFastPath(upload);
	return checked && csvFileToSend(upload, checked);
}

/** What the general reader (csvPasses.ts) uploads for `bytes`, read back from the Blob, with its report. */
export async function uploadedByGeneralReader(bytes: Uint8Array, options: CsvUploadOptions): Promise<{ csv: Uint8Array; report: ValidationReport }> {
	const { file, report } = preparedOn('general', bytes, options) as PreparedCsvFile;
	return { csv: new Uint8Array(await file.arrayBuffer()), report };
}

// The general reader decodes DEFAULT_SLICE_BYTES at a time; a UTF-8 or single-byte slice ends
// just after its last line feed, a UTF-16 slice exactly there. To cut a test file's records,
// characters or quoted fields at a chosen byte, the file holds one pad mark `~` (no generated
// field has one), which grows into a run long enough that a slice ends at that byte.

/** The pad mark tests write into a file, where it may grow into a run of `~`. */
export const PAD = '~';
const LF = 0x0a;

interface PadSite {
	/** Bytes per character: 2 in UTF-16, else 1. */
	unit: number;
	/** The pad mark's bytes. */
	markBytes: number[];
	/** Where the one pad mark is. */
	mark: number;
	/** Where the slice that holds the pad starts: the file's text, or the byte after the last line feed before the pad. */
	sliceStart: number;
	/** The bytes a cut may come before: after the mark up to the next line feed (UTF-16: to the end). */
	cuts: number[];
}

/** How a test file holds text: UTF-16 (by its byte order mark) or not, where its text starts (after any BOM), and the pad mark's bytes in it. */
export function padEncoding(bytes: Uint8Array): { utf16: boolean; unit: number; textStart: number; markBytes: number[] } {
	const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
	const utf16 = bigEndian || (bytes[0] === 0xff && bytes[1] === 0xfe);
	const unit = utf16 ? 2 : 1;
	let textStart = utf16 ? 2 : 0;
	while (!utf16 && bytes[textStart] === 0xef && bytes[textStart + 1] === 0xbb && bytes[textStart + 2] === 0xbf) textStart += 3;
	return { utf16, unit, textStart, markBytes: padMark(unit, bigEndian) };
}

function padSite(bytes: Uint8Array): PadSite {
	const { utf16, unit, textStart, markBytes } = padEncoding(bytes);
	const marks: number[] = [];
	for (let index = textStart; index < bytes.length; index += unit) {
		if (markBytes.every((byte, offset) => bytes[index + offset] === byte)) marks.push(index);
	}
	if (marks.length !== 1) throw new Error(`a file to pad needs one ${PAD}, not ${marks.length}`);
	const [mark] = marks;
	const lineFeed = bytes.indexOf(LF, mark);
	const end = utf16 || lineFeed === -1 ? bytes.length : lineFeed + 1;
	const sliceStart = utf16 ? textStart : Math.max(textStart, bytes.lastIndexOf(LF, mark) + 1);
	const cuts: number[] = [];
	for (let cut = mark + unit; cut <= end; cut += unit) cuts.push(cut);
	return { unit, markBytes, mark, sliceStart, cuts };
}

function padMark(unit: number, bigEndian: boolean): number[] {
	const code = PAD.charCodeAt(0);
	return unit === 1 ? [code] : bigEndian ? [0, code] : [code, 0];
}

/**
 * Every byte of `bytes` (after its pad mark) before which a slice can be made to end: in UTF-8
 * and single-byte files, each byte up to and just after the next line feed; in UTF-16, each
 * character to the end.
 */
export function cutsAfterPad(bytes: Uint8Array): number[] {
	return padSite(bytes).cuts;
}

/**
 * `bytes` with its pad mark grown so that the general reader's slice ends just before the byte
 * `cut` of `bytes` (one of cutsAfterPad, less than a slice after the pad). The records before
 * the pad must be short (under half a slice), so that the slices before the pad's are of the
 * usual size.
 */
export function padToCut(bytes: Uint8Array, cut: number): { bytes: Uint8Array; padLength: number } {
	const { unit, markBytes, mark, sliceStart, cuts } = padSite(bytes);
	if (!cuts.includes(cut)) throw new Error(`no slice can end before byte ${cut}`);
	const padLength = 1 + (sliceStart + DEFAULT_SLICE_BYTES - cut) / unit;
	if (padLength < 1) throw new Error(`byte ${cut} is more than a slice after the pad`);
	const pad = new Uint8Array(padLength * unit);
	for (let index = 0; index < pad.length; index += unit) pad.set(markBytes, index);
	const padded = new Uint8Array(bytes.length + pad.length - unit);
	padded.set(bytes.subarray(0, mark));
	padded.set(pad, mark);
	padded.set(bytes.subarray(mark + unit), mark + pad.length);
	return { bytes: padded, padLength };
}

/** A run of pad marks as one, so that files padded to different lengths compare equal. */
export function unpadded<T>(value: T): T {
	return JSON.parse(JSON.stringify(value).replace(/~+/g, PAD)) as T;
}
