// When to stop asking for the next page of a batch's calls or of the call history, and the loop
// that reads them (the caller's readPage does the HTTP). Pure: no n8n types, so each stop rule is
// unit-tested on its own. The rules must end the loop even on a server that ignores
// `page` and always says there is a next one: a page that brings no call not already received
// ends it, and so does a hard cap on the number of pages.

/** Trillet sends at most 100 calls per page. */
export const MAX_PAGE_SIZE = 100;
/**
 * The most pages one item may ask for: 20 000 full pages are 2 000 000 calls, far above the
 * ~600 000 rows of the largest batch Trillet takes (a 20 MB CSV). Only a server that never says
 * "last page" reaches it.
 */
export const MAX_PAGES = 20_000;

/** The `pagination` object of a calls page; every field may be missing on a misbehaving server. */
export interface CallsPagination {
	page?: unknown;
	totalPages?: unknown;
	hasNext?: unknown;
}

/** What asking for one page gave. */
export interface PageOutcome {
	/** The page number that was asked for (1-based). */
	page: number;
	/** The `limit` that was asked for. */
	pageSize: number;
	/** Calls on this page. */
	received: number;
	/** Calls on this page not received on an earlier one. */
	fresh: number;
	/** Calls kept so far, this page included. */
	collected: number;
	/** How many calls are wanted; Infinity for all. */
	wanted: number;
	pagination?: CallsPagination;
}

/**
 * - `next`: ask for page + 1.
 * - `done`: everything wanted is in (or the server says there is nothing more).
 * - `repeating`: the server sent only calls already received: it is not paging.
 * - `tooManyPages`: the page cap was reached with the server still saying there is more.
 */
export type PageVerdict = 'next' | 'done' | 'repeating' | 'tooManyPages';

/** What to do after a page. The rules that end normally come before those that detect a fault. */
export function afterPage(outcome: PageOutcome, maxPages = MAX_PAGES): PageVerdict {
	if (outcome.collected >= outcome.wanted) return 'done';
	if (outcome.received === 0) return 'done';
	if (isLastPage(outcome)) return 'done';
	if (outcome.fresh === 0) return 'repeating';
	if (outcome.page >= maxPages) return 'tooManyPages';
	return 'next';
}

/** The last page by the server's own account, or, when it gives none, a page that is not full. */
function isLastPage({ page, pageSize, received, pagination }: PageOutcome): boolean {
	const hasNext = pagination?.hasNext;
	const totalPages = pagination?.totalPages;
	if (hasNext === false) return true;
	if (typeof totalPages === 'number' && Number.isFinite(totalPages) && page >= totalPages) return true;
	if (hasNext === true) return false;
	return received < pageSize;
}

/** A page as read: its calls and, when the server gives one, its `pagination` object. */
export interface ReadPage<T> {
	items: T[];
	pagination?: CallsPagination;
}

/** How reading stopped on a server that does not page properly. */
export interface PagingFault {
	verdict: Exclude<PageVerdict, 'next' | 'done'>;
	page: number;
	/** Different calls received so far, kept or not. */
	distinct: number;
	/** Calls kept so far. */
	kept: number;
}

/**
 * Reads page after page until `wanted` calls passed `keep`, or the pages end. Each call is kept
 * once (by `key`), also when new calls shift the pages while they are read; a server that does
 * not page properly throws what `fault` makes of it rather than a partial list that looks whole.
 */
export async function readPages<T>(
	readPage: (page: number, pageSize: number) => Promise<ReadPage<T>>,
	options: { pageSize: number; wanted: number; key: (item: T) => string; keep?: (item: T) => boolean; fault: (fault: PagingFault) => Error },
): Promise<T[]> {
	const { pageSize, wanted, key, keep } = options;
	const seen = new Set<string>();
	const kept: T[] = [];
	for (let page = 1; ; page++) {
		const { items, pagination } = await readPage(page, pageSize);
		const fresh = items.filter((item) => !seen.has(key(item)));
		for (const item of fresh) seen.add(key(item));
		kept.push(...(keep ? fresh.filter(keep) : fresh));
		const verdict = afterPage({ page, pageSize, received: items.length, fresh: fresh.length, collected: kept.length, wanted, pagination });
		if (verdict === 'done') return kept.slice(0, wanted);
		if (verdict !== 'next') throw options.fault({ verdict, page, distinct: seen.size, kept: kept.length });
	}
}

/** How many calls to return: all, or the Limit as a whole number of at least 1. */
export function wantedCalls(returnAll: boolean, limit: unknown): number {
	if (returnAll) return Infinity;
	const asked = Math.floor(Number(limit));
	return Number.isFinite(asked) && asked >= 1 ? asked : 1;
}

/** The limit to ask for: all calls go 100 at a time; a smaller wish needs only a smaller page. */
export function pageSizeFor(wanted: number): number {
	return Math.max(1, Math.min(MAX_PAGE_SIZE, wanted));
}
