import type { IDataObject } from 'n8n-workflow';

import { cursorPagination } from '../../shared/pagination';

/**
 * ConnectSafely's cursor pagination: `count` + a cursor while `hasMore` (connectsafely-api.md §2.3,
 * §2.4). An empty page ends the list even if it says there is more.
 */
export function connectSafelyPagination(pages: {
	/** The array of results in each page, e.g. `conversations`. */
	itemsKey: string;
	/** Query parameter that asks for the next page, e.g. `nextCursor`. */
	cursorParam: string;
	/** Page field holding the next cursor, e.g. `nextCursor`. */
	cursorField: string;
	simplify?: (entry: IDataObject) => IDataObject;
}) {
	return cursorPagination({
		itemsKey: pages.itemsKey,
		sizeParam: 'count',
		pageSize: 50,
		cursorParam: pages.cursorParam,
		nextCursor: (page, entries) => {
			const next = page[pages.cursorField];
			if (page.hasMore !== true || !entries.length) return undefined;
			return typeof next === 'string' || typeof next === 'number'
				? String(next) || undefined
				: undefined;
		},
		simplify: pages.simplify,
	});
}
