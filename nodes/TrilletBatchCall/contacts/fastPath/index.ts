// The fast path: all the performance machinery of the contacts core is in this folder. A UTF-8
// file of the common shape (one kind of line break, no blank line, every row as wide as the
// header) is checked on its bytes, in one pass; anything else, or anything in doubt, gives up
// (undefined) and the general reader (csvPasses.ts) reads the file from the start and decides.
// Both send the same bytes with the same report; a property test holds them together
// (test/contacts/fastPath/fastPass.test.ts).
//
// What each part buys, measured on the bench's 600,000-row files (`npm run bench`: checking the
// clean file went from 365 ms to 248 ms, the formatted one from 561 ms to 395 ms; csv-parse
// takes ~3.1 s):
// - byteRecords.ts: one loop over a 256-entry table finds commas, quotes, line breaks and control
//   characters, and checks UTF-8 where a byte of 0x80 or more stops it: the file is passed over
//   once, with no string per field (a UTF-8 pass of its own cost ~30 ms more). Only the phone
//   number's span is kept per record.
// - plainNumbers.ts: a number written `+digits` (spaces and dashes allowed) becomes one integer
//   read from the bytes: no string, regular expression or map lookup per row.
// - repeatedNumbers.ts: numbers are listed as read and repeats looked for once, part by part, at
//   the end (~30 ms) instead of a table lookup per row that missed the cache (~70–100 ms), with the
//   list grouped by part where it is (grouped in a copy, the upload's peak memory was 3.5× the
//   file in filesystem mode, not 3.0×); a file with a repeat is read a second time, knowing which
//   numbers repeat.
// - rowBytes.ts: a file that must be rewritten is copied in the same pass from its first row that
//   needs a change, as byte ranges into a 64 KB buffer: read once, not twice, with no string per row.
// - A file that needs no change is sent as its own bytes (csvUpload.ts).
// - Each file names the byte codes it needs as constants of its own: the same names imported
//   from one shared module made checking 7–10% slower (a property load in every loop).
// Time these loops after a Blob has been made in the process, as in n8n: Node's Blob detaches an
// ArrayBuffer, and from then on V8 (Node 20) checks every typed-array access for it, which makes
// a byte loop about twice as slow. A change timed in a fresh process can promise what it will not
// give (the README's Benchmark; scripts/bench/checkingFloor.ts does this).

export { checkOnFastPath } from './fastPass';
