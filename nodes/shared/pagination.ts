import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { fixableError } from './errors';

/** How an API pages a list. */
interface CursorPages {
	/** The array of results in each page, e.g. `data`. */
	itemsKey: string;
	/** Query parameter for the page size, e.g. `limit`. */
	sizeParam: string;
	/** Results asked for per request. */
	pageSize: number;
	/** Query parameter that asks for the next page, e.g. `cursor`. */
	cursorParam: string;
	/** The cursor of the next page, or undefined after the last one. */
	nextCursor: (page: IDataObject) => string | undefined;
	/** Used when the operation's "Simplify" is on. */
	simplify?: (entry: IDataObject) => IDataObject;
	/** What the list holds, for the error at the page cap, e.g. "chats". */
	noun: string;
}

/** Return All stops with an error after this many pages, whatever the API says. */
const MAX_PAGES = 500;

/** How many results Get Many returns: Infinity with Return All, else "Limit", checked. */
export function limitOf(context: IExecutePaginationFunctions): number {
	const returnAll = context.getNodeParameter('returnAll', false) as boolean;
	// An expression may give numeric text.
	const given = returnAll ? Infinity : (context.getNodeParameter('limit', 50) as unknown);
	const limit = typeof given === 'string' && given.trim() ? Number(given) : given;
	if (
		typeof limit !== 'number' ||
		!(limit === Infinity || (Number.isInteger(limit) && limit >= 1))
	) {
		throw fixableError(
			context.getNode(),
			`The "Limit" parameter must be a whole number of 1 or more (got ${JSON.stringify(given)})`,
			'Set "Limit" to how many results to return, e.g. 50, or turn on "Return All".',
			context.getItemIndex(),
		);
	}
	return limit;
}

/**
 * Get Many over cursor pagination, honouring Return All / Limit and Simplify; one output item per
 * result. Stops at the limit, at an empty page or at a page without a next cursor; fails (rather
 * than return part of the list as if it were all) when a cursor comes back a second time or after
 * MAX_PAGES pages.
 */
export function cursorPagination(pages: CursorPages) {
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const limit = limitOf(this);
		const simplify =
			pages.simplify && (this.getNodeParameter('simplify', false) as boolean)
				? pages.simplify
				: undefined;
		const pairedItem = { item: this.getItemIndex() };
		const results: INodeExecutionData[] = [];
		const seen = new Set<string>();
		let cursor: string | undefined;
		for (let page = 1; results.length < limit; page++) {
			if (page > MAX_PAGES) {
				const description =
					'Narrow the list with "Filters", or turn off "Return All" and set a "Limit".';
				throw fixableError(
					this.getNode(),
					`Return All stopped after ${MAX_PAGES} pages (${results.length} ${pages.noun})`,
					description,
					this.getItemIndex(),
				);
			}
			const qs: IDataObject = {
				...requestData.options.qs,
				[pages.sizeParam]: Math.min(pages.pageSize, limit - results.length),
			};
			if (cursor) qs[pages.cursorParam] = cursor;
			const [response] = await this.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, qs },
			});
			const body = (response?.json ?? {}) as IDataObject;
			const entries = Array.isArray(body[pages.itemsKey])
				? (body[pages.itemsKey] as IDataObject[])
				: [];
			for (const entry of entries.slice(0, limit - results.length)) {
				results.push({ json: simplify ? simplify(entry) : entry, pairedItem });
			}
			const next = pages.nextCursor(body);
			if (!entries.length || !next) break;
			if (seen.has(next)) {
				throw fixableError(
					this.getNode(),
					`The list of ${pages.noun} is incomplete: after ${results.length} ${pages.noun}, the API gave a page cursor it had given before`,
					'The API is going round in circles, so the node stopped instead of returning a partial list. Try again later, or narrow the list with "Filters".',
					this.getItemIndex(),
				);
			}
			seen.add(next);
			cursor = next;
		}
		return results;
	};
}

/** The named fields of an entry that are present. */
export function pick(entry: IDataObject, keys: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) if (entry[key] !== undefined) picked[key] = entry[key];
	return picked;
}
