import { CsvTextSlices, DEFAULT_SLICE_BYTES, type CsvBytes } from './decodeCsvText';
import { CsvReader, type CsvParseStats, type CsvRecordCallback } from './parseCsv';

export interface SliceOptions {
	/** Bytes decoded at a time (tests use a few, to cut records everywhere). */
	sliceBytes?: number;
	/** Sees each slice of text before its records are read. */
	onSlice?: (text: string, last: boolean) => void;
}

/** Reads an uploaded CSV record by record, decoding a slice of it at a time. */
export function readCsvRecords(csv: CsvBytes, onRecord: CsvRecordCallback, options: SliceOptions = {}): CsvParseStats {
	const sliceBytes = options.sliceBytes ?? DEFAULT_SLICE_BYTES;
	const slices = new CsvTextSlices(csv, sliceBytes);
	const reader = new CsvReader(onRecord);
	for (;;) {
		// A record longer than a slice is read again with each slice until it is complete: taking
		// at least twice what it holds so far keeps that linear, however long the record.
		const { text, last } = slices.next(Math.max(sliceBytes, 2 * reader.pendingLength));
		options.onSlice?.(text, last);
		let read = false;
		try {
			reader.read(text, last);
			read = true;
		} finally {
			// Should the text be refused, a byte further on that does not decode is the error to
			// report instead (it explains the others), as when the whole file was decoded first.
			if (!read) slices.checkRest();
		}
		if (last) return reader.stats();
	}
}
