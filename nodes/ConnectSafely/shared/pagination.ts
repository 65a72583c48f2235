import type { IDataObject } from 'n8n-workflow';

import { cursorPagination } from '../../shared/pagination';

/**
 * ConnectSafely's lists: `count` + a cursor while `hasMore` (docs/connectsafely.md#pagination).
 */
export function connectSafelyPagination(pages: {
	/** The array of results in each page, e.g. `conversations`. */
	itemsKey: string;
	/** Query parameter that asks for the next page, and the page field holding it. */
	cursor: 'nextCursor' | 'cursor';
	noun: string;
	simplify?: (entry: IDataObject) => IDataObject;
}) {
	return cursorPagination({
		itemsKey: pages.itemsKey,
		sizeParam: 'count',
		pageSize: 50,
		cursorParam: pages.cursor,
		nextCursor: (page) => {
			const next = page[pages.cursor];
			if (page.hasMore !== true) return undefined;
			return typeof next === 'string' || typeof next === 'number'
				? String(next) || undefined
				: undefined;
		},
		simplify: pages.simplify,
		noun: pages.noun,
	});
}
