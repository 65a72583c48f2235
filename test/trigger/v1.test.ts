/**
 * The Unipile Trigger on API v1: it registers its own webhook with a secret header (v1 has no
 * signatures), accepts only deliveries that carry it, and maps v1's flat payload onto the v2 output.
 */
import type { IDataObject } from 'n8n-workflow';

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
async function handled(delivery: V1Delivery[], staticData: IDataObject) {
	expect(delivery.map((entry) => entry.status)).toEqual([200]);
	const [received] = receiver.requests;
	const { context, response } = webhookContext({
		body: received.body ?? {},
		rawBody: received.rawBody,
		headers: received.headers as Record<string, string>,
		staticData,
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
			endpointId: webhook.id,
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
