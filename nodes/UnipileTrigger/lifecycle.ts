import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { path } from '../shared/parameters';
import { parseAccountIds } from '../shared/webhook';
import type { UnipileVersion } from '../Unipile/shared/transport';
import { unipileRequest, versionOf } from '../Unipile/shared/transport';
import { EVENTS } from './description';

/**
 * What we keep about the webhook we registered: its id, our URL, the API version it was registered
 * on (so a call is checked without reading the credential: that costs n8n a JavaScript isolate per
 * call, see BENCHMARKS.md), and the secret that authenticates its calls (v2: the endpoint's signing
 * secret; v1: a random value Unipile sends back as a header).
 */
export interface TriggerState extends IDataObject {
	endpointId?: string;
	url?: string;
	apiVersion?: UnipileVersion;
	secret?: string;
}

/** The header that carries a v1 webhook's secret (v1 has no signatures: docs/unipile-v1.md#webhooks). */
const V1_SECRET_HEADER = 'Unipile-Auth';

interface Endpoint {
	id?: string;
	url?: string;
	request_url?: string;
	secret?: string;
	trigger_events?: string[];
	events?: string[];
	account_ids?: string[];
}

function selectedEvents(context: IHookFunctions): string[] {
	return [...(context.getNodeParameter('events', []) as string[])].sort();
}

const accountFilter = (context: IHookFunctions) =>
	parseAccountIds(context.getNodeParameter('accountIds', ''));

const v1Events = (events: string[]) =>
	EVENTS.filter((event) => events.includes(event.value))
		.map((event) => event.v1)
		.sort();

const state = (context: IHookFunctions) => context.getWorkflowStaticData('node') as TriggerState;

function forget(data: TriggerState) {
	delete data.endpointId;
	delete data.url;
	delete data.apiVersion;
	delete data.secret;
}

const sameList = (a: string[] = [], b: string[] = []) =>
	JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * The webhook the stored id points to, or undefined when Unipile has none by that id.
 * v2: `GET /v2/webhooks/endpoints/{id}` (docs/unipile-v2.md#webhook-endpoints); v1 lists them
 * (`GET /api/v1/webhooks`, docs/unipile-v1.md#webhooks).
 */
async function stored(context: IHookFunctions, id: string): Promise<Endpoint | undefined> {
	if ((await versionOf(context)) === 'v1') {
		const list = await unipileRequest<{ items?: Endpoint[] }>(context, 'GET', '/webhooks', {
			qs: { limit: 250 },
		});
		return (list.items ?? []).find((webhook) => webhook.id === id);
	}
	return await unipileRequest<Endpoint>(context, 'GET', path`/webhooks/endpoints/${id}`, {
		missing: 'undefined',
	});
}

async function remove(context: IHookFunctions, id: string) {
	const url =
		(await versionOf(context)) === 'v1' ? path`/webhooks/${id}` : path`/webhooks/endpoints/${id}`;
	await unipileRequest(context, 'DELETE', url, { missing: 'undefined' });
}

export const webhookMethods = {
	default: {
		/**
		 * Whether our webhook still exists as configured. One whose URL is not this node's own (a
		 * copy of the workflow carried our static data) belongs to another workflow: forget it,
		 * never delete it. Ours but outdated (events or accounts changed): replace it.
		 */
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const data = state(this);
			if (!data.endpointId) return false;
			const url = this.getNodeWebhookUrl('default');
			const webhook = await stored(this, data.endpointId);
			if (!webhook || (webhook.url ?? webhook.request_url) !== url) {
				forget(data);
				return false;
			}
			const version = await versionOf(this);
			Object.assign(data, { url, apiVersion: version });
			const events = selectedEvents(this);
			const current =
				version === 'v1'
					? sameList(webhook.events, v1Events(events))
					: sameList(webhook.trigger_events, events);
			if (current && sameList(webhook.account_ids, accountFilter(this))) return true;
			await remove(this, data.endpointId);
			forget(data);
			return false;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default') as string;
			const accounts = accountFilter(this);
			const name = `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id}`.slice(0, 255);
			const data = state(this);
			if ((await versionOf(this)) === 'v1') {
				const secret = randomBytes(32).toString('hex');
				const created = await unipileRequest<{ webhook_id?: string }>(this, 'POST', '/webhooks', {
					body: {
						request_url: url,
						name,
						source: 'messaging',
						events: v1Events(selectedEvents(this)),
						format: 'json',
						...(accounts.length ? { account_ids: accounts } : {}),
						// API-created v1 webhooks send no JSON content type unless asked to.
						headers: [
							{ key: 'Content-Type', value: 'application/json' },
							{ key: V1_SECRET_HEADER, value: secret },
						],
					},
				});
				Object.assign(data, {
					endpointId: required(this, created.webhook_id),
					url,
					apiVersion: 'v1',
					secret,
				});
				return true;
			}
			const created = await unipileRequest<Endpoint>(this, 'POST', '/webhooks/endpoints/', {
				body: {
					trigger_events: selectedEvents(this),
					url,
					description: name,
					...(accounts.length ? { account_ids: accounts } : {}),
				},
			});
			Object.assign(data, {
				endpointId: required(this, created.id),
				url,
				apiVersion: 'v2',
				secret: required(this, created.secret),
			});
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const data = state(this);
			const url = this.getNodeWebhookUrl('default');
			// State saved before URLs were kept (no `url`) is ours, as it was then.
			if (data.endpointId && (data.url ?? url) === url) {
				await remove(this, data.endpointId);
			}
			forget(data);
			return true;
		},
	},
};

function required(context: IHookFunctions, value: string | undefined): string {
	if (value) return value;
	throw new NodeApiError(context.getNode(), {} as JsonObject, {
		message: 'Unipile created the webhook without returning its id or secret',
		description: 'Deactivate and activate the workflow again; if it persists, contact Unipile.',
	});
}
