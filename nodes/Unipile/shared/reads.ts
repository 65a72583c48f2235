import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { fixableError } from '../../shared/errors';
import { cursorPagination } from '../../shared/pagination';
import type { ItemInputs } from '../../shared/preflight';
import { readRouting } from '../../shared/readRouting';
import type { ApiRequest } from '../../shared/request';
import { showingChecks } from './checks';
import type { UnipileVersion } from './transport';
import { checkedVersion, versionOf } from './transport';

type Simplify = (entry: IDataObject) => IDataObject;
type Keep = (entry: IDataObject) => boolean;

/** A list's entries that a filter the API lacks keeps, for this item; undefined keeps them all. */
type Only = (context: IExecutePaginationFunctions, version: UnipileVersion) => Keep | undefined;

/** v1 gives at most 250 entries a page (docs/unipile-v1.md#pagination). */
const FILTERED_PAGE_SIZE = 250;
/** Pages read for one filtered list at most, as Return All reads at most 500 pages. */
const MAX_FILTERED_PAGES = 500;

/**
 * The context's pages with only the entries `keep` accepts, for a filter the API does not have
 * (docs/unipile-v1.md#linkedin-folders): a page left empty is followed by the next one, since an
 * empty page ends a list; pages are as large as the API allows, so fewer requests are made.
 */
function filteredPages(
	context: IExecutePaginationFunctions,
	keep: Keep,
	keys: { items: string; cursor: string },
	noun: string,
): IExecutePaginationFunctions {
	let read = 0;
	const seen = new Set<string>();
	const fail = (message: string, fix: string) =>
		fixableError(context.getNode(), message, fix, context.getItemIndex());
	return Object.create(context, {
		makeRoutingRequest: {
			value: async (request: DeclarativeRestApiSettings.ResultOptions) => {
				let options: DeclarativeRestApiSettings.ResultOptions['options'] = {
					...request.options,
					qs: { ...request.options.qs, limit: FILTERED_PAGE_SIZE },
				};
				for (;;) {
					if (++read > MAX_FILTERED_PAGES) {
						throw fail(
							`Stopped after ${MAX_FILTERED_PAGES} pages of ${noun}, filtered here`,
							'Narrow the list with "After" or "Before" in "Filters", or set a smaller "Limit".',
						);
					}
					const [response] = await context.makeRoutingRequest({ ...request, options });
					const body = (response?.json ?? {}) as IDataObject;
					const entries = Array.isArray(body[keys.items])
						? (body[keys.items] as IDataObject[])
						: [];
					const kept = entries.filter(keep);
					const next = body[keys.cursor];
					if (kept.length || !entries.length || typeof next !== 'string' || !next) {
						return [{ ...response, json: { ...body, [keys.items]: kept } }];
					}
					if (seen.has(next)) {
						throw fail(
							`The list of ${noun} is incomplete: the API gave a page cursor it had given before`,
							'The API is going round in circles, so the node stopped instead of returning a partial list. Try again later, or narrow the list with "Filters".',
						);
					}
					seen.add(next);
					options = { ...options, qs: { ...options.qs, cursor: next } };
				}
			},
		},
	}) as IExecutePaginationFunctions;
}

/**
 * Lists page with `limit` and `cursor`: v2 answers `{data, next_cursor}` (docs/unipile-v2.md#pagination),
 * v1 `{items, cursor}` (docs/unipile-v1.md#pagination).
 */
function unipilePagination(noun: string, simplify: Record<UnipileVersion, Simplify>, only?: Only) {
	const pages = {
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
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const version = await versionOf(this);
		const keep = only?.(this, version);
		const keys =
			version === 'v2'
				? { items: 'data', cursor: 'next_cursor' }
				: { items: 'items', cursor: 'cursor' };
		const context = keep ? filteredPages(this, keep, keys, noun) : this;
		return await pages[version].call(context, requestData);
	};
}

/** Routing of an operation that sends no message, for the credential's API version. */
export function unipileRead(
	build: (item: ItemInputs, version: UnipileVersion) => ApiRequest | Promise<ApiRequest>,
	list?: { noun: string; simplify: Record<UnipileVersion, Simplify>; only?: Only },
): INodePropertyRouting {
	return showingChecks(
		readRouting(
			async (item) => await build(item, await checkedVersion(item)),
			list && unipilePagination(list.noun, list.simplify, list.only),
		),
	);
}
