import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Unipile API v2: `X-API-KEY` header, base `https://api.unipile.com/v2` (unipile-api.md §1). */
export class UnipileApi implements ICredentialType {
	name = 'unipileApi';

	displayName = 'Unipile API';

	icon: Icon = { light: 'file:../icons/unipile.svg', dark: 'file:../icons/unipile.dark.svg' };

	documentationUrl = 'https://developer.unipile.com/v2.0/reference/api-usage';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Account API key (scoped or global) from the Unipile v2 dashboard',
		},
		{
			displayName: 'Service API Key',
			name: 'serviceApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional Service API key, used only to register and remove webhook endpoints (Unipile Trigger). Leave empty to use the API key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.unipile.com/v2',
			description: 'Change only to go through a proxy or a test server',
		},
	];

	// Webhook endpoints are control-plane routes that may need the Service key (unipile-api.md §2.6).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const serviceKey = credentials.serviceApiKey as string | undefined;
		const useServiceKey = Boolean(serviceKey) && /^\/?webhooks\//.test(requestOptions.url ?? '');
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'X-API-KEY': useServiceKey ? serviceKey : (credentials.apiKey as string),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/accounts/',
			method: 'GET',
			qs: { limit: 1 },
		},
	};
}
