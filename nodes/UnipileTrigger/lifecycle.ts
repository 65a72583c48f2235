import type { IDataObject, IHookFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { unipileError } from '../Unipile/shared/errors';

/** Webhook endpoints API, control plane (unipile-api.md §2.6): `/v2/webhooks/endpoints/`. */
const ENDPOINTS = '/webhooks/endpoints/';

interface Endpoint {
	id?: string;
	url?: string;
	secret?: string;
	trigger_events?: string[];
	account_ids?: string[];
}

/** What we keep about the endpoint we registered. */
export interface TriggerState extends IDataObject {
	endpointId?: string;
	secret?: string;
}

async function call(
	context: IHookFunctions,
	method: IHttpRequestMethods,
	url: string,
	body?: IDataObject,
): Promise<{ statusCode: number; body: Endpoint }> {
	const credentials = await context.getCredentials<{ baseUrl: string }>('unipileApi');
	const response = await context.helpers.httpRequestWithAuthentication.call(context, 'unipileApi', {
		method,
		baseURL: credentials.baseUrl,
		url,
		body,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	});
	return { statusCode: response.statusCode, body: (response.body ?? {}) as Endpoint };
}

function fail(context: IHookFunctions, response: { statusCode: number; body: Endpoint }): never {
	throw unipileError(context.getNode(), response.statusCode, {}, response.body);
}

export function selectedEvents(context: IHookFunctions): string[] {
	return [...(context.getNodeParameter('events', []) as string[])].sort();
}

/** "Accounts" field: comma-separated account IDs, empty for all accounts. */
export function parseAccountIds(raw: unknown): string[] {
	return String(raw ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
}

const accountFilter = (context: IHookFunctions) =>
	parseAccountIds(context.getNodeParameter('accountIds', ''));

function state(context: IHookFunctions) {
	return context.getWorkflowStaticData('node') as TriggerState;
}

function forget(data: TriggerState) {
	delete data.endpointId;
	delete data.secret;
}

const sameList = (a: string[] = [], b: string[] = []) =>
	JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export const webhookMethods = {
	default: {
		/** Our stored endpoint still exists with our URL, events and accounts. */
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const data = state(this);
			if (!data.endpointId) return false;
			const response = await call(
				this,
				'GET',
				`${ENDPOINTS}${encodeURIComponent(data.endpointId)}`,
			);
			if (response.statusCode === 404) {
				forget(data);
				return false;
			}
			if (response.statusCode >= 400) fail(this, response);
			const current =
				response.body.url === this.getNodeWebhookUrl('default') &&
				sameList(response.body.trigger_events, selectedEvents(this)) &&
				sameList(response.body.account_ids, accountFilter(this));
			if (current) return true;
			// Ours but outdated (URL, events or accounts changed): replace it.
			const removed = await call(
				this,
				'DELETE',
				`${ENDPOINTS}${encodeURIComponent(data.endpointId)}`,
			);
			if (removed.statusCode >= 400 && removed.statusCode !== 404) fail(this, removed);
			forget(data);
			return false;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const accounts = accountFilter(this);
			const body: IDataObject = {
				trigger_events: selectedEvents(this),
				url: this.getNodeWebhookUrl('default'),
				description: `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id}`.slice(0, 255),
			};
			if (accounts.length) body.account_ids = accounts;
			const response = await call(this, 'POST', ENDPOINTS, body);
			if (response.statusCode >= 400) fail(this, response);
			if (!response.body.id || !response.body.secret) {
				throw unipileError(
					this.getNode(),
					502,
					{},
					{
						detail: 'Unipile created the webhook endpoint without returning its id and secret',
					},
				);
			}
			const data = state(this);
			data.endpointId = response.body.id;
			data.secret = response.body.secret;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const data = state(this);
			if (!data.endpointId) return true;
			const response = await call(
				this,
				'DELETE',
				`${ENDPOINTS}${encodeURIComponent(data.endpointId)}`,
			);
			if (response.statusCode >= 400 && response.statusCode !== 404) fail(this, response);
			forget(data);
			return true;
		},
	},
};
