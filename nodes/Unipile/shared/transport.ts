import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { unipileError } from './errors';

type Context = IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions;

/** One Unipile v2 request outside the declarative routing (list search, sending hooks). */
export async function unipileRequest<T = IDataObject>(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<T> {
	const credentials = await context.getCredentials<{ baseUrl: string }>('unipileApi');
	const response = await context.helpers.httpRequestWithAuthentication.call(context, 'unipileApi', {
		method,
		baseURL: credentials.baseUrl,
		url,
		qs: options.qs,
		body: options.body,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	});
	if (response.statusCode >= 400) {
		throw unipileError(context.getNode(), response.statusCode, response.headers, response.body);
	}
	return response.body as T;
}
