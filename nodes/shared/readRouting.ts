import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { compact } from './parameters';
import { ItemInputs } from './preflight';

/** A request that sends no message (lists, uploads, typing, credits), as an operation builds it. */
export interface Call {
	method: IHttpRequestMethods;
	/** Relative to the credential's base URL. */
	url: string;
	qs?: IDataObject;
	/** A raw body (e.g. a file), sent with `headers`. */
	body?: Buffer;
	headers?: IDataObject;
}

type Pagination = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * The routing of an operation that sends no message: `build` checks this item's fields and makes
 * its request before anything is requested; `pagination` (Get Many) pages it.
 */
export function readRouting(
	build: (item: ItemInputs) => Call | Promise<Call>,
	pagination?: Pagination,
): INodePropertyRouting {
	return {
		send: {
			preSend: [
				async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
					const call = await build(new ItemInputs(this, this.getItemIndex(), this.getInputData()));
					return {
						...options,
						method: call.method,
						url: call.url,
						qs: compact(call.qs),
						...(call.body ? { body: call.body, json: false } : {}),
						headers: { ...options.headers, ...call.headers },
					};
				},
			],
			...(pagination ? { paginate: true } : {}),
		},
		...(pagination ? { operations: { pagination } } : {}),
	};
}
