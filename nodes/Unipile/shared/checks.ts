import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodePropertyRouting,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A failed check of ours (a field, a file, what a version lacks, a send held back) as n8n shows it
 * best. RoutingNode wraps every error of a routed request that is not a NodeApiError into one with
 * the HTTP code "none", which the editor shows under "From Unipile" as if Unipile had answered
 * (docs/n8n-behaviour.md#errors-from-routed-requests). A NodeApiError is passed on as it is, and the
 * editor shows the "From Unipile" section only for one with an HTTP code, messages or response
 * data: this one has none of them, so its message and fix show as a NodeOperationError's would.
 */
function asCheck(node: INode, error: unknown): unknown {
	if (error instanceof NodeApiError || !(error instanceof Error)) return error;
	const itemIndex = error instanceof NodeOperationError ? error.context.itemIndex : undefined;
	const description = error instanceof NodeOperationError ? error.description : undefined;
	const check = new NodeApiError(node, {} as JsonObject, {
		message: error.message,
		description: description ?? undefined,
		itemIndex: typeof itemIndex === 'number' ? itemIndex : undefined,
	});
	// n8n rewrites messages that contain a network error code; ours say what happened in words.
	check.message = error.message;
	check.messages = [];
	check.stack = error.stack;
	return check;
}

/** The routing of an operation, its checks' errors shown as checks rather than as Unipile's answers. */
export function showingChecks(routing: INodePropertyRouting): INodePropertyRouting {
	const preSend = routing.send?.preSend?.map(
		(step) =>
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				try {
					return await step.call(this, options);
				} catch (error) {
					throw asCheck(this.getNode(), error);
				}
			},
	);
	const pagination = routing.operations?.pagination;
	return {
		...routing,
		...(routing.send ? { send: { ...routing.send, ...(preSend ? { preSend } : {}) } } : {}),
		...(typeof pagination === 'function'
			? {
					operations: {
						...routing.operations,
						async pagination(
							this: IExecutePaginationFunctions,
							requestData: DeclarativeRestApiSettings.ResultOptions,
						) {
							try {
								return await pagination.call(this, requestData);
							} catch (error) {
								throw asCheck(this.getNode(), error);
							}
						},
					},
				}
			: {}),
	};
}
