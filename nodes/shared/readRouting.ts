import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { showingChecks } from './errors';
import { ItemInputs } from './preflight';
import type { ApiRequest } from './request';
import { toHttpOptions } from './request';

export type Pagination = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * The routing of an operation that sends no message (a read): `build` checks this item's fields
 * and states its request before anything is requested; `pagination` (Get Many) pages it. Failed
 * checks show as checks (`showingChecks`).
 */
export function readRouting(
	build: (item: ItemInputs) => ApiRequest | Promise<ApiRequest>,
	pagination?: Pagination,
): INodePropertyRouting {
	return {
		send: {
			preSend: [
				async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
					const item = new ItemInputs(this, this.getItemIndex(), this.getInputData());
					return await showingChecks(this.getNode(), async () =>
						toHttpOptions(this, await build(item), options),
					);
				},
			],
			...(pagination ? { paginate: true } : {}),
		},
		...(pagination
			? {
					operations: {
						async pagination(this: IExecutePaginationFunctions, requestData) {
							return await showingChecks(
								this.getNode(),
								async () => await pagination.call(this, requestData),
							);
						},
					},
				}
			: {}),
	};
}
