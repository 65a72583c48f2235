import { createHmac } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { ConnectSafelyTrigger } from '../../nodes/ConnectSafelyTrigger/ConnectSafelyTrigger.node';
import { parseTimestamp } from '../../nodes/ConnectSafelyTrigger/signature';
import type { WebhookCall } from './fakes';
import { webhookContext } from './fakes';

const SECRET = 'example-connectsafely-webhook-secret';
const ACCOUNT = '65fa1c0d2e3f4a5b6c7d8e9f';
const trigger = new ConnectSafelyTrigger();
const methods = trigger.webhookMethods.default;

let counter = 0;
function message(overrides: IDataObject = {}): IDataObject {
	const id = `urn:li:messagingMessage:2-test${++counter}`;
	return {
		id,
		message_urn: id,
		account_id: ACCOUNT,
		provider: 'LINKEDIN',
		sender: {
			id: 'urn:li:fsd_profile:ACoAAJane',
			name: 'Jane Doe',
			profile_url: null,
			profile_picture: 'https://media.licdn.com/jane.jpg',
		},
		body: 'Sounds interesting, tell me more',
		timestamp: '2026-05-12T14:33:21.000Z',
		conversation_id: 'urn:li:messagingThread:2-thread1',
		attachments: [],
		...overrides,
	};
}

const envelope = (data: IDataObject = message(), event = 'message.received') => ({
	event,
	object: 'event',
	data,
});

