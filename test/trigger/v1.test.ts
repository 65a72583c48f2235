/**
 * The Unipile Trigger on API v1: it registers its own webhook with a secret header (v1 has no
 * signatures), accepts only deliveries that carry it, and maps v1's flat payload onto the v2 output.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { readV1, V1_STATUS_WINDOW_SECONDS } from '../../nodes/UnipileTrigger/event';
import { UnipileTrigger } from '../../nodes/UnipileTrigger/UnipileTrigger.node';
import type { UnipileV1Sandbox, V1Delivery } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import type { SandboxServer } from '../../tools/sandbox/server';
import { reply, startSandboxServer } from '../../tools/sandbox/server';
import { hookContext, webhookContext } from './fakes';

const trigger = new UnipileTrigger();
const methods = trigger.webhookMethods.default;
const CHAT = UNIPILE_V1_SANDBOX.chatIds[0];
const MESSAGE = UNIPILE_V1_SANDBOX.messageIds[1];

let sandbox: UnipileV1Sandbox;
/** Stands in for n8n's webhook URL: records what Unipile delivers. */
let receiver: SandboxServer;
beforeAll(async () => {
	sandbox = await startUnipileV1Sandbox();
	receiver = await startSandboxServer({ onReset: () => {}, handle: () => reply(200, {}) });
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(() => {
	sandbox.reset();
	receiver.reset();
});

const webhookUrl = () => `${receiver.url}/webhook/abc/webhook`;
const hook = (staticData: IDataObject, parameters: IDataObject = {}) =>
	hookContext({
		baseUrl: '',
		dsn: sandbox.dsn,
		apiKey: UNIPILE_V1_SANDBOX.apiKey,
		webhookUrl: webhookUrl(),
		parameters: { events: ['message.receipt.read'], accountIds: '', ...parameters },
		staticData,
	});

/** The trigger's answer to what Unipile delivered (one delivery). */
async function handled(
	delivery: V1Delivery[],
	staticData: IDataObject,
	parameters: IDataObject = {},
) {
	expect(delivery.map((entry) => entry.status)).toEqual([200]);
	const [received] = receiver.requests;
	const { context, response } = webhookContext({
		body: received.body ?? {},
		rawBody: received.rawBody,
		headers: received.headers as Record<string, string>,
		staticData,
		parameters,
		nodeId: 'v1-node',
		credentials: { apiVersion: 'v1' },
	});
	const result = await trigger.webhook.call(context);
	return { result, response };
}

describe('webhook lifecycle on v1', () => {
	it('creates POST /api/v1/webhooks with our secret header and a JSON content type', async () => {
		const data: IDataObject = {};
		expect(await methods.checkExists.call(hook(data))).toBe(false);
		expect(
			await methods.create.call(hook(data, { accountIds: UNIPILE_V1_SANDBOX.accountId })),
		).toBe(true);
		const post = sandbox.requests.find((request) => request.method === 'POST');
		expect(post?.path).toBe('/api/v1/webhooks');
		const [webhook] = sandbox.webhooks();
		expect(post?.body).toEqual({
			request_url: webhookUrl(),
			name: 'n8n: Read receipts',
			source: 'messaging',
			events: ['message_read'],
			format: 'json',
			account_ids: [UNIPILE_V1_SANDBOX.accountId],
			headers: [
				{ key: 'Content-Type', value: 'application/json' },
				{ key: 'Unipile-Auth', value: data.secret },
			],
		});
		expect(data).toEqual({
			webhookIds: { messaging: webhook.id },
			url: webhookUrl(),
			apiVersion: 'v1',
			secret: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(
			await methods.checkExists.call(hook(data, { accountIds: UNIPILE_V1_SANDBOX.accountId })),
		).toBe(true);
	});

	it('replaces it when the events change, and deletes it on deactivation', async () => {
		const data: IDataObject = {};
		await methods.create.call(hook(data));
		expect(await methods.checkExists.call(hook(data, { events: ['message.new'] }))).toBe(false);
		expect(sandbox.webhooks()).toHaveLength(0);
		await methods.create.call(hook(data, { events: ['message.new'] }));
		expect(sandbox.webhooks()[0].events).toEqual(['message_received']);
		expect(await methods.delete.call(hook(data))).toBe(true);
		expect(sandbox.webhooks()).toHaveLength(0);
		expect(data).toEqual({});
	});
});

describe('deliveries on v1', () => {
	it('runs once for a delivery with our header, with the v2 output fields', async () => {
		const data: IDataObject = {};
		await methods.create.call(hook(data));
		const { result } = await handled(await sandbox.emitMessageRead(CHAT, MESSAGE), data);
		const [item] = result.workflowData?.[0] ?? [];
		expect(item.json).toMatchObject({
			event: 'message.receipt.read',
			account_id: UNIPILE_V1_SANDBOX.accountId,
			chat_id: CHAT,
			message_id: MESSAGE,
			reader_id: null,
			reader_name: null,
			read_at: expect.any(String),
		});
		expect(item.json.event_id).toMatch(/^v1:message_read:/);
		expect((item.json.payload as IDataObject).event).toBe('message_read');
	});

	it('answers 401 and starts nothing without the header, or with another value', async () => {
		const data: IDataObject = {};
		await methods.create.call(hook(data));
		for (const headers of ['none', { 'Unipile-Auth': 'not-the-secret' }] as const) {
			receiver.reset();
			const { result, response } = await handled(
				await sandbox.emitMessageRead(CHAT, MESSAGE, { headers }),
				data,
			);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
		}
	});

	it('starts one execution when Unipile repeats a delivery', async () => {
		const data: IDataObject = {};
		await methods.create.call(hook(data));
		const first = await handled(await sandbox.emitMessageRead(CHAT, MESSAGE), data);
		receiver.reset();
		const again = await handled(
			await sandbox.emitMessageRead(CHAT, MESSAGE, { repeat: true }),
			data,
		);
		expect(first.result.workflowData).toHaveLength(1);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response).toEqual({
			statusCode: 200,
			body: { received: true, ignored: 'duplicate delivery' },
		});
	});
});

describe('New Relation and Account Status on v1', () => {
	const ALL = ['message.receipt.read', 'message.new', 'relation.new', 'account.status'];
	const headers = (secret: unknown) => [
		{ key: 'Content-Type', value: 'application/json' },
		{ key: 'Unipile-Auth', value: secret },
	];

	it('registers one webhook per source, replaces them all when the events change, deletes them all', async () => {
		const data: IDataObject = {};
		expect(await methods.create.call(hook(data, { events: ALL }))).toBe(true);
		const bodies = sandbox.requests
			.filter((request) => request.method === 'POST')
			.map((r) => r.body);
		const base = { request_url: webhookUrl(), name: 'n8n: Read receipts', format: 'json' };
		expect(bodies).toEqual([
			{ ...base, source: 'account_status', headers: headers(data.secret) },
			{
				...base,
				source: 'messaging',
				events: ['message_read', 'message_received'],
				headers: headers(data.secret),
			},
			{ ...base, source: 'users', headers: headers(data.secret) },
		]);
		const ids = Object.fromEntries(
			sandbox.webhooks().map((webhook) => [webhook.source, webhook.id]),
		);
		expect(data).toEqual({
			webhookIds: ids,
			url: webhookUrl(),
			apiVersion: 'v1',
			secret: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(sandbox.webhooks().find((webhook) => webhook.source === 'users')?.events).toEqual([
			'new_relation',
		]);
		expect(await methods.checkExists.call(hook(data, { events: ALL }))).toBe(true);

		sandbox.requests.length = 0;
		expect(await methods.checkExists.call(hook(data, { events: ['relation.new'] }))).toBe(false);
		expect(
			sandbox.requests
				.filter((r) => r.method === 'DELETE')
				.map((r) => r.path)
				.sort(),
		).toEqual(
			Object.values(ids)
				.map((id) => `/api/v1/webhooks/${id}`)
				.sort(),
		);
		expect([data, sandbox.webhooks()]).toEqual([{}, []]);

		await methods.create.call(hook(data, { events: ['relation.new', 'account.status'] }));
		expect(sandbox.webhooks().map((webhook) => webhook.source)).toEqual([
			'account_status',
			'users',
		]);
		expect(await methods.delete.call(hook(data))).toBe(true);
		expect([data, sandbox.webhooks()]).toEqual([{}, []]);
	});

	it('keeps the messaging webhook an earlier version registered', async () => {
		const data: IDataObject = {};
		await methods.create.call(hook(data));
		const earlier: IDataObject = {
			endpointId: (data.webhookIds as IDataObject).messaging,
			url: data.url,
			apiVersion: 'v1',
			secret: data.secret,
		};
		expect(await methods.checkExists.call(hook(earlier))).toBe(true);
		expect(earlier).toEqual(data);
		expect(sandbox.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
	});

	it('removes what it made when a later webhook is refused, and says why', async () => {
		const data: IDataObject = {};
		const context = hook(data, { events: ALL });
		const send = context.helpers.httpRequestWithAuthentication;
		let posts = 0;
		context.helpers.httpRequestWithAuthentication = async function (type, request) {
			if (request.method === 'POST' && ++posts === 2) {
				return {
					statusCode: 400,
					headers: {},
					body: { status: 400, title: 'Invalid parameters', type: 'errors/invalid_parameters' },
				};
			}
			return await send.call(this, type, request);
		};
		await expect(methods.create.call(context)).rejects.toThrow();
		expect(sandbox.webhooks()).toEqual([]);
		expect(data).toEqual({});
	});

	it('runs once per new relation, with who it is; a redelivery runs nothing, a call without the header is refused', async () => {
		const data: IDataObject = {};
		const parameters = { events: ['relation.new'] };
		await methods.create.call(hook(data, parameters));
		const first = await handled(await sandbox.emitNewRelation(), data, parameters);
		const [item] = first.result.workflowData?.[0] ?? [];
		expect(item.json).toEqual({
			event_id: expect.stringMatching(/^v1:new_relation:[A-Za-z0-9_-]{43}$/),
			event: 'relation.new',
			account_id: UNIPILE_V1_SANDBOX.accountId,
			created_at: null,
			chat_id: null,
			message_id: null,
			reader_id: null,
			reader_name: null,
			read_at: null,
			sender_id: null,
			text: null,
			reaction: null,
			relation_provider_id: UNIPILE_V1_SANDBOX.userIds[0],
			relation_name: expect.any(String),
			relation_public_identifier: 'contact-er0001',
			relation_profile_url: 'https://www.linkedin.com/in/contact-er0001/',
			status: null,
			status_message: null,
			payload: expect.objectContaining({ event: 'new_relation' }),
		});
		receiver.reset();
		const again = await handled(await sandbox.emitNewRelation({ repeat: true }), data, parameters);
		expect(again.response.body).toEqual({ received: true, ignored: 'duplicate delivery' });
		receiver.reset();
		const forged = await handled(
			await sandbox.emitNewRelation({ headers: 'none' }),
			data,
			parameters,
		);
		expect(forged.response.statusCode).toBe(401);
	});

	it('runs once per account status, with what it means', async () => {
		const data: IDataObject = {};
		const parameters = { events: ['account.status'] };
		await methods.create.call(hook(data, parameters));
		const first = await handled(await sandbox.emitAccountStatus('CREDENTIALS'), data, parameters);
		expect(first.result.workflowData?.[0][0].json).toMatchObject({
			event: 'account.status',
			account_id: UNIPILE_V1_SANDBOX.accountId,
			status: 'disconnected',
			status_message:
				'The account needs its credentials or a checkpoint validated: its session ended. Reconnect it in Unipile.',
			payload: {
				AccountStatus: {
					account_id: UNIPILE_V1_SANDBOX.accountId,
					account_type: 'LINKEDIN',
					message: 'CREDENTIALS',
				},
			},
		});
		receiver.reset();
		const again = await handled(
			await sandbox.emitAccountStatus('CREDENTIALS', { repeat: true }),
			data,
			parameters,
		);
		expect(again.response.body).toEqual({ received: true, ignored: 'duplicate delivery' });
		receiver.reset();
		const back = await handled(await sandbox.emitAccountStatus('OK'), data, parameters);
		expect(back.result.workflowData?.[0][0].json).toMatchObject({ status: 'running' });
	});
});

describe('v1 event identity (no event ID: the content decides)', () => {
	const base = {
		event: 'message_reaction',
		account_id: 'acc_v1',
		account_type: 'LINKEDIN',
		chat_id: 'chat_1',
		message_id: 'msg_1',
		timestamp: '2026-11-25T10:00:00.000Z',
		webhook_name: 'n8n: Read receipts',
		reaction: '👍',
		reaction_sender: { attendee_provider_id: 'ACoAAV1User0001' },
	};
	const reordered = (body: IDataObject) =>
		Object.fromEntries(Object.entries(body).reverse()) as IDataObject;
	const cases: Array<[string, IDataObject, IDataObject, boolean]> = [
		['a redelivery (same body)', base, { ...base }, true],
		['a redelivery with its keys in another order', base, reordered(base), true],
		[
			"a second person's reaction to the same message at the same time",
			base,
			{ ...base, reaction_sender: { attendee_provider_id: 'ACoAAV1User0002' } },
			false,
		],
		['another reaction by the same person', base, { ...base, reaction: '🎉' }, false],
		[
			'two edits of one message at the same time',
			{ ...base, event: 'message_edited', message: 'Hi Ana' },
			{ ...base, event: 'message_edited', message: 'Hi Anna' },
			false,
		],
		[
			'an edit and a delete of one message',
			{ ...base, event: 'message_edited' },
			{ ...base, event: 'message_deleted' },
			false,
		],
		[
			'two new relations',
			{ event: 'new_relation', account_id: 'acc_v1', user_provider_id: 'ACoAAV1User0001' },
			{ event: 'new_relation', account_id: 'acc_v1', user_provider_id: 'ACoAAV1User0002' },
			false,
		],
	];
	it.each(cases)('%s: one event: %s', (_name, first, second, same) => {
		const a = readV1(first);
		const b = readV1(second);
		expect(a && b && a.id === b.id).toBe(same);
	});

	it('an account status is one event per account, status and hour of arrival', () => {
		const body = (message: string) => ({
			AccountStatus: { account_id: 'acc_v1', account_type: 'LINKEDIN', message },
		});
		const hour = V1_STATUS_WINDOW_SECONDS * 1000;
		const t = Date.UTC(2026, 10, 25, 10, 5);
		const id = (message: string, at: number) => readV1(body(message), at)?.id;
		expect(id('CREDENTIALS', t)).toBe(id('CREDENTIALS', t + 30 * 60 * 1000));
		expect(id('CREDENTIALS', t)).not.toBe(id('OK', t));
		expect(id('CREDENTIALS', t)).not.toBe(id('CREDENTIALS', t + hour));
	});
});

describe('the account list on v1', () => {
	it('lists LinkedIn accounts only (a v1 key also holds WhatsApp and others)', async () => {
		const context = hook({}) as unknown as ILoadOptionsFunctions;
		expect(await trigger.methods.loadOptions.getAccounts.call(context)).toEqual([
			{ name: 'Demo LinkedIn (v1) (LINKEDIN)', value: UNIPILE_V1_SANDBOX.accountId },
		]);
		expect(sandbox.requests.map((request) => request.path)).toEqual(['/api/v1/accounts']);
	});
});
