import { createHmac } from 'crypto';
import FormData from 'form-data';

import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import type { SandboxServer } from '../../tools/sandbox/server';
import { reply, startSandboxServer } from '../../tools/sandbox/server';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';

let sandbox: ConnectSafelySandbox;
beforeAll(async () => (sandbox = await startConnectSafelySandbox()));
afterAll(async () => await sandbox.close());

const auth = { authorization: `Bearer ${CONNECTSAFELY_SANDBOX.apiKey}` };
const uploadUrl = () => `${sandbox.url}/linkedin/conversations/upload-attachment?filename=logo.png`;

it('rejects a multipart upload, as the API wants the raw file', async () => {
	const form = new FormData();
	form.append('file', Buffer.from('png bytes'), { filename: 'logo.png', contentType: 'image/png' });
	const response = await fetch(uploadUrl(), {
		method: 'POST',
		headers: { ...auth, ...form.getHeaders() },
		body: form.getBuffer(),
	});
	expect(response.status).toBe(400);
	expect(await response.json()).toMatchObject({ success: false, code: 'validation_error' });
});

it('accepts the raw file with its MIME type', async () => {
	const response = await fetch(uploadUrl(), {
		method: 'POST',
		headers: { ...auth, 'content-type': 'image/png' },
		body: Buffer.from('png bytes'),
	});
	expect(response.status).toBe(200);
	expect(await response.json()).toMatchObject({
		success: true,
		attachment: { name: 'logo.png', mediaType: 'image/png', byteSize: 9 },
	});
});

it('refuses a wrong key', async () => {
	const response = await fetch(`${sandbox.url}/linkedin/accounts`, {
		headers: { authorization: 'Bearer nope' },
	});
	expect(response.status).toBe(401);
});

describe('webhook deliveries', () => {
	/** Plays the n8n webhook: records each call and answers `answerWith`. */
	let receiver: SandboxServer;
	let receiverUrl: string;
	let answerWith = 200;
	const received = () =>
		receiver.requests.map((request) => ({ headers: request.headers, raw: request.rawBody }));

	beforeAll(async () => {
		receiver = await startSandboxServer({ handle: () => reply(answerWith), onReset: () => {} });
		receiverUrl = `${receiver.url}/webhook/x/webhook`;
	});
	afterAll(async () => await receiver.close());
	beforeEach(() => {
		receiver.reset();
		answerWith = 200;
		sandbox.reset();
	});

	const hmac = (raw: Buffer, secret = CONNECTSAFELY_SANDBOX.webhookSecret) =>
		`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

	const deliver = async (body: unknown) => {
		const response = await fetch(`${sandbox.url}/__sandbox/deliver-message`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	it('POSTs a signed message.received envelope and answers with the receiver status', async () => {
		const result = await deliver({ url: receiverUrl, text: 'Not now, thanks' });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			status: 200,
			id: expect.stringMatching(/^urn:li:messagingMessage:2-/),
		});
		expect(received()).toHaveLength(1);
		const [{ headers, raw }] = received();
		expect(headers['content-type']).toBe('application/json');
		expect(headers['x-webhook-signature']).toBe(hmac(raw));
		expect(headers['x-webhook-timestamp']).toBeUndefined();
		const envelope = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
		expect(envelope).toEqual({
			event: 'message.received',
			object: 'event',
			data: {
				id: result.body.id,
				message_urn: result.body.id,
				account_id: CONNECTSAFELY_SANDBOX.accountId,
				provider: 'LINKEDIN',
				sender: {
					id: CONNECTSAFELY_SANDBOX.profileUrns[0],
					name: 'Contact ana-demo-1',
					profile_url: null,
					profile_picture: null,
				},
				body: 'Not now, thanks',
				timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
				conversation_id: `urn:li:messagingThread:2-${Buffer.from('demo-thread-1').toString('base64')}`,
				attachments: [],
			},
		});
		// The reply is now in the conversation, as the API would show it.
		const messages = await fetch(
			`${sandbox.url}/linkedin/conversations/${encodeURIComponent(CONNECTSAFELY_SANDBOX.conversationUrns[0])}/messages`,
			{ headers: auth },
		);
		expect(((await messages.json()) as { messages: unknown[] }).messages[0]).toMatchObject({
			messageUrn: result.body.id,
			text: 'Not now, thanks',
			isSentByOwner: false,
		});
	});

	it('forges, leaves unsigned, replays an id and sends timestamps on request', async () => {
		answerWith = 401;
		expect((await sandbox.deliverMessage({ url: receiverUrl, signature: 'forged' })).status).toBe(
			401,
		);
		await sandbox.deliverMessage({ url: receiverUrl, signature: 'none', timestamp: 'now' });
		await sandbox.deliverMessage({
			url: receiverUrl,
			id: 'urn:li:messagingMessage:2-same',
			timestamp: 'stale',
		});
		await sandbox.deliverMessage({
			url: receiverUrl,
			id: 'urn:li:messagingMessage:2-same',
			conversationUrn: CONNECTSAFELY_SANDBOX.conversationUrns[2],
			senderId: 'urn:li:fsd_profile:ACoAAOther',
		});
		const [forged, unsigned, stale, replay] = received();
		expect(forged.headers['x-webhook-signature']).toBe(hmac(forged.raw, 'not-the-secret'));
		expect(unsigned.headers['x-webhook-signature']).toBeUndefined();
		const now = Math.floor(Date.now() / 1000);
		expect(Math.abs(Number(unsigned.headers['x-webhook-timestamp']) - now)).toBeLessThanOrEqual(2);
		expect(
			Math.abs(Number(stale.headers['x-webhook-timestamp']) - (now - 600)),
		).toBeLessThanOrEqual(2);
		const replayed = JSON.parse(replay.raw.toString('utf8')) as {
			data: { id: string; conversation_id: string; sender: { id: string } };
		};
		expect(replayed.data).toMatchObject({
			id: 'urn:li:messagingMessage:2-same',
			conversation_id: `urn:li:messagingThread:2-${Buffer.from('demo-thread-3').toString('base64')}`,
			sender: { id: 'urn:li:fsd_profile:ACoAAOther' },
		});
		expect(JSON.parse(stale.raw.toString('utf8')).data.id).toBe('urn:li:messagingMessage:2-same');
	});

	it('refuses an off-spec admin call', async () => {
		expect((await deliver({ text: 'no url' })).status).toBe(400);
		expect((await deliver({ url: receiverUrl, signature: 'maybe' })).status).toBe(400);
		expect((await deliver({ url: receiverUrl, extra: true })).status).toBe(400);
		expect(received()).toHaveLength(0);
	});
});