const sign = (raw: Buffer, secret = SECRET) =>
	`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

function signed(body: unknown, headers: Record<string, string> = {}) {
	const rawBody = Buffer.from(JSON.stringify(body));
	return { rawBody, headers: { 'x-webhook-signature': sign(rawBody), ...headers } };
}

let nodeCounter = 0;
async function deliver(body: unknown, extra: Partial<WebhookCall> = {}) {
	const call: WebhookCall = {
		body,
		staticData: {},
		credentials: { apiKey: 'example-key', webhookSigningSecret: SECRET },
		nodeId: `cs-node-${++nodeCounter}`,
		...signed(body),
		...extra,
	};
	const { context, response } = webhookContext(call);
	const result = await trigger.webhook.call(context);
	return { result, response };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('ConnectSafely Trigger webhook', () => {
	it('starts one execution with the flat message item', async () => {
		const data = message({
			attachments: [{ type: 'image', url: 'https://media.licdn.com/a.png' }],
		});
		const { result, response } = await deliver(envelope(data));
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData).toHaveLength(1);
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toEqual({
			message_id: data.id,
			message_urn: data.id,
			conversation_id: 'urn:li:messagingThread:2-thread1',
			account_id: ACCOUNT,
			sender_id: 'urn:li:fsd_profile:ACoAAJane',
			sender_name: 'Jane Doe',
			sender_profile_url: null,
			sender_profile_picture: 'https://media.licdn.com/jane.jpg',
			provider: 'LINKEDIN',
			text: 'Sounds interesting, tell me more',
			timestamp: '2026-05-12T14:33:21.000Z',
			attachments: [{ type: 'image', url: 'https://media.licdn.com/a.png' }],
			payload: data,
		});
	});

	it('gives absent optional fields as null and attachments as []', async () => {
		const data = message();
		delete data.body;
		delete data.attachments;
		delete data.message_urn;
		delete data.provider;
		data.sender = { id: 'urn:li:fsd_profile:ACoAAAnon' };
		const { result } = await deliver(envelope(data));
		expect(result.workflowData?.[0][0].json).toMatchObject({
			message_urn: null,
			provider: null,
			sender_id: 'urn:li:fsd_profile:ACoAAAnon',
			sender_name: null,
			sender_profile_url: null,
			sender_profile_picture: null,
			text: null,
			attachments: [],
		});
	});

	const rejected: Array<[string, () => Partial<WebhookCall>, string]> = [
		[
			'a forged signature (wrong secret)',
			() => {
				const body = envelope();
				const rawBody = Buffer.from(JSON.stringify(body));
				return { body, rawBody, headers: { 'x-webhook-signature': sign(rawBody, 'guess') } };
			},
			'Invalid signature: signature does not match',
		],
		[
			'a tampered body',
			() => {
				const original = signed(envelope());
				const body = envelope(message({ body: 'changed' }));
				return { ...original, body, rawBody: Buffer.from(JSON.stringify(body)) };
			},
			'Invalid signature: signature does not match',
		],
		[
			'no signature header',
			() => ({ headers: {} }),
			'Invalid signature: missing X-Webhook-Signature header',
		],
		[
			'a bare hex signature',
			() => ({ headers: { 'x-webhook-signature': 'ab'.repeat(32) } }),
			'Invalid signature: malformed X-Webhook-Signature header',
		],
		[
			'a short signature',
			() => ({ headers: { 'x-webhook-signature': 'sha256=abcd' } }),
			'Invalid signature: malformed X-Webhook-Signature header',
		],
		[
			'a non-hex signature',
			() => ({ headers: { 'x-webhook-signature': `sha256=${'zz'.repeat(32)}` } }),
			'Invalid signature: malformed X-Webhook-Signature header',
		],
		[
			'a stale timestamp (unix seconds)',
			() => signed(envelope(), { 'x-webhook-timestamp': String(nowSeconds() - 301) }),
			'Invalid timestamp: X-Webhook-Timestamp outside the 5-minute window (set Options → Timestamp Window to 0 to ignore this header)',
		],
		[
			'a future timestamp (milliseconds)',
			() => signed(envelope(), { 'x-webhook-timestamp': String((nowSeconds() + 400) * 1000) }),
			'Invalid timestamp: X-Webhook-Timestamp outside the 5-minute window (set Options → Timestamp Window to 0 to ignore this header)',
		],
		[
			'an unparseable timestamp',
			() => signed(envelope(), { 'x-webhook-timestamp': 'yesterday' }),
			'Invalid timestamp: unparseable X-Webhook-Timestamp header (set Options → Timestamp Window to 0 to ignore this header)',
		],
		[
			'no signing secret in the credential',
			() => ({ credentials: { apiKey: 'example-key' } }),
			'Refused: no signing secret configured',
		],
	];
	it.each(rejected)('answers 401 and starts nothing for %s', async (_name, make, message) => {
		const { result, response } = await deliver(envelope(), make());
		expect(response).toEqual({ statusCode: 401, body: { message } });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(JSON.stringify(response)).not.toContain(SECRET);
	});

	it('accepts a timestamp within 5 minutes, as seconds, milliseconds or ISO', async () => {
		for (const value of [
			String(nowSeconds() - 250),
			String(Date.now() + 60_000),
			new Date(Date.now() - 120_000).toISOString(),
		]) {
			const body = envelope();
			const { result } = await deliver(body, signed(body, { 'x-webhook-timestamp': value }));
			expect({ value, items: result.workflowData?.[0].length }).toEqual({ value, items: 1 });
		}
	});

	const windows: Array<[string, IDataObject, string, boolean]> = [
		['window 0: an unparseable header is ignored', { timestampWindow: 0 }, 'yesterday', true],
		[
			'window 0: a day-old header is ignored',
			{ timestampWindow: 0 },
			String(nowSeconds() - 86400),
			true,
		],
		[
			'window 60: 30 minutes old passes',
			{ timestampWindow: 60 },
			String(nowSeconds() - 1800),
			true,
		],
		[
			'window 60: 61 minutes old is refused',
			{ timestampWindow: 60 },
			String(nowSeconds() - 3660),
			false,
		],
		['default window: 6 minutes old is refused', {}, String(nowSeconds() - 360), false],
	];
	it.each(windows)('X-Webhook-Timestamp, %s', async (_name, options, value, runs) => {
		const body = envelope();
		const { result, response } = await deliver(body, {
			...signed(body, { 'x-webhook-timestamp': value }),
			parameters: { options },
		});
		expect({ items: result.workflowData?.[0].length ?? 0, status: response.statusCode }).toEqual(
			runs ? { items: 1, status: undefined } : { items: 0, status: 401 },
		);
	});

	const secrets: Array<[string, string]> = [
		['a trailing space', `${SECRET} `],
		['a trailing line break', `${SECRET}\n`],
		['spaces and line breaks around it', `  \r\n${SECRET}\r\n `],
	];
	it.each(secrets)('accepts a signing secret pasted with %s', async (_name, pasted) => {
		const { result } = await deliver(envelope(), {
			credentials: { apiKey: 'example-key', webhookSigningSecret: pasted },
		});
		expect(result.workflowData?.[0]).toHaveLength(1);
		await expect(
			methods.create.call(activationHook({ webhookSigningSecret: pasted })),
		).resolves.toBe(true);
	});

	it('parses X-Webhook-Timestamp forms', () => {
		expect(parseTimestamp('1778596401')).toBe(1778596401);
		expect(parseTimestamp('1778596401500')).toBe(1778596401.5);
		expect(parseTimestamp('2026-05-12T14:33:21.000Z')).toBe(1778596401);
		expect(parseTimestamp('2026-05-12T16:33:21+02:00')).toBe(1778596401);
		for (const bad of ['', 'soon', '2026-05-12', '12/05/2026', '-5', '1e9', '2026-13-45T99:99Z'])
			expect({ bad, parsed: parseTimestamp(bad) }).toEqual({ bad, parsed: undefined });
	});

	const notEnvelopes: Array<[string, unknown]> = [
		['a non-envelope', { hello: 'world' }],
		['data that is not an object', { event: 'message.received', object: 'event', data: 'hi' }],
		['a message without an id', envelope(message({ id: '' }))],
		['a message without a conversation', envelope(message({ conversation_id: undefined }))],
		['a message without a sender id', envelope(message({ sender: { name: 'Jane' } }))],
		['a camelCase payload', envelope({ conversationUrn: 'urn:li:x', accountId: ACCOUNT })],
	];
	it.each(notEnvelopes)('answers 400 to a signed body that is %s', async (_name, body) => {
		const { result, response } = await deliver(body);
		expect(response.statusCode).toBe(400);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('acknowledges other events without executing', async () => {
		const { result, response } = await deliver(envelope(message(), 'message.sent'));
		expect(response).toEqual({
			statusCode: 200,
			body: { received: true, ignored: 'event not handled' },
		});
		expect(result.workflowData).toBeUndefined();
	});

	it('starts one execution when the same message is delivered twice, and remembers it', async () => {
		const body = envelope();
		const staticData: IDataObject = {};
		const first = await deliver(body, { staticData, nodeId: 'cs-dedupe' });
		const second = await deliver(body, { staticData, nodeId: 'cs-dedupe' });
		expect(first.result.workflowData).toHaveLength(1);
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response).toEqual({
			statusCode: 200,
			body: { received: true, ignored: 'duplicate delivery' },
		});
		expect(Object.keys(staticData.recentEvents as IDataObject)).toHaveLength(1);
	});

	const lanes: Array<[string, Array<'manual' | 'webhook'>, number[]]> = [
		['the Test URL, then the Production URL: both run', ['manual', 'webhook'], [1, 1]],
		['the Production URL, then the Test URL: both run', ['webhook', 'manual'], [1, 1]],
		['the Test URL twice: once', ['manual', 'manual'], [1, 0]],
	];
	it.each(lanes)('one signed message sent to %s', async (name, modes, runs) => {
		const body = envelope();
		const staticData: IDataObject = {};
		const started = [];
		for (const mode of modes) {
			const { result } = await deliver(body, { staticData, nodeId: `cs-lanes-${name}`, mode });
			started.push(result.workflowData?.length ?? 0);
		}
		expect(started).toEqual(runs);
	});

	const allowLists: Array<[string, IDataObject, boolean]> = [
		['listed in Only These Accounts', { onlyAccounts: ` other1 , ${ACCOUNT}` }, true],
		['not listed in Only These Accounts', { onlyAccounts: 'other1' }, false],
		[
			'listed in both lists (ignoring wins)',
			{ onlyAccounts: ACCOUNT, ignoreAccounts: ACCOUNT },
			false,
		],
		['with both lists empty', { onlyAccounts: '', ignoreAccounts: '' }, true],
	];
	it.each(allowLists)('a message of an account %s runs: %s', async (_name, options, runs) => {
		const staticData: IDataObject = {};
		const { result, response } = await deliver(envelope(), { staticData, parameters: { options } });
		expect({ items: result.workflowData?.[0].length ?? 0, body: response.body }).toEqual(
			runs
				? { items: 1, body: undefined }
				: { items: 0, body: { received: true, ignored: 'account ignored' } },
		);
	});

	it('acknowledges messages of ignored accounts without executing or remembering them', async () => {
		const staticData: IDataObject = {};
		const options = { options: { ignoreAccounts: ` other1 , ${ACCOUNT}` } };
		const body = envelope();
		const ignored = await deliver(body, { staticData, parameters: options });
		expect(ignored.response).toEqual({
			statusCode: 200,
			body: { received: true, ignored: 'account ignored' },
		});
		expect(ignored.result.workflowData).toBeUndefined();
		expect(staticData).toEqual({});
		const kept = await deliver(envelope(), {
			parameters: { options: { ignoreAccounts: 'other1' } },
		});
		expect(kept.result.workflowData).toHaveLength(1);
	});
});

const activationHook = (credentials: IDataObject) =>
	({
		getCredentials: async () => credentials,
		getNode: () => ({ id: 'n1', name: 'ConnectSafely Trigger', type: 'x', typeVersion: 1 }),
	}) as unknown as IHookFunctions;

describe('ConnectSafely Trigger activation', () => {
	const hook = activationHook;

	it('has nothing to register at ConnectSafely', async () => {
		const context = hook({ webhookSigningSecret: SECRET });
		expect(await methods.checkExists.call(context)).toBe(false);
		expect(await methods.create.call(context)).toBe(true);
		expect(await methods.delete.call(context)).toBe(true);
	});

	it('refuses to activate without a signing secret', async () => {
		for (const credentials of [{ apiKey: 'example-key' }, { webhookSigningSecret: ' \n ' }]) {
			await expect(methods.create.call(hook(credentials))).rejects.toThrow(
				'No webhook signing secret configured',
			);
		}
	});
});
