import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { UnipileCredentials } from '../../../credentials/UnipileApi.credentials';
import { unipileBaseUrl } from '../../../credentials/UnipileApi.credentials';
import type { ItemInputs } from '../../shared/preflight';
import { unipileError } from './errors';

type Context = IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export type UnipileVersion = 'v1' | 'v2';

const versionIn = (credentials: UnipileCredentials): UnipileVersion =>
	credentials.apiVersion === 'v1' ? 'v1' : 'v2';

export async function versionOf(context: Context): Promise<UnipileVersion> {
	return versionIn(await context.getCredentials<UnipileCredentials>('unipileApi'));
}

/** The credential as one context read it: the pre-flight checks every item of a run from one. */
const readBy = new WeakMap<object, Promise<UnipileCredentials>>();

/**
 * The credential's API version, checked: a bad DSN stops the run before any request. Read once per
 * context, as each read costs n8n a database query and a decryption (BENCHMARKS.md).
 */
export async function checkedVersion(item: ItemInputs): Promise<UnipileVersion> {
	let read = readBy.get(item.context);
	if (!read) {
		read = item.context.getCredentials<UnipileCredentials>('unipileApi');
		readBy.set(item.context, read);
	}
	const credentials = await read;
	try {
		unipileBaseUrl(credentials);
	} catch (error) {
		item.fail(
			`The Unipile credential is not usable: ${(error as Error).message}`,
			'Open the Unipile credential and enter the DSN shown at the top of dashboard.unipile.com, e.g. api8.unipile.com:13851.',
		);
	}
	return versionIn(credentials);
}

/** What Unipile API v1 cannot do: fails before any request, saying what to do instead. */
export function notOnV1(item: ItemInputs, what: string, instead: string): never {
	item.fail(`${what} is not available on Unipile API v1`, instead);
}

/**
 * One Unipile request outside the declarative routing (list search, send hooks, webhooks). The
 * credential's `authenticate` sets the base URL of its API version and the key.
 */
export async function unipileRequest<T = IDataObject>(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options?: { qs?: IDataObject; body?: IDataObject },
): Promise<T>;
/** With `missing: 'undefined'`, a 404 answers undefined instead of failing. */
export async function unipileRequest<T = IDataObject>(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options: { qs?: IDataObject; body?: IDataObject; missing: 'undefined' },
): Promise<T | undefined>;
export async function unipileRequest<T = IDataObject>(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	options: { qs?: IDataObject; body?: IDataObject; missing?: 'undefined' } = {},
): Promise<T | undefined> {
	const response = await context.helpers.httpRequestWithAuthentication.call(context, 'unipileApi', {
		method,
		url,
		qs: options.qs,
		body: options.body,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	});
	if (response.statusCode === 404 && options.missing) return undefined;
	if (response.statusCode >= 400) {
		throw await unipileError(context, response.statusCode, response.headers, response.body);
	}
	return response.body as T;
}
