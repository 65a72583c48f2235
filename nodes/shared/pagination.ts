import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

/** How an API pages a list. */
export interface CursorPages {
	/** The array of results in each page, e.g. `data`. */
	itemsKey: string;
	/** Query parameter for the page size, e.g. `limit`. */
	sizeParam: string;
	/** Results asked for per request. */
	pageSize: number;
	/** Query parameter that asks for the next page, e.g. `cursor`. */
	cursorParam: string;
	/** The cursor of the next page, or undefined after the last one. */
	nextCursor: (page: IDataObject, entries: IDataObject[]) => string | undefined;
	/** Used when the operation's "Simplify" is on. */
	simplify?: (entry: IDataObject) => IDataObject;
}

/**
 * Get Many over cursor pagination, honouring Return All / Limit and Simplify; one output item per
 * result. Stops at the last page, at the limit, or when a cursor comes back a second time.
 */
export function cursorPagination(pages: CursorPages) {
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const simplify =
			pages.simplify && (this.getNodeParameter('simplify', false) as boolean)
				? pages.simplify
				: undefined;
		const pairedItem = { item: this.getItemIndex() };
		const results: INodeExecutionData[] = [];
		const seen = new Set<string>();
		let cursor: string | undefined;
		while (results.length < limit) {
			const qs: IDataObject = {
				...requestData.options.qs,
				[pages.sizeParam]: Math.min(pages.pageSize, limit - results.length),
			};
			if (cursor) qs[pages.cursorParam] = cursor;
			const [response] = await this.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, qs },
			});
			const page = (response?.json ?? {}) as IDataObject;
			const entries = Array.isArray(page[pages.itemsKey])
				? (page[pages.itemsKey] as IDataObject[])
				: [];
			for (const entry of entries.slice(0, limit - results.length)) {
				results.push({ json: simplify ? simplify(entry) : entry, pairedItem });
			}
			const next = pages.nextCursor(page, entries);
			if (!next || seen.has(next)) break;
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
