/**
 * A copy of `value` that shares no memory with the text it was cut from. V8 keeps a slice of 13
 * or more characters as a view into the whole string: a problem value kept for the report would
 * keep a whole slice of the file (2 MB of text) alive with it.
 */
export function detachString(value: string): string {
	// Slicing a new concatenation copies the characters into a string of their own first.
	return ` ${value}`.slice(1);
}
