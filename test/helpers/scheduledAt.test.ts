import { formatTrilletDateTime, toInstant, toScheduledAt } from '../../nodes/TrilletBatchCall/helpers/scheduledAt';

const NOW = new Date('2030-06-01T00:00:00Z');

describe('a start time in any shape becomes UTC YYYY-MM-DDTHH:MM:SSZ', () => {
	test.each([
		['an ISO text in UTC', '2031-01-15T09:30:00Z', '2031-01-15T09:30:00Z'],
		['an ISO text with an offset', '2031-01-15T10:30:00+01:00', '2031-01-15T09:30:00Z'],
		['milliseconds are dropped, not rounded', '2031-01-15T09:30:59.999Z', '2031-01-15T09:30:59Z'],
		['a picker value in the workflow’s zone, winter', '2031-01-15T09:00:00', '2031-01-15T08:00:00Z'],
		['a picker value in the workflow’s zone, summer time', '2031-07-15T09:00:00', '2031-07-15T07:00:00Z'],
		['a date alone is midnight there', '2031-07-15', '2031-07-14T22:00:00Z'],
		['epoch milliseconds as text', String(Date.UTC(2031, 0, 15, 9, 30)), '2031-01-15T09:30:00Z'],
	])('%s', (_, value, expected) => {
		expect(toScheduledAt(value, 'Europe/Berlin', NOW)).toBe(expected);
	});

	test('numbers are milliseconds, or seconds when too small to be milliseconds', () => {
		expect(formatTrilletDateTime(toInstant(Date.UTC(2031, 0, 1), 'UTC'))).toBe('2031-01-01T00:00:00Z');
		expect(formatTrilletDateTime(toInstant(Date.UTC(2031, 0, 1) / 1000, 'UTC'))).toBe('2031-01-01T00:00:00Z');
	});

	test('a Luxon-like date is read through toMillis', () => {
		expect(formatTrilletDateTime(toInstant({ toMillis: () => Date.UTC(2031, 4, 5, 6, 7, 8), isValid: true }, 'UTC'))).toBe(
			'2031-05-05T06:07:08Z',
		);
	});

	test.each(['2031-02-30T09:00:00', '2031-13-01T09:00:00', '2031-01-01T24:00:00', '2031-02-30T09:00:00Z', 'tomorrow', ''])(
		'%j is refused, never moved',
		(value) => {
			expect(() => toScheduledAt(value, 'UTC', NOW)).toThrow(/is not a date and time|No start time was given/);
		},
	);

	test('a time in the past is refused with both times', () => {
		expect(() => toScheduledAt('2029-01-01T00:00:00Z', 'UTC', NOW)).toThrow(
			'The scheduled time 2029-01-01T00:00:00Z is in the past (it is now 2030-06-01T00:00:00Z)',
		);
	});
});
