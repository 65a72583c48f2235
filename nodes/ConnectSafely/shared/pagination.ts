import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

export interface CursorPages {
	/** The array of results in each page, e.g. `conversations`. */
	itemsKey: string;
	/** Query parameter that asks for the next page, e.g. `nextCursor`. */
	cursorParam: string;
	/** Page field holding the next cursor, e.g. `nextCursor`. */
	cursorField: string;
	/** Results asked for per request (`count`). */
	pageSize: number;
	/** Used when the operation's "Simplify" is on. */
	simplify?: (entry: IDataObject) => IDataObject;
}

/**
 * Get Many over ConnectSafely's cursor pagination (`count` + cursor while `hasMore`), honouring
 * Return All / Limit and Simplify; one output item per result.
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
				count: Math.min(pages.pageSize, limit - results.length),
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
			const next = page[pages.cursorField];
			const nextCursor = typeof next === 'string' || typeof next === 'number' ? String(next) : '';
			if (page.hasMore !== true || !nextCursor || seen.has(nextCursor) || !entries.length) break;
			seen.add(nextCursor);
			cursor = nextCursor;
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
