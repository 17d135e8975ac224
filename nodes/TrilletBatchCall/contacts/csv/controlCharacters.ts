import { ContactsError } from '../errors';

// Control characters other than tab, CR and LF have no place in a contact list: Trillet cannot
// use them, and a NUL or a bell in the middle of a file usually means it was cut, merged with a
// binary file or saved in the wrong encoding. Refused wherever they are, with their line.

const UNUSABLE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Where an unusable control character is in a slice of decoded text, or -1. */
export function findUnusableControl(text: string): number {
	return text.search(UNUSABLE_CONTROL);
}

/**
 * The error for a control character at `index` of `text`, the slice decoded from the bytes at
 * `sliceStart`; `textBefore` decodes the bytes before the slice (to count lines, only now).
 */
export function controlCharacterError(text: string, index: number, sliceStart: number, textBefore: () => string): ContactsError {
	const code = text.charCodeAt(index);
	const line = 1 + countLineBreaks(textBefore()) + countLineBreaks(text.slice(0, index));
	const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${code === 0 ? ', a NUL byte' : ''}`;
	return new ContactsError(
		`The CSV has a control character (${name}) on line ${line}, in the slice of the file from byte offset ${sliceStart}: Trillet cannot use it in a contact list.`,
		'Delete the character (most editors do not show it: search for it, or export the list again from the spreadsheet). If the file is not a text file, attach the CSV instead.',
	);
}

/** CRLF, LF and CR, each one line break. */
function countLineBreaks(text: string): number {
	const matches = text.match(/\r\n|\r|\n/g);
	return matches === null ? 0 : matches.length;
}
