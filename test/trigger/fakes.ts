import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { UnipileApi } from '../../credentials/UnipileApi.credentials';

export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
}

/** n8n's httpRequestWithAuthentication, reduced to what the trigger uses, over global fetch. */
async function httpRequest(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
) {
	const authed = await new UnipileApi().authenticate(credentials, options);
	const url = new URL(`${authed.baseURL}${authed.url}`);
	for (const [key, value] of Object.entries(authed.qs ?? {}))
		url.searchParams.set(key, String(value));
	const response = await fetch(url, {
		method: authed.method ?? 'GET',
		headers: {
			...(authed.headers as Record<string, string>),
			...(authed.body ? { 'content-type': 'application/json' } : {}),
		},
		body: authed.body ? JSON.stringify(authed.body) : undefined,
	});
	const text = await response.text();
	return { statusCode: response.status, headers: {}, body: text ? JSON.parse(text) : {} };
}

export interface HookOptions {
	baseUrl: string;
	apiKey: string;
	serviceApiKey?: string;
	webhookUrl: string;
	parameters: IDataObject;
	staticData: IDataObject;
	/** API v1: the credential's DSN (then `baseUrl` is not used). */
	dsn?: string;
}

export function hookContext(options: HookOptions): IHookFunctions {
	const credentials: ICredentialDataDecryptedObject = options.dsn
		? { apiVersion: 'v1', apiKey: options.apiKey, dsn: options.dsn }
		: {
				apiKey: options.apiKey,
				serviceApiKey: options.serviceApiKey ?? '',
				baseUrl: options.baseUrl,
			};
	const fake = {
		getCredentials: async () => credentials,
		getNodeParameter: (name: string, fallback?: unknown) => options.parameters[name] ?? fallback,
		getNodeWebhookUrl: () => options.webhookUrl,
		getWorkflowStaticData: () => options.staticData,
		getWorkflow: () => ({ id: 'wf1', name: 'Read receipts', active: true }),
		getNode: () => ({
			id: 'node1',
			name: 'Unipile Trigger',
			type: 'unipileTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) =>
				await httpRequest(credentials, request),
		},
	};
	return fake as unknown as IHookFunctions;
}

export interface WebhookCall {
	body: unknown;
	rawBody?: Buffer;
	headers?: Record<string, string>;
	parameters?: IDataObject;
	staticData: IDataObject;
	nodeId?: string;
	/** What `getCredentials` resolves with (any credential type). */
	credentials?: IDataObject;
	/** n8n's execution mode: `webhook` for the Production URL (default), `manual` for the Test URL. */
	mode?: 'webhook' | 'manual';
}

export function webhookContext(call: WebhookCall) {
	const response: FakeResponse = {};
	const raw = call.rawBody ?? Buffer.from(JSON.stringify(call.body));
	const parameters: IDataObject = {
		events: ['message.receipt.read'],
		accountIds: '',
		options: {},
		...call.parameters,
	};
	const fake = {
		getRequestObject: () => ({ headers: call.headers ?? {}, rawBody: raw }),
		getResponseObject: () => ({
			status(code: number) {
				response.statusCode = code;
				return this;
			},
			json(body: unknown) {
				response.body = body;
				return this;
			},
		}),
		getBodyData: () => call.body as IDataObject,
		getCredentials: async () => call.credentials ?? {},
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => call.staticData,
		getWorkflow: () => ({ id: 'wf1', name: 'Read receipts', active: true }),
		getNode: () => ({ id: call.nodeId ?? 'node1', name: 'Unipile Trigger' }),
		getMode: () => call.mode ?? 'webhook',
	};
	return { context: fake as unknown as IWebhookFunctions, response };
}
