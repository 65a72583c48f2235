import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export interface UnipileCredentials {
	apiVersion?: 'v1' | 'v2';
	apiKey?: string;
	dsn?: string;
	serviceApiKey?: string;
	baseUrl?: string;
}

const V2_BASE_URL = 'https://api.unipile.com/v2';

/**
 * Where a v1 account's API lives: `{DSN}/api/v1`. The DSN is accepted as Unipile shows it and as
 * users paste it (docs/unipile-v1.md#dsn): `api8.unipile.com:13851` (https added), with a trailing
 * `/`, `/api/v1` or a whole route, or in the `?port=13851` form for networks that block custom ports (then the
 * port goes as a query parameter on every request and the host is used on 443).
 */
export function normalizeDsn(dsn: string): { baseUrl: string; portQuery?: string } {
	const text = dsn.trim();
	if (!text) throw new RangeError('The DSN is empty: copy it from dashboard.unipile.com');
	const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
	const portQuery = url.searchParams.get('port') ?? undefined;
	if (portQuery !== undefined && !/^\d{1,5}$/.test(portQuery)) {
		throw new RangeError(`The DSN's port "${portQuery}" is not a number`);
	}
	// Anything from /api/v1 on is a route, not the DSN (some paste a whole example URL).
	const path = url.pathname.replace(/\/api\/v1(\/.*)?$/i, '').replace(/\/+$/, '');
	return { baseUrl: `${url.protocol}//${url.host}${path}/api/v1`, portQuery };
}

/** The base URL of the credential's API version: v2 `https://api.unipile.com/v2`, v1 `{DSN}/api/v1`. */
export function unipileBaseUrl(credentials: UnipileCredentials) {
	if (credentials.apiVersion === 'v1') return normalizeDsn(credentials.dsn ?? '');
	return { baseUrl: (credentials.baseUrl || V2_BASE_URL).replace(/\/+$/, '') };
}

/**
 * Unipile runs two separate environments with their own keys and accounts (docs/unipile-v1.md):
 * API v2 at api.unipile.com/v2, and v1 on a per-customer DSN. Both take the key as `X-API-KEY`.
 */
export class UnipileApi implements ICredentialType {
	name = 'unipileApi';

	displayName = 'Unipile API';

	icon: Icon = { light: 'file:../icons/unipile.svg', dark: 'file:../icons/unipile.dark.svg' };

	documentationUrl = 'https://developer.unipile.com/v2.0/reference/api-usage';

	properties: INodeProperties[] = [
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: 'v2',
			options: [
				{
					name: 'v1 (DSN)',
					value: 'v1',
					description: 'Accounts of dashboard.unipile.com, on your own DSN',
				},
				{
					name: 'v2',
					value: 'v2',
					description: 'Accounts of dashboardv2.unipile.com, at api.unipile.com/v2',
				},
			],
			description:
				'The Unipile environment your accounts and key belong to: keys of one do not work on the other',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'v2: an Account API key from dashboardv2.unipile.com. v1: the access token from dashboard.unipile.com.',
		},
		{
			displayName: 'DSN',
			name: 'dsn',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. api8.unipile.com:13851',
			description:
				'Your v1 API address, shown at the top of dashboard.unipile.com (host and port); https:// and /api/v1 are optional',
			displayOptions: { show: { apiVersion: ['v1'] } },
		},
		{
			displayName: 'Service API Key',
			name: 'serviceApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional v2 Service API key, used only to register and remove webhook endpoints (Unipile Trigger). Leave empty to use the API key.',
			displayOptions: { show: { apiVersion: ['v2'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: V2_BASE_URL,
			description: 'Change only to go through a proxy or a test server',
			displayOptions: { show: { apiVersion: ['v2'] } },
		},
	];

	/**
	 * Sets where every request goes (the version's base URL) and the key. v2 webhook endpoints are
	 * control-plane routes that may need the Service key (docs/unipile-v2.md#webhooks).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const unipile = credentials as UnipileCredentials;
		const { baseUrl, portQuery } = unipileBaseUrl(unipile);
		const serviceKey = unipile.apiVersion !== 'v1' ? unipile.serviceApiKey : undefined;
		const useServiceKey = Boolean(serviceKey) && /^\/?webhooks\//.test(requestOptions.url ?? '');
		return {
			...requestOptions,
			baseURL: baseUrl,
			qs: portQuery
				? { ...((requestOptions.qs as IDataObject | undefined) ?? {}), port: portQuery }
				: requestOptions.qs,
			headers: {
				...requestOptions.headers,
				'X-API-KEY': useServiceKey ? serviceKey : unipile.apiKey,
			},
		};
	}

	// Each version's own accounts route: a key of the other environment gets a 401.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{ $credentials.apiVersion === "v1" ? "/accounts" : "/accounts/" }}',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Unipile refused this API key. Keys of API v2 come from dashboardv2.unipile.com, keys of v1 (DSN) from dashboard.unipile.com: check that "API Version" is the one of the dashboard the key comes from.',
				},
			},
		],
	};
}
