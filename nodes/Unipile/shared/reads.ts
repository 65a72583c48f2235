import type { IDataObject, INodePropertyRouting } from 'n8n-workflow';

import { cursorPagination } from '../../shared/pagination';
import type { ItemInputs } from '../../shared/preflight';
import type { Pagination } from '../../shared/readRouting';
import { readRouting } from '../../shared/readRouting';
import type { ApiRequest } from '../../shared/request';
import type { UnipileVersion } from './transport';
import { checkedVersion, versionOf } from './transport';

type Simplify = (entry: IDataObject) => IDataObject;

/**
 * Get Many of a Unipile list, paged with `limit` and `cursor`: v2 answers `{data, next_cursor}`
 * (docs/unipile-v2.md#pagination), v1 `{items, cursor}` (docs/unipile-v1.md#pagination).
 */
export function unipileList(
	noun: string,
	simplify: Record<UnipileVersion, Simplify>,
): Record<UnipileVersion, Pagination> {
	return {
		v2: cursorPagination({
			itemsKey: 'data',
			sizeParam: 'limit',
			pageSize: 100,
			cursorParam: 'cursor',
			nextCursor: (page) => (typeof page.next_cursor === 'string' ? page.next_cursor : undefined),
			simplify: simplify.v2,
			noun,
		}),
		v1: cursorPagination({
			itemsKey: 'items',
			sizeParam: 'limit',
			pageSize: 100,
			cursorParam: 'cursor',
			nextCursor: (page) => (typeof page.cursor === 'string' ? page.cursor : undefined),
			simplify: simplify.v1,
			noun,
		}),
	};
}

/**
 * Routing of an operation that sends no message, for the credential's API version; `list` pages
 * it, by version.
 */
export function unipileRead(
	build: (item: ItemInputs, version: UnipileVersion) => ApiRequest | Promise<ApiRequest>,
	list?: Record<UnipileVersion, Pagination>,
): INodePropertyRouting {
	return readRouting(
		async (item) => await build(item, await checkedVersion(item)),
		list &&
			async function (requestData) {
				return await list[await versionOf(this)].call(this, requestData);
			},
	);
}
