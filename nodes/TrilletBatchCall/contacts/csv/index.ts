// The CSV codec: bytes to records (decode.ts, read.ts), records to bytes (write.ts), one
// quoting rule for both (quoting.ts). Knows CSV, not contacts.

export { openCsvText, CsvTextSlices, DEFAULT_SLICE_BYTES, type CsvBytes, type CsvEncoding } from './decode';
export { readCsvRecords, forEachCsvRecord, isBlankRecord, detachString } from './read';
export type { CsvParseStats, CsvRecordCallback, ReadLayout, RecordSpan } from './read';
export { detectCsvLayout, describeDelimiter, countDelimiters, type CsvDelimiter, type CsvLayout } from './layout';
export { LineBreakCheck } from './lineBreaks';
export { readerWork } from './scanner';
export { escapeCsvField } from './quoting';
export { CsvWriter, CsvBlobWriter, csvFileOf, CSV_MIME_TYPE, type CsvFile } from './write';
