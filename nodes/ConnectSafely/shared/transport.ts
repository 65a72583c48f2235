import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { compact } from '../../shared/parameters';
import type { UsedId } from './errors';
import { connectSafelyError, isFailure, parseBody } from './errors';

type Context = IExecuteSingleFunctions | ILoadOptionsFunctions;

interface RequestOptions {
	qs?: IDataObject;
	/** JSON, or a raw file (sent as is, with `contentType`). */
	body?: IDataObject | Buffer;
	contentType?: string;
	/** IDs the request uses, named in a "not found" error. */
	ids?: UsedId[];
}

/**
 * One ConnectSafely request outside the declarative routing (list search, send hooks, uploads). The
 * credential's `authenticate` sets the base URL and the key; the credential is read here only to
 * keep its key out of an error.
 */
export async function connectSafelyRequest<T = IDataObject>(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options: RequestOptions = {},
): Promise<T> {
	const raw = Buffer.isBuffer(options.body);
	const response = await context.helpers.httpRequestWithAuthentication.call(
		context,
		'connectSafelyApi',
		{
			method,
			url,
			qs: compact(options.qs),
			...(options.body !== undefined ? { body: options.body } : {}),
			...(raw
				? { headers: { 'Content-Type': options.contentType ?? 'application/octet-stream' } }
				: {}),
			json: !raw,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		},
	);
	const body = parseBody(response.body);
	if (isFailure(response.statusCode, body)) {
		const credentials = await context.getCredentials<{ apiKey?: string }>('connectSafelyApi');
		throw connectSafelyError(context.getNode(), {
			status: response.statusCode >= 400 ? response.statusCode : 400,
			headers: response.headers,
			body,
			secret: credentials.apiKey,
			itemIndex: 'getItemIndex' in context ? context.getItemIndex() : undefined,
			ids: options.ids,
		});
	}
	return body as T;
}
