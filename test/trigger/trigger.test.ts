import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { UnipileTrigger } from '../../nodes/UnipileTrigger/UnipileTrigger.node';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
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
