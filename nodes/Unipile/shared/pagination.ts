import type { IDataObject } from 'n8n-workflow';

import { cursorPagination } from '../../shared/pagination';

/**
 * Unipile's cursor pagination: `limit` + `cursor`, `next_cursor` null at the end
 * (unipile-api.md §2.1).
 */
export function unipilePagination(simplify: (entry: IDataObject) => IDataObject) {
	return cursorPagination({
		itemsKey: 'data',
		sizeParam: 'limit',
		pageSize: 100,
		cursorParam: 'cursor',
		nextCursor: (page) =>
			typeof page.next_cursor === 'string' && page.next_cursor ? page.next_cursor : undefined,
		simplify,
	});
}
