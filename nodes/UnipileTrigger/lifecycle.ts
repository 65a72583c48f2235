import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	JsonObject,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { path } from '../shared/parameters';
import { parseAccountIds } from '../shared/webhook';
import type { UnipileVersion } from '../Unipile/shared/transport';
import { unipileRequest, versionOf } from '../Unipile/shared/transport';
import type { V1Source } from './description';
import { EVENTS } from './description';

/**
 * What we keep about the webhooks we registered: their ids, our URL, the API version they were
 * registered on (so a call is checked without reading the credential: that costs n8n a JavaScript
 * isolate per call, see BENCHMARKS.md), and the secret that authenticates their calls (v2: the
 * endpoint's signing secret; v1: a random value Unipile sends back as a header).
 */
export interface TriggerState extends IDataObject {
	/** v2: the endpoint. v1, as kept before several v1 webhooks: the messaging webhook. */
	endpointId?: string;
	/** v1: one webhook per source (docs/unipile-v1.md#webhooks). */
	webhookIds?: Partial<Record<V1Source, string>>;
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
	/** v2: IDs; v1 lists them as IDs or as `{id, name, type}`. */
	account_ids?: Array<string | { id?: string }>;
}

type Context = IHookFunctions | IWebhookFunctions;

const selectedEvents = (context: Context) => context.getNodeParameter('events', []) as string[];

/**
 * The accounts whose events start the workflow: the list (version 1.1) and, from version 1, the
 * comma-separated IDs, so a workflow made before the list keeps its filter.
 */
