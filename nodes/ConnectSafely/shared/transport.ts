import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { compact } from '../../shared/request';
import type { UsedId } from './errors';
import { connectSafelyError, isFailure, parseBody } from './errors';

type Context = IExecuteSingleFunctions | ILoadOptionsFunctions;

/**
 * One ConnectSafely request outside the declarative routing (list search, send hooks), with a
 * JSON body if any. `ids` are the IDs it uses, named in a "not found" error.
 */
export async function connectSafelyRequest<T = IDataObject>(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options: { qs?: IDataObject; body?: IDataObject; ids?: UsedId[] } = {},
): Promise<T> {
	const { qs, body, ids } = options;
	return await connectSafelyCall<T>(
		context,
		{ method, url, qs: compact(qs), ...(body ? { body } : {}), json: true },
		ids,
	);
}

/**
 * Sends a request (e.g. a file upload built by nodes/shared/request.ts) and turns a failure into a
 * clear error. The credential's `authenticate` sets the base URL and the key; the credential is
 * read here only to keep its key out of an error.
 */
export async function connectSafelyCall<T = IDataObject>(
	context: Context,
	request: IHttpRequestOptions,
	ids?: UsedId[],
): Promise<T> {
	const response = await context.helpers.httpRequestWithAuthentication.call(
		context,
		'connectSafelyApi',
		{ ...request, ignoreHttpStatusErrors: true, returnFullResponse: true },
	);
	const body = parseBody(response.body);
	if (isFailure(response.statusCode, body)) {
		const credentials = await context.getCredentials<{ apiKey?: string }>('connectSafelyApi');
		throw connectSafelyError(context.getNode(), {
			status: response.statusCode >= 400 ? response.statusCode : 400,
			succeeded: response.statusCode < 400,
			headers: response.headers,
			body,
			secret: credentials.apiKey?.trim(),
			itemIndex: 'getItemIndex' in context ? context.getItemIndex() : undefined,
			ids,
		});
	}
	return body as T;
}
