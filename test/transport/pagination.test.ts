import {
	afterPage,
	MAX_PAGES,
	MAX_PAGE_SIZE,
	pageSizeFor,
	wantedCalls,
	type PageOutcome,
} from '../../nodes/TrilletBatchCall/transport/pagination';

/** A full page 1 of 100 new calls, with more to come, wanting them all; tests change one thing. */
function page(change: Partial<PageOutcome> = {}): PageOutcome {
	return {
		page: 1,
		pageSize: 100,
		received: 100,
		fresh: 100,
		collected: 100,
		wanted: Infinity,
		pagination: { page: 1, totalPages: 3, hasNext: true },
		...change,
	};
}

describe('after a page of calls, the next one is asked for only while it can bring something new', () => {
	test('a full page of new calls with more to come asks for the next', () => {
		expect(afterPage(page())).toBe('next');
	});

	test('hasNext false ends the list', () => {
		expect(afterPage(page({ pagination: { totalPages: 3, hasNext: false } }))).toBe('done');
	});

	test('the page numbered totalPages ends the list, even if hasNext still says true', () => {
		expect(afterPage(page({ page: 3, pagination: { totalPages: 3, hasNext: true } }))).toBe('done');
		expect(afterPage(page({ page: 4, pagination: { totalPages: 3, hasNext: true } }))).toBe('done');
	});

	test('an empty page ends the list, whatever the server says', () => {
		expect(afterPage(page({ received: 0, fresh: 0, pagination: { hasNext: true, totalPages: 9 } }))).toBe('done');
	});

	test('enough calls for the limit end the list', () => {
		expect(afterPage(page({ collected: 100, wanted: 100 }))).toBe('done');
		expect(afterPage(page({ collected: 100, wanted: 101 }))).toBe('next');
	});

	test('without any pagination, a page that is not full is the last', () => {
		expect(afterPage(page({ received: 99, fresh: 99, pagination: undefined }))).toBe('done');
		expect(afterPage(page({ pagination: undefined }))).toBe('next');
	});

	test('pagination fields of the wrong type are not trusted', () => {
		expect(afterPage(page({ pagination: { totalPages: '1', hasNext: 'no' } }))).toBe('next');
		expect(afterPage(page({ received: 10, fresh: 10, pagination: { totalPages: '1', hasNext: 'no' } }))).toBe('done');
	});

	test('a page of calls all received before, with more promised, means the server is repeating itself', () => {
		expect(afterPage(page({ page: 2, fresh: 0 }))).toBe('repeating');
	});

	test('a page with only some repeats goes on', () => {
		expect(afterPage(page({ page: 2, fresh: 1 }))).toBe('next');
	});

	test('the page cap ends a list that never ends, on a server that sends new calls forever', () => {
		const endless = { totalPages: Number.MAX_SAFE_INTEGER, hasNext: true };
		expect(afterPage(page({ page: MAX_PAGES - 1, pagination: endless }))).toBe('next');
		expect(afterPage(page({ page: MAX_PAGES, pagination: endless }))).toBe('tooManyPages');
		expect(afterPage(page({ page: 3, pagination: endless }), 3)).toBe('tooManyPages');
	});
});

describe('how many calls are wanted, and the page size asked for', () => {
	test('Return All wants every call, read 100 per page', () => {
		expect(wantedCalls(true, 5)).toBe(Infinity);
		expect(pageSizeFor(Infinity)).toBe(100);
	});

	test('a limit up to 100 is one page of exactly that size', () => {
		expect(pageSizeFor(wantedCalls(false, 50))).toBe(50);
		expect(pageSizeFor(wantedCalls(false, 100))).toBe(100);
	});

	test('a limit over 100 is read in pages of 100', () => {
		expect(pageSizeFor(wantedCalls(false, 250))).toBe(100);
	});

	test('a limit that is not a whole number of at least 1 becomes one', () => {
		expect(wantedCalls(false, 2.7)).toBe(2);
		expect(wantedCalls(false, 0)).toBe(1);
		expect(wantedCalls(false, -5)).toBe(1);
		expect(wantedCalls(false, 'lots')).toBe(1);
		expect(wantedCalls(false, '30')).toBe(30);
	});
});

test('the page cap lies far above the largest batch Trillet takes (a 20 MB CSV holds ~600,000 rows)', () => {
	expect(MAX_PAGES * MAX_PAGE_SIZE).toBeGreaterThanOrEqual(3 * 600_000);
});
