// Turns whatever a workflow gives as a start time into the one format Trillet accepts:
// UTC `YYYY-MM-DDTHH:MM:SSZ`. Pure, so every input shape is unit-tested.

export class ScheduleError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'ScheduleError';
	}
}

/** A Luxon DateTime (what `$now.plus(…)` gives) as far as we need it, without importing Luxon. */
interface DateTimeLike {
	toMillis(): number;
	isValid?: boolean;
}

const NAIVE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant a schedule value names. A date-time without a zone (n8n's date picker gives one)
 * is read in the workflow's time zone, as the user saw it when picking it.
 */
export function toInstant(value: unknown, timeZone: string): Date {
	if (value instanceof Date) return checked(value, value);
	if (typeof value === 'number') return checked(new Date(value < 1e11 ? value * 1000 : value), value);
	if (isDateTimeLike(value)) return checked(new Date(value.toMillis()), value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw new ScheduleError(
			'No start time was given',
			'Pick a date and time in "Scheduled At", or set Schedule to "Now"',
		);
	}
	const text = value.trim();
	if (/^\d+$/.test(text)) return toInstant(Number(text), timeZone);
	if (HAS_ZONE.test(text)) return checked(withZone(text), value);
	const naive = NAIVE_DATE_TIME.exec(text);
	if (!naive) return checked(new Date(Number.NaN), value);
	const [, y, mo, d, h = '0', mi = '0', s = '0'] = naive;
	const wallClock = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
	// Date.UTC rolls 30 February over to March: a date that does not exist must not move.
	if (new Date(wallClock).toISOString().slice(0, 19) !== `${y}-${mo}-${d}T${pad(h)}:${pad(mi)}:${pad(s)}`) {
		return checked(new Date(Number.NaN), value);
	}
	return checked(new Date(wallClock - zoneOffsetMs(wallClock, timeZone)), value);
}

function pad(part: string): string {
	return part.padStart(2, '0');
}

/** Formats an instant exactly as Trillet documents it; seconds are kept, milliseconds dropped. */
export function formatTrilletDateTime(instant: Date): string {
	return `${instant.toISOString().slice(0, 19)}Z`;
}

/** The `scheduledAt` to send, refusing a time that has already passed. */
export function toScheduledAt(value: unknown, timeZone: string, now: Date): string {
	const instant = toInstant(value, timeZone);
	if (instant.getTime() < now.getTime()) {
		throw new ScheduleError(
			`The scheduled time ${formatTrilletDateTime(instant)} is in the past (it is now ${formatTrilletDateTime(now)})`,
			'Pick a time in the future, or set Schedule to "Now" to start the calls at once',
		);
	}
	return formatTrilletDateTime(instant);
}

/** A date-time with an offset; its date and time of day are checked to exist, as above. */
function withZone(text: string): Date {
	const fields = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(text);
	const parsed = new Date(text);
	if (!fields || Number.isNaN(parsed.getTime())) return parsed;
	const [, y, mo, d, h, mi] = fields;
	const sameDay = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi)).toISOString().startsWith(`${y}-${mo}-${d}T${h}:${mi}`);
	return sameDay ? parsed : new Date(Number.NaN);
}

function isDateTimeLike(value: unknown): value is DateTimeLike {
	return typeof (value as DateTimeLike | null)?.toMillis === 'function';
}

function checked(date: Date, original: unknown): Date {
	if (Number.isNaN(date.getTime()) || (isDateTimeLike(original) && original.isValid === false)) {
		throw new ScheduleError(
			`"${String(original)}" is not a date and time`,
			'Use the date picker, an ISO 8601 text such as 2025-01-15T09:00:00+01:00, or an expression such as {{ $now.plus(1, "day").set({ hour: 9, minute: 0 }) }}',
		);
	}
	return date;
}

/** How far a time zone is ahead of UTC at (about) a given instant, DST included. */
function zoneOffsetMs(utcGuess: number, timeZone: string): number {
	const offsetAt = (instant: number) => {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(instant));
		const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
		const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
		return asUtc - Math.floor(instant / 1000) * 1000;
	};
	// The offset at the guessed instant can differ across a DST change: look once more.
	const first = offsetAt(utcGuess);
	return offsetAt(utcGuess - first);
}
