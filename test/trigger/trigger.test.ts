import { createHmac } from 'crypto';
import type { IDataObject, ILoadOptionsFunctions, INode, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { UnipileTrigger } from '../../nodes/UnipileTrigger/UnipileTrigger.node';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { reply, startSandboxServer } from '../../tools/sandbox/server';
import { hookContext, webhookContext } from './fakes';

const WEBHOOK_URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const SECRET = 'example-secret-for-tests';
const trigger = new UnipileTrigger();
const methods = trigger.webhookMethods.default;

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

function hook(
	staticData: IDataObject,
	parameters: IDataObject = {},
	apiKey = UNIPILE_SANDBOX.apiKey,
) {
	return hookContext({
		baseUrl: sandbox.baseUrl,
		apiKey,
		serviceApiKey: UNIPILE_SANDBOX.serviceApiKey,
		webhookUrl: WEBHOOK_URL,
		parameters: { events: ['message.receipt.read'], accountIds: '', ...parameters },
		staticData,
	});
}

describe('webhook lifecycle', () => {
	it('creates the endpoint with the spec body and keeps its id and secret', async () => {
		const data: IDataObject = {};
		expect(await methods.checkExists.call(hook(data))).toBe(false);
		expect(await methods.create.call(hook(data, { accountIds: UNIPILE_SANDBOX.accountId }))).toBe(
			true,
		);
		const post = sandbox.requests.find((request) => request.method === 'POST');
		expect(post?.path).toBe('/v2/webhooks/endpoints/');
		expect(post?.headers['x-api-key']).toBe(UNIPILE_SANDBOX.serviceApiKey);
		expect(post?.body).toEqual({
			trigger_events: ['message.receipt.read'],
			url: WEBHOOK_URL,
			account_ids: [UNIPILE_SANDBOX.accountId],
			description: 'n8n: Read receipts',
		});
		const [endpoint] = sandbox.webhooks();
		expect(data).toEqual({
			endpointId: endpoint.id,
			url: WEBHOOK_URL,
			apiVersion: 'v2',
			secret: endpoint.secret,
		});
		expect(
			await methods.checkExists.call(hook(data, { accountIds: UNIPILE_SANDBOX.accountId })),
		).toBe(true);
		// State kept by an older version of the node gets the API version at the next activation.
		delete data.apiVersion;
		expect(
			await methods.checkExists.call(hook(data, { accountIds: UNIPILE_SANDBOX.accountId })),
		).toBe(true);
		expect(data.apiVersion).toBe('v2');
	});

	it('recreates an endpoint that is gone', async () => {
		const data: IDataObject = { endpointId: 'whe_gone', secret: 'old' };
		expect(await methods.checkExists.call(hook(data))).toBe(false);
		expect(data).toEqual({});
	});

	it('replaces our endpoint when the events changed', async () => {
		const data: IDataObject = {};
		await methods.create.call(hook(data));
		expect(await methods.checkExists.call(hook(data, { events: ['message.new'] }))).toBe(false);
		expect(sandbox.webhooks()).toHaveLength(0);
	});

	it('deletes the endpoint, and a 404 on delete is fine', async () => {
		const data: IDataObject = {};
		await methods.create.call(hook(data));
		expect(await methods.delete.call(hook(data))).toBe(true);
		expect(sandbox.webhooks()).toHaveLength(0);
		expect(data).toEqual({});
		const stale: IDataObject = { endpointId: 'whe_gone', secret: 'x' };
		expect(await methods.delete.call(hook(stale))).toBe(true);
	});

	it("never deletes another workflow's endpoint: a copy that carried our static data makes its own", async () => {
		const original: IDataObject = {};
		await methods.create.call(hook(original));
		const [theirs] = sandbox.webhooks();
		// A duplicated workflow starts with the original's static data but has its own webhook URL.
		const copy: IDataObject = { ...original };
		const copyUrl = 'http://127.0.0.1:5678/webhook/copy/webhook';
		const copyHook = (staticData: IDataObject) =>
			hookContext({
				baseUrl: sandbox.baseUrl,
				apiKey: UNIPILE_SANDBOX.apiKey,
				serviceApiKey: UNIPILE_SANDBOX.serviceApiKey,
				webhookUrl: copyUrl,
				parameters: { events: ['message.receipt.read'], accountIds: '' },
				staticData,
			});
		expect(await methods.checkExists.call(copyHook(copy))).toBe(false);
		expect(copy).toEqual({});
		expect(await methods.create.call(copyHook(copy))).toBe(true);
		expect(sandbox.requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
		expect(sandbox.webhooks().map((endpoint) => endpoint.url)).toEqual([WEBHOOK_URL, copyUrl]);
		expect(sandbox.webhooks()[0]).toEqual(theirs);
		// Deactivating a copy that still holds the original's state deletes nothing either.
		const stale: IDataObject = { ...original };
		expect(await methods.delete.call(copyHook(stale))).toBe(true);
		expect(sandbox.requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
		expect(stale).toEqual({});
	});

	it('surfaces a refused key without showing it', async () => {
		const wrongKey = 'example-wrong-key';
		const data: IDataObject = { endpointId: 'whe_1' };
		const context = hookContext({
			baseUrl: sandbox.baseUrl,
			apiKey: wrongKey,
			webhookUrl: WEBHOOK_URL,
			parameters: { events: ['message.receipt.read'] },
			staticData: data,
		});
		const error = await methods.delete.call(context).catch((thrown: Error) => thrown);
		expect(error).toBeInstanceOf(Error);
		expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(wrongKey);
	});
});

const NO_MESSAGE = {
	chat_id: null,
	message_id: null,
	reader_id: null,
	reader_name: null,
	read_at: null,
	sender_id: null,
	text: null,
	reaction: null,
};
const NO_RELATION = {
	relation_provider_id: null,
	relation_name: null,
	relation_public_identifier: null,
	relation_profile_url: null,
};
const NO_STATUS = { status: null, status_message: null };

function envelope(overrides: IDataObject = {}) {
	return {
		id: `evt_${Math.random().toString(36).slice(2)}`,
		created_at: '2026-11-25T10:00:00.000Z',
		account_id: UNIPILE_SANDBOX.accountId,
		type: 'message.receipt.read',
		payload: {
			chat_id: 'chat_0001',
			message_id: 'msg_1',
			user: { id: 'ACoAAUser0001', display_name: 'Ana' },
			read_at: '2026-11-25T10:00:01.000Z',
		},
		...overrides,
	};
}

function signed(body: unknown, secret = SECRET, t = Math.floor(Date.now() / 1000)) {
	const raw = Buffer.from(JSON.stringify(body));
	return {
		rawBody: raw,
		headers: {
			'unipile-signature': `t=${t},v0=${createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')}`,
		},
	};
}

async function deliver(body: unknown, extra: Partial<Parameters<typeof webhookContext>[0]> = {}) {
	const call = {
		body,
		staticData: { apiVersion: 'v2', secret: SECRET },
		...signed(body),
		...extra,
	};
	const { context, response } = webhookContext(call);
	const result = await trigger.webhook.call(context);
	return { result, response };
}

describe('webhook calls', () => {
	it('starts one execution with the flat read-receipt item', async () => {
		const event = envelope();
		const { result } = await deliver(event);
		expect(result.workflowData?.[0][0].json).toEqual({
			event_id: event.id,
			event: 'message.receipt.read',
			account_id: UNIPILE_SANDBOX.accountId,
			created_at: event.created_at,
			chat_id: 'chat_0001',
			message_id: 'msg_1',
			reader_id: 'ACoAAUser0001',
			reader_name: 'Ana',
			read_at: '2026-11-25T10:00:01.000Z',
			sender_id: null,
			text: null,
			reaction: null,
			...NO_RELATION,
			...NO_STATUS,
			payload: event.payload,
		});
	});

	const rejected: Array<[string, () => Partial<Parameters<typeof webhookContext>[0]>]> = [
		['a wrong secret', () => signed(envelope(), 'not-the-secret')],
		['a stale timestamp', () => signed(envelope(), SECRET, Math.floor(Date.now() / 1000) - 600)],
		[
			'a timestamp from the future',
			() => signed(envelope(), SECRET, Math.floor(Date.now() / 1000) + 600),
		],
		['no signature header', () => ({ headers: {} })],
		['a malformed header', () => ({ headers: { 'unipile-signature': 'v0=zz' } })],
		[
			'a tampered body',
			() => ({
				...signed(envelope()),
				rawBody: Buffer.from(JSON.stringify(envelope({ type: 'message.new' }))),
			}),
		],
		['no stored secret', () => ({ staticData: {} })],
	];
	it.each(rejected)('answers 401 and starts nothing for %s', async (_name, make) => {
		const { result, response } = await deliver(envelope(), make());
		expect(response.statusCode).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('checks a call without reading the credential: the version is stored with the webhook', async () => {
		const event = envelope();
		const { context, response } = webhookContext({
			body: event,
			staticData: { apiVersion: 'v2', secret: SECRET },
			...signed(event),
		});
		let credentialReads = 0;
		Object.assign(context, {
			getCredentials: async () => {
				credentialReads++;
				throw new Error('not expected');
			},
		});
		const result = await trigger.webhook.call(context);
		expect({
			credentialReads,
			status: response.statusCode,
			items: result.workflowData?.[0],
		}).toEqual({
			credentialReads: 0,
			status: undefined,
			items: [expect.objectContaining({ json: expect.objectContaining({ event_id: event.id }) })],
		});
	});

	it('accepts unsigned calls only with Skip Signature Check', async () => {
		const { result } = await deliver(envelope(), {
			headers: {},
			staticData: {},
			parameters: { options: { skipSignatureCheck: true } },
		});
		expect(result.workflowData).toHaveLength(1);
	});

	it('answers 400 to a body that is not a Unipile event', async () => {
		const body = { hello: 'world' };
		const { result, response } = await deliver(body);
		expect(response.statusCode).toBe(400);
		expect(result.workflowData).toBeUndefined();
	});

	it('acknowledges events that are not selected, or of other accounts, without executing', async () => {
		const other = await deliver(envelope({ type: 'message.new' }));
		expect(other.response.statusCode).toBe(200);
		expect(other.result.workflowData).toBeUndefined();
		const account = await deliver(envelope(), { parameters: { accountIds: 'acc_someone_else' } });
		expect(account.result.workflowData).toBeUndefined();
	});

	it('remembers delivered events in static data: a retry after a restart starts nothing', async () => {
		const event = envelope();
		const staticData: IDataObject = { apiVersion: 'v2', secret: SECRET };
		const first = await deliver(event, { staticData, nodeId: 'restart-node' });
		expect(first.result.workflowData).toHaveLength(1);
		// A restarted n8n process: the node module is loaded again, the static data comes from the DB.
		await jest.isolateModulesAsync(async () => {
			const { UnipileTrigger: Reloaded } =
				await import('../../nodes/UnipileTrigger/UnipileTrigger.node');
			const { context, response } = webhookContext({
				body: event,
				staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
				nodeId: 'restart-node',
				...signed(event),
			});
			const again = await new Reloaded().webhook.call(context);
			expect(again.workflowData).toBeUndefined();
			expect(response).toEqual({
				statusCode: 200,
				body: { received: true, ignored: 'duplicate delivery' },
			});
		});
	});

	it('starts one execution when the same event is delivered twice', async () => {
		const event = envelope();
		const staticData = { apiVersion: 'v2', secret: SECRET };
		const first = await deliver(event, { staticData, nodeId: 'dedupe-node' });
		const second = await deliver(event, { staticData, nodeId: 'dedupe-node' });
		expect(first.result.workflowData).toHaveLength(1);
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response.statusCode).toBe(200);
	});

	const lanes: Array<[string, Array<'manual' | 'webhook'>, number[]]> = [
		['the Test URL, then the Production URL: both run', ['manual', 'webhook'], [1, 1]],
		['the Production URL, then the Test URL: both run', ['webhook', 'manual'], [1, 1]],
		['the Production URL twice: once', ['webhook', 'webhook'], [1, 0]],
	];
	it.each(lanes)('one signed event sent to %s', async (name, modes, runs) => {
		const event = envelope();
		const staticData = { apiVersion: 'v2', secret: SECRET };
		const started = [];
		for (const mode of modes) {
			const { result } = await deliver(event, { staticData, nodeId: `lanes-${name}`, mode });
			started.push(result.workflowData?.length ?? 0);
		}
		expect(started).toEqual(runs);
	});
});

describe('New Relation and Account Status on v2', () => {
	it('registers every event of the selection in one endpoint, by its v2 names', async () => {
		const data: IDataObject = {};
		const events = ['message.receipt.read', 'relation.new', 'account.status'];
		expect(await methods.create.call(hook(data, { events }))).toBe(true);
		const post = sandbox.requests.find((request) => request.method === 'POST');
		expect(post?.body).toEqual({
			trigger_events: [
				'account.status.disconnected',
				'account.status.errored',
				'account.status.paused',
				'account.status.running',
				'message.receipt.read',
				'relation.request.accept',
			],
			url: WEBHOOK_URL,
			description: 'n8n: Read receipts',
		});
		expect(await methods.checkExists.call(hook(data, { events }))).toBe(true);
		expect(await methods.checkExists.call(hook(data, { events: ['relation.new'] }))).toBe(false);
		expect(sandbox.webhooks()).toEqual([]);
	});

	it('starts one execution per new relation, with who it is, and none for a redelivery or a forgery', async () => {
		const received: Array<{ headers: Record<string, string>; raw: Buffer }> = [];
		const receiver = await startSandboxServer({
			onReset: () => {},
			handle: (request) => {
				received.push({
					headers: request.headers as Record<string, string>,
					raw: request.rawBody ?? Buffer.alloc(0),
				});
				return reply(200, {});
			},
		});
		try {
			const data: IDataObject = {};
			const parameters = { events: ['relation.new'] };
			await methods.create.call(
				hookContext({
					baseUrl: sandbox.baseUrl,
					apiKey: UNIPILE_SANDBOX.apiKey,
					serviceApiKey: UNIPILE_SANDBOX.serviceApiKey,
					webhookUrl: `${receiver.url}/webhook`,
					parameters,
					staticData: data,
				}),
			);
			/** The trigger's answer to what the sandbox just delivered. */
			const handle = async () => {
				const last = received[received.length - 1];
				const { context, response } = webhookContext({
					body: JSON.parse(last.raw.toString()) as unknown,
					rawBody: last.raw,
					headers: last.headers,
					parameters,
					staticData: data,
					nodeId: 'relation-node',
				});
				const result = await trigger.webhook.call(context);
				return {
					result,
					answer: { items: result.workflowData?.[0].length ?? 0, status: response.statusCode },
				};
			};
			await sandbox.emitNewRelation(UNIPILE_SANDBOX.userIds[1], { id: 'evt_relation_1' });
			const first = await handle();
			await sandbox.emitNewRelation(UNIPILE_SANDBOX.userIds[1], { id: 'evt_relation_1' });
			const again = await handle();
			await sandbox.emitNewRelation(UNIPILE_SANDBOX.userIds[2], { signature: 'forged' });
			const forged = await handle();
			expect([first.answer, again.answer, forged.answer]).toEqual([
				{ items: 1, status: undefined },
				{ items: 0, status: 200 },
				{ items: 0, status: 401 },
			]);
			expect(first.result.workflowData?.[0][0].json).toEqual({
				event_id: 'evt_relation_1',
				event: 'relation.new',
				account_id: UNIPILE_SANDBOX.accountId,
				created_at: expect.any(String),
				...NO_MESSAGE,
				relation_provider_id: UNIPILE_SANDBOX.userIds[1],
				relation_name: 'Contact 0002',
				relation_public_identifier: 'contact-0002',
				relation_profile_url: 'https://www.linkedin.com/in/contact-0002/',
				...NO_STATUS,
				payload: expect.objectContaining({ user_provider_id: UNIPILE_SANDBOX.userIds[1] }),
			});
		} finally {
			await receiver.close();
		}
	});

	const statuses: Array<[string, IDataObject, string, string]> = [
		[
			'account.status.disconnected',
			{ timestamp: '2026-11-25T10:00:00.000Z', product: 'classic' },
			'disconnected',
			'The account is disconnected: its credentials expired or were revoked. Reconnect it in Unipile. (product: classic)',
		],
		[
			'account.status.errored',
			{ timestamp: '2026-11-25T10:00:00.000Z', reason: 'proxy' },
			'errored',
			'The account is out of service (an outage at Unipile, the proxy or the provider). (reason: proxy)',
		],
		[
			'account.status.paused',
			{ timestamp: '2026-11-25T10:00:00.000Z' },
			'paused',
			'The account is paused: no Unipile subscription is active.',
		],
		['account.status.running', {}, 'running', 'The account is running.'],
	];
	it.each(statuses)('reads %s as Account Status', async (type, payload, status, message) => {
		const event = envelope({ type, payload });
		const { result } = await deliver(event, { parameters: { events: ['account.status'] } });
		expect(result.workflowData?.[0][0].json).toEqual({
			event_id: event.id,
			event: 'account.status',
			account_id: UNIPILE_SANDBOX.accountId,
			created_at: event.created_at,
			...NO_MESSAGE,
			...NO_RELATION,
			status,
			status_message: message,
			payload,
		});
	});

	it('reads relation.new (the name third-party receivers handle) as New Relation, with v1-style or nested fields', async () => {
		const event = envelope({
			type: 'relation.new',
			payload: {
				user: {
					id: 'ACoAAUser0009',
					first_name: 'Ana',
					last_name: 'Lima',
					public_identifier: 'ana-lima',
				},
			},
		});
		const { result } = await deliver(event, { parameters: { events: ['relation.new'] } });
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'relation.new',
			relation_provider_id: 'ACoAAUser0009',
			relation_name: 'Ana Lima',
			relation_public_identifier: 'ana-lima',
			relation_profile_url: 'https://www.linkedin.com/in/ana-lima/',
		});
	});
});

describe('accounts', () => {
	const cases: Array<[string, IDataObject]> = [
		['the list (version 1.1)', { accounts: [UNIPILE_SANDBOX.accountId] }],
		['the comma-separated IDs of version 1', { accountIds: ` ${UNIPILE_SANDBOX.accountId} ` }],
		[
			'both, as an expression giving a string',
			{ accounts: UNIPILE_SANDBOX.accountId, accountIds: UNIPILE_SANDBOX.accountId },
		],
	];
	it.each(cases)('registers and filters by %s', async (_name, parameters) => {
		const data: IDataObject = {};
		await methods.create.call(hook(data, parameters));
		const post = sandbox.requests.find((request) => request.method === 'POST');
		expect((post?.body as IDataObject).account_ids).toEqual([UNIPILE_SANDBOX.accountId]);
		expect(await methods.checkExists.call(hook(data, parameters))).toBe(true);
		const ours = await deliver(envelope(), { parameters });
		const theirs = await deliver(envelope({ account_id: 'acc_someone_else' }), { parameters });
		expect([ours.result.workflowData?.length, theirs.response.body]).toEqual([
			1,
			{ received: true, ignored: 'event not selected' },
		]);
	});

	it('lists the accounts of the key in the editor', async () => {
		const context = hook({}) as unknown as ILoadOptionsFunctions;
		expect(await trigger.methods.loadOptions.getAccounts.call(context)).toEqual([
			{ name: 'Demo LinkedIn (linkedin)', value: UNIPILE_SANDBOX.accountId },
		]);
	});
});

describe('the canvas subtitle', () => {
	it('names the selected events as the Events list does, and shows an unknown value as it is', () => {
		const node: INode = {
			id: 'subtitle',
			name: 'Unipile Trigger',
			type: 'unipileTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			parameters: {
				events: ['message.receipt.read', 'message.new', 'relation.new', 'later.event'],
			},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByNameAndVersion: () => undefined } as unknown as INodeTypes,
		});
		expect(
			workflow.expression.getSimpleParameterValue(
				node,
				trigger.description.subtitle,
				'internal',
				{},
			),
		).toBe('Message Read, Message Received, New Relation, later.event');
	});
});
