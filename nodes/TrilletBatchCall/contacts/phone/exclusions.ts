import { ContactsError } from '../errors';
import { normalisePhoneNumber, type PhoneRules } from './phoneNumber';

// The do-not-call list: numbers never called in this batch, whatever the Invalid Rows policy.
// They are normalised like the batch's own numbers, so `(415) 555-0123` on the list keeps
// `+1 415 555 0123` in the sheet from being called.

/** One number on a do-not-call list and where it is written, so an error can point at it. */
export interface ListedNumber {
	value: string;
	/** e.g. `entry 3 of Exclude Numbers`, `line 4 of the do-not-call file "dnc.csv"`. */
	where: string;
}

/** How the batch's numbers are read and which are never called. */
export interface NumberRules extends PhoneRules {
	doNotCall?: DoNotCallList;
}

const LIST_SEPARATORS = /[,;\r\n]+/;

/** The numbers of an Exclude Numbers text: separated by commas, semicolons or line breaks. */
export function splitNumberList(text: string): string[] {
	return text.split(LIST_SEPARATORS).map((value) => value.trim()).filter((value) => value !== '');
}

/** The E.164 numbers never to call. */
export class DoNotCallList {
	private readonly numbers = new Set<string>();

	/** Refuses a list with a number that cannot be read: it could not be kept from being called. */
	constructor(listed: Iterable<ListedNumber>, rules: PhoneRules) {
		for (const { value, where } of listed) {
			if (value.trim() === '') continue;
			const result = normalisePhoneNumber(value, rules);
			if (!result.ok) {
				throw new ContactsError(
					`The do-not-call list's ${where}, "${value.trim()}", ${result.reason}`,
					'Correct or remove that number on the do-not-call list: a number that cannot be read cannot be kept from being called.',
				);
			}
			this.numbers.add(result.phone);
		}
	}

	get size(): number {
		return this.numbers.size;
	}

	has(phone: string): boolean {
		return this.numbers.has(phone);
	}
}
