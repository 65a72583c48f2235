import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const DEFAULT_BASE_URL = 'https://api.connectsafely.ai';

/** ConnectSafely: `Authorization: Bearer <key>`, base `https://api.connectsafely.ai` (docs/connectsafely.md#base-url-and-authentication). */
export class ConnectSafelyApi implements ICredentialType {
	name = 'connectSafelyApi';

	displayName = 'ConnectSafely API';

	icon: Icon = {
		light: 'file:../icons/connectsafely.svg',
		dark: 'file:../icons/connectsafely.dark.svg',
	};

	documentationUrl = 'https://connectsafely.ai/docs/docs/api/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'API key from https://connectsafely.ai/api-key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'Change only to go through a proxy or a test server',
		},
		{
			// Here rather than on the trigger node: credentials are encrypted at rest and left out of
			// workflow JSON, exports and shared templates (docs/connectsafely.md#webhooks).
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the ConnectSafely Trigger: the signing secret the ConnectSafely dashboard shows once when you create the webhook',
		},
	];

	// The base URL and the key, for every request of the node. No Content-Type here:
	// upload-attachment sends a raw file body with its own MIME type. Code, not an expression: n8n
	// would evaluate one for every request (BENCHMARKS.md, big lists).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			baseURL: String(credentials.baseUrl || DEFAULT_BASE_URL),
			headers: {
				...requestOptions.headers,
				// A key pasted with a space or line break around it is still the key.
				Authorization: `Bearer ${String(credentials.apiKey).trim()}`,
			},
		};
	}

	// GET /linkedin/accounts is Bearer-checked and makes no LinkedIn call (docs/connectsafely.md#list-accounts);
	// n8n shows a rule's message for its status instead of the bare status text.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/linkedin/accounts',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ConnectSafely refused this API key. Copy it again from https://connectsafely.ai/api-key and paste it whole into "API Key".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'ConnectSafely accepted the key but refuses API access: the trial may have ended, or the plan has no API access. Check the subscription in the ConnectSafely dashboard.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `There is no ConnectSafely API at this Base URL: set "Base URL" to ${DEFAULT_BASE_URL}, without /linkedin.`,
				},
			},
		],
	};
}
