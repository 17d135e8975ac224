// The `smartCallbackConfig` field: Trillet wants it as a JSON *string* with numbers as numbers.

export interface CallbackGap {
	days: number;
	hours: number;
}

export interface SmartCallbackConfig {
	enabled: true;
	maxAttempts: number;
	gaps: CallbackGap[];
}

export const MAX_ATTEMPTS_LIMIT = 10;

export class SmartCallbackError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'SmartCallbackError';
	}
}

/** Checks the user's retry settings (expressions may give text) and builds the config. */
export function buildSmartCallbackConfig(
	maxAttempts: unknown,
	gaps: ReadonlyArray<{ days?: unknown; hours?: unknown }>,
): SmartCallbackConfig {
	const attempts = wholeNumber(maxAttempts, 'Max Attempts', 1, MAX_ATTEMPTS_LIMIT);
	if (gaps.length === 0) {
		throw new SmartCallbackError(
			'Smart Callback is on but no gap between attempts is set',
			'Add at least one gap under "Callback Gaps" (e.g. 1 day 0 hours), or turn Smart Callback off',
		);
	}
	const checkedGaps = gaps.map((gap, index) => {
		const days = wholeNumber(gap.days ?? 0, `Gap ${index + 1} days`, 0, 30);
		const hours = wholeNumber(gap.hours ?? 0, `Gap ${index + 1} hours`, 0, 23);
		if (days === 0 && hours === 0) {
			throw new SmartCallbackError(
				`Gap ${index + 1} is 0 days and 0 hours`,
				'Each gap must wait at least one hour before calling again',
			);
		}
		return { days, hours };
	});
	return { enabled: true, maxAttempts: attempts, gaps: checkedGaps };
}

function wholeNumber(value: unknown, label: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new SmartCallbackError(
			`${label} must be a whole number from ${min} to ${max}, not "${String(value)}"`,
			'Correct the Smart Callback settings',
		);
	}
	return number;
}