export function selectedAccounts(context: Context): string[] {
	const listed = context.getNodeParameter('accounts', []) as NodeParameterValueType;
	const ids = [
		...parseAccountIds(context.getNodeParameter('accountIds', '')),
		...(Array.isArray(listed) ? listed : parseAccountIds(listed)).map(String),
	];
	return [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
}

const v2Events = (events: string[]) =>
	EVENTS.filter((event) => events.includes(event.value)).flatMap((event) => event.v2);

/** v1: the webhooks needed, by source, with the events of those that take a list. */
function v1Webhooks(events: string[]): Map<V1Source, string[]> {
	const needed = new Map<V1Source, string[]>();
	for (const { value, v1 } of EVENTS) {
		if (!events.includes(value)) continue;
		const list = needed.get(v1.source) ?? [];
		if (v1.source === 'messaging' && v1.event) list.push(v1.event);
		needed.set(v1.source, list);
	}
	return needed;
}

const state = (context: IHookFunctions) => context.getWorkflowStaticData('node') as TriggerState;

/** v1 webhook ids by source, state kept before several v1 webhooks included. */
function v1Ids(data: TriggerState): Partial<Record<V1Source, string>> {
	return data.webhookIds ?? (data.endpointId ? { messaging: data.endpointId } : {});
}

function forget(data: TriggerState) {
	delete data.endpointId;
	delete data.webhookIds;
	delete data.url;
	delete data.apiVersion;
	delete data.secret;
}

const sameList = (a: string[] = [], b: string[] = []) =>
	JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

const accountIdsOf = (endpoint: Endpoint) =>
	(endpoint.account_ids ?? []).map((entry) =>
		typeof entry === 'string' ? entry : String(entry.id),
	);

/** v1: every webhook of the key (`GET /api/v1/webhooks`, cursor paged: docs/unipile-v1.md#webhooks). */
async function v1List(context: IHookFunctions): Promise<Endpoint[]> {
	const all: Endpoint[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 20; page++) {
		const list = await unipileRequest<{ items?: Endpoint[]; cursor?: string | null }>(
			context,
			'GET',
			'/webhooks',
			{ qs: { limit: 250, ...(cursor ? { cursor } : {}) } },
		);
		all.push(...(list.items ?? []));
		cursor = list.cursor ?? undefined;
		if (!cursor) break;
	}
	return all;
}

async function remove(context: IHookFunctions, version: UnipileVersion, id: string) {
	const url = version === 'v1' ? path`/webhooks/${id}` : path`/webhooks/endpoints/${id}`;
	await unipileRequest(context, 'DELETE', url, { missing: 'undefined' });
}

const ours = (webhook: Endpoint | undefined, url: string | undefined) =>
	webhook !== undefined && (webhook.url ?? webhook.request_url) === url;

/** v2: whether our endpoint is there with the events and accounts configured. */
async function checkV2(context: IHookFunctions, data: TriggerState, url: string | undefined) {
	if (!data.endpointId) return false;
	const endpoint = await unipileRequest<Endpoint>(
		context,
		'GET',
		path`/webhooks/endpoints/${data.endpointId}`,
		{ missing: 'undefined' },
	);
	if (!endpoint || !ours(endpoint, url)) {
		forget(data);
		return false;
	}
	Object.assign(data, { url, apiVersion: 'v2' });
	if (
		sameList(endpoint.trigger_events, v2Events(selectedEvents(context))) &&
		sameList(accountIdsOf(endpoint), selectedAccounts(context))
	)
		return true;
	await remove(context, 'v2', data.endpointId);
	forget(data);
	return false;
}

/**
 * v1: whether our webhooks are there, one per source the events need, each with its events and
 * the accounts configured. Any other state: ours are deleted and made again.
 */
async function checkV1(context: IHookFunctions, data: TriggerState, url: string | undefined) {
	const stored = v1Ids(data);
	if (!Object.keys(stored).length) return false;
	const listed = await v1List(context);
	const found = Object.entries(stored).map(([source, id]) => ({
		source: source as V1Source,
		id,
		webhook: listed.find((webhook) => webhook.id === id),
	}));
	if (found.some(({ webhook }) => webhook && !ours(webhook, url))) {
		forget(data);
		return false;
	}
	const needed = v1Webhooks(selectedEvents(context));
	const accounts = selectedAccounts(context);
	const current =
		found.length === needed.size &&
		found.every(
			({ source, webhook }) =>
				webhook !== undefined &&
				needed.has(source) &&
				(source !== 'messaging' || sameList(webhook.events, needed.get(source))) &&
				sameList(accountIdsOf(webhook), accounts),
		);
	if (current) {
		Object.assign(data, { url, apiVersion: 'v1', webhookIds: stored });
		delete data.endpointId;
		return true;
	}
	for (const { id, webhook } of found) if (webhook && id) await remove(context, 'v1', id);
	forget(data);
	return false;
}

async function createV1(context: IHookFunctions, url: string, name: string) {
	const secret = randomBytes(32).toString('hex');
	const accounts = selectedAccounts(context);
	const created: Partial<Record<V1Source, string>> = {};
	let complete = false;
	try {
		for (const [source, events] of v1Webhooks(selectedEvents(context))) {
			const response = await unipileRequest<{ webhook_id?: string }>(context, 'POST', '/webhooks', {
				body: {
					request_url: url,
					name,
					source,
					// Users and account status webhooks carry their events by default.
					...(source === 'messaging' ? { events: [...events].sort() } : {}),
					format: 'json',
					...(accounts.length ? { account_ids: accounts } : {}),
					// API-created v1 webhooks send no JSON content type unless asked to.
					headers: [
						{ key: 'Content-Type', value: 'application/json' },
						{ key: V1_SECRET_HEADER, value: secret },
					],
				},
			});
			created[source] = required(context, response.webhook_id);
		}
		complete = true;
	} finally {
		// Half a registration is none: remove what was made; the refusal is the error shown.
		if (!complete) {
			for (const id of Object.values(created)) {
				if (id) await remove(context, 'v1', id).catch(() => undefined);
			}
		}
	}
	return { webhookIds: created, url, apiVersion: 'v1' as const, secret };
}

export const webhookMethods = {
	default: {
		/**
		 * Whether our webhooks still exist as configured. One whose URL is not this node's own (a
		 * copy of the workflow carried our static data) belongs to another workflow: forget it,
		 * never delete it. Ours but outdated (events or accounts changed): replace them.
		 */
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const data = state(this);
			const url = this.getNodeWebhookUrl('default');
			return (await versionOf(this)) === 'v1'
				? await checkV1(this, data, url)
				: await checkV2(this, data, url);
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default') as string;
			const name = `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id}`.slice(0, 255);
			const data = state(this);
			if ((await versionOf(this)) === 'v1') {
				Object.assign(data, await createV1(this, url, name));
				delete data.endpointId;
				return true;
			}
			const accounts = selectedAccounts(this);
			const created = await unipileRequest<Endpoint>(this, 'POST', '/webhooks/endpoints/', {
				body: {
					trigger_events: v2Events(selectedEvents(this)),
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
			if ((data.url ?? url) === url) {
				const version = data.apiVersion ?? (await versionOf(this));
				const ids =
					version === 'v1' ? Object.values(v1Ids(data)) : data.endpointId ? [data.endpointId] : [];
				for (const id of ids) if (id) await remove(this, version, id);
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
