import type { RowProblem } from './types';

/**
 * A contact list that must not be uploaded. `message` says what is wrong, `hint` what to do
 * next; the node turns this into an n8n error without adding n8n types to the core.
 */
export class ContactsError extends Error {
	constructor(
		message: string,
		readonly hint: string,
		/** The rows at fault, when the problem is in rows rather than in the file as a whole. */
		readonly problems: RowProblem[] = [],
		/** How many rows are at fault in all (problems may list only the first ones). */
		readonly problemCount = problems.length,
	) {
		super(message);
		this.name = 'ContactsError';
	}
}
