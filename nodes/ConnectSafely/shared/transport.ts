import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { LoadedFile } from '../../shared/binary';
import { CREDENTIAL_TYPE } from './constants';
import type { UsedId } from './errors';
import { connectSafelyError, isFailure, parseBody } from './errors';

type Context = IExecuteSingleFunctions | ILoadOptionsFunctions;

interface Credentials {
	apiKey?: string;
	baseUrl?: string;
}

export interface RequestOptions {
	qs?: IDataObject;
	/** JSON, or a raw file (sent as is, with `contentType`). */
	body?: IDataObject | Buffer;
	contentType?: string;
	/** IDs the request uses, named in a "not found" error. */
	ids?: UsedId[];
}

/** Drops empty values, so optional query parameters are left out rather than sent empty. */
export function compact(values: IDataObject = {}): IDataObject {
	return Object.fromEntries(
		Object.entries(values).filter(
			([, value]) => value !== undefined && value !== null && value !== '',
		),
	);
}

/** One ConnectSafely request outside the declarative routing (list search, sending hooks, uploads). */
export async function connectSafelyRequest<T = IDataObject>(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options: RequestOptions = {},
): Promise<T> {
	const credentials = await context.getCredentials<Credentials>(CREDENTIAL_TYPE);
	const raw = Buffer.isBuffer(options.body);
	const response = await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		{
			method,
			baseURL: credentials.baseUrl || 'https://api.connectsafely.ai',
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

/** What `POST /linkedin/conversations/upload-attachment` returns, to pass back in a send (§2.2). */
export interface UploadedAttachment extends IDataObject {
	assetUrn: string;
	byteSize: number;
	mediaType: string;
	name: string;
}

/** The query of an upload: file name (with extension) and the account, when one is chosen. */
export function uploadQuery(fileName: string, accountId?: string): IDataObject {
	return compact({ filename: fileName, accountId });
}

/**
 * Uploads one file: the raw bytes as the body with the file's real MIME type, never multipart
 * (connectsafely-api.md §2.2). Returns the `attachment` object.
 */
export async function uploadAttachment(
	context: IExecuteSingleFunctions,
	file: LoadedFile,
	accountId?: string,
): Promise<UploadedAttachment> {
	const response = await connectSafelyRequest<{ attachment?: UploadedAttachment }>(
		context,
		'POST',
		'/linkedin/conversations/upload-attachment',
		{
			qs: uploadQuery(file.fileName, accountId),
			body: file.data,
			contentType: file.mimeType,
			ids: accountId ? [{ label: 'Account', value: accountId }] : [],
		},
	);
	if (!response?.attachment) {
		throw connectSafelyError(context.getNode(), {
			status: 502,
			body: { error: `the upload of "${file.fileName}" returned no attachment` },
			itemIndex: context.getItemIndex(),
		});
	}
	return response.attachment;
}
