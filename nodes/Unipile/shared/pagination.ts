import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

const PAGE_SIZE = 100;

interface Page {
	data?: IDataObject[];
	next_cursor?: string | null;
}

/**
 * Get Many over Unipile's cursor pagination (`limit` + `cursor`, `next_cursor` null at the end;
 * unipile-api.md §2.1), honouring Return All / Limit and Simplify.
 */
export function cursorPagination(simplify: (entry: IDataObject) => IDataObject) {
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const simple = this.getNodeParameter('simplify', false) as boolean;
		const results: INodeExecutionData[] = [];
		let cursor: string | undefined;
		do {
			const qs: IDataObject = {
				...requestData.options.qs,
				limit: Math.min(PAGE_SIZE, limit - results.length),
			};
			if (cursor) qs.cursor = cursor;
			const [response] = await this.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, qs },
			});
			const page = (response?.json ?? {}) as Page;
			for (const entry of (page.data ?? []).slice(0, limit - results.length)) {
				results.push({ json: simple ? simplify(entry) : entry });
			}
			cursor = page.next_cursor ?? undefined;
		} while (cursor && results.length < limit);
		return results;
	};
}

export function pick(entry: IDataObject, keys: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) if (entry[key] !== undefined) picked[key] = entry[key];
	return picked;
}
