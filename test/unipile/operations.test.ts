import type { IDataObject } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { binaryItem, jsonOf, NO_PACING } from '../engine';
import { ACCOUNT, apiRequests, CHAT, runUnipile } from './helpers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const USER = UNIPILE_SANDBOX.userIds[0];
const MESSAGE = UNIPILE_SANDBOX.messageIds[0];

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

function lastRequest() {
	const requests = apiRequests(sandbox);
	expect(requests.length).toBeGreaterThan(0);
	return requests[requests.length - 1];
}

describe('Chat', () => {
	it('Start sends users_ids as a string from the chosen inbox, with the API key', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'start',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: USER,
			text: 'Hello Ana',
			...NO_PACING,
		});
		expect(result.status).toBe('success');
		const request = lastRequest();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/v2/${ACCOUNT}/inboxes/CLASSIC_PRIMARY/chats/send`);
		expect(request.headers['x-api-key']).toBe(UNIPILE_SANDBOX.apiKey);
		expect(request.body).toEqual({ users_ids: USER, text: 'Hello Ana' });
		const [output] = jsonOf(result.output('Unipile'));
		expect(output).toMatchObject({ object: 'ChatStarted', chat_id: expect.any(String) });
		expect(output.message_ids).toEqual([output.message_id]);
	});

	it('Start with InMail sends specifics.linkedin.classic.inmail and a base64 attachment', async () => {
		const result = await runUnipile(
			sandbox,
			{
				resource: 'chat',
				operation: 'startInMail',
				inbox: rl('CLASSIC_PRIMARY'),
				userId: USER,
				text: 'Hi from InMail',
				attachments: { files: [{ binaryProperty: 'photo', sendMode: 'native' }] },
				...NO_PACING,
			},
			{
				inputItems: [
					binaryItem({}, { photo: { data: PNG, mimeType: 'image/png', fileName: 'logo.png' } }),
				],
			},
		);
		expect(result.status).toBe('success');
		expect(lastRequest().body).toEqual({
			users_ids: USER,
			text: 'Hi from InMail',
			specifics: { linkedin: { classic: { inmail: true } } },
			attachments: [
				{
					content: PNG.toString('base64'),
					content_type: 'image/png',
					filename: 'logo.png',
					send_mode: 'native',
				},
			],
		});
		// Text and file may come back as two message IDs: both are output, the first as message_id.
		const [output] = jsonOf(result.output('Unipile'));
		expect(Array.isArray(output.message_ids)).toBe(true);
		expect(output.message_id).toBe((output.message_ids as string[])[0]);
	});

	it('Start Group sends an array and the group name', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'startGroup',
			inbox: rl('CLASSIC_PRIMARY'),
			userIds: `${UNIPILE_SANDBOX.userIds[0]}, ${UNIPILE_SANDBOX.userIds[1]}`,
			groupName: 'Q3 Partnership',
			text: 'Welcome both',
			...NO_PACING,
		});
		expect(result.status).toBe('success');
		expect(lastRequest().body).toEqual({
			users_ids: [UNIPILE_SANDBOX.userIds[0], UNIPILE_SANDBOX.userIds[1]],
			name: 'Q3 Partnership',
			text: 'Welcome both',
		});
	});

	it('Message Applicant sends the applicant id and messaging token', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'messageApplicant',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: USER,
			applicantId: 'app_42',
			messagingToken: 'token-from-applicant',
			text: 'Are you available for an interview?',
			...NO_PACING,
		});
		expect(result.status).toBe('success');
		expect(lastRequest().body).toEqual({
			users_ids: USER,
			text: 'Are you available for an interview?',
			specifics: {
				linkedin: {
					classic: { applicant: { id: 'app_42', messaging_token: 'token-from-applicant' } },
				},
			},
		});
	});

	it('Message Organization sends the company topic', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'messageOrganization',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: '1035',
			companyTopic: 'CAREERS',
			text: 'Are you hiring?',
			...NO_PACING,
		});
		expect(result.status).toBe('success');
		expect(lastRequest().body).toEqual({
			users_ids: '1035',
			text: 'Are you hiring?',
			specifics: { linkedin: { classic: { company_topic: 'CAREERS' } } },
		});
	});

	it('Get Many follows next_cursor until the end with Return All', async () => {
		// 230 chats: pages of 100, 100 and 30.
		const big = await startUnipileSandbox({ chatCount: 230 });
		try {
			const result = await runUnipile(big, {
				resource: 'chat',
				operation: 'getAll',
				returnAll: true,
			});
			expect(result.status).toBe('success');
			const pages = apiRequests(big);
			expect(
				pages.map(
					(request) => `${request.path} ${request.query.limit} ${request.query.cursor ?? '-'}`,
				),
			).toEqual([
				`/v2/${ACCOUNT}/chats 100 -`,
				`/v2/${ACCOUNT}/chats 100 ${Buffer.from('100').toString('base64url')}`,
				`/v2/${ACCOUNT}/chats 100 ${Buffer.from('200').toString('base64url')}`,
			]);
			const ids = jsonOf(result.output('Unipile')).map((chat) => chat.id);
			expect(new Set(ids).size).toBe(230);
		} finally {
			await big.close();
		}
	});

	it('Get Many stops at the limit, passes filters, and simplifies', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { isUnread: true, type: '1to1' },
		});
		expect(result.status).toBe('success');
		expect(apiRequests(sandbox)[0].query).toMatchObject({
			limit: '3',
			is_unread: 'true',
			type: '1to1',
		});
		const chats = jsonOf(result.output('Unipile'));
		expect(chats.length).toBeLessThanOrEqual(3);
		for (const chat of chats)
			expect(Object.keys(chat).every((key) => !['participants', 'object'].includes(key))).toBe(
				true,
			);
	});
});

describe('Message', () => {
	it('Send posts text to the chat', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'message',
			operation: 'send',
			chat: rl(CHAT),
			text: 'Following up',
			...NO_PACING,
		});
		expect(result.status).toBe('success');
		const request = lastRequest();
		expect(request.path).toBe(`/v2/${ACCOUNT}/chats/${CHAT}/messages/send`);
		expect(request.body).toEqual({ text: 'Following up' });
		expect(jsonOf(result.output('Unipile'))[0]).toMatchObject({
			object: 'MessageSent',
			message_id: expect.any(String),
		});
	});

	it('Send with only a file sends an empty text', async () => {
		const result = await runUnipile(
			sandbox,
			{
				resource: 'message',
				operation: 'send',
				chat: rl(CHAT),
				text: '',
				attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
				...NO_PACING,
			},
			{
				inputItems: [
					binaryItem(
						{},
						{
							data: {
								data: Buffer.from('%PDF-1.4'),
								mimeType: 'application/pdf',
								fileName: 'deck.pdf',
							},
						},
					),
				],
			},
		);
		expect(result.status).toBe('success');
		expect(lastRequest().body).toMatchObject({
			text: '',
			attachments: [{ filename: 'deck.pdf', send_mode: 'file' }],
		});
	});

	it('Send encodes several files exactly, across read-chunk boundaries', async () => {
		// 3 × 16 KiB is the read chunk: sizes around it and below 3 bytes exercise base64 joins.
		const sizes = [3 * 16 * 1024 + 1, 3 * 16 * 1024 * 2, 2, 1];
		const files = sizes.map((size, index) =>
			Buffer.from(Array.from({ length: size }, (_, byte) => (byte * 31 + index) % 256)),
		);
		const result = await runUnipile(
			sandbox,
			{
				resource: 'message',
				operation: 'send',
				chat: rl(CHAT),
				text: 'Files "quoted" \\ and ünïcode',
				attachments: { files: files.map((_, index) => ({ binaryProperty: `f${index}` })) },
				...NO_PACING,
			},
			{
				inputItems: [
					binaryItem(
						{},
						Object.fromEntries(
							files.map((data, index) => [
								`f${index}`,
								{ data, mimeType: 'application/octet-stream', fileName: `f${index}.bin` },
							]),
						),
					),
				],
			},
		);
		expect(result.status).toBe('success');
		const request = lastRequest();
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.body).toEqual({
			text: 'Files "quoted" \\ and ünïcode',
			attachments: files.map((data, index) => ({
				content: data.toString('base64'),
				content_type: 'application/octet-stream',
				filename: `f${index}.bin`,
				send_mode: 'native',
			})),
		});
	});

	it('Reply quotes the message', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'message',
			operation: 'reply',
			chat: rl(CHAT),
			messageId: MESSAGE,
			text: 'Replying to that',
			...NO_PACING,
		});
		expect(result.status).toBe('success');
		expect(lastRequest().body).toEqual({ text: 'Replying to that', quote_id: MESSAGE });
	});

	it('Forward sends the destination chat and the comment', async () => {
		const destination = UNIPILE_SANDBOX.chatIds[1];
		const result = await runUnipile(sandbox, {
			resource: 'message',
			operation: 'forward',
			chat: rl(CHAT),
			messageId: MESSAGE,
			destinationChat: rl(destination),
			text: 'FYI',
			...NO_PACING,
		});
		expect(result.status).toBe('success');
		const request = lastRequest();
		expect(request.path).toBe(`/v2/${ACCOUNT}/chats/${CHAT}/messages/${MESSAGE}/forward`);
		expect(request.body).toEqual({ chat_id: destination, text: 'FYI' });
		expect(jsonOf(result.output('Unipile'))[0]).toMatchObject({
			object: 'MessageForwarded',
			chat_id: destination,
		});
	});

	it('Forward without a comment omits text', async () => {
		await runUnipile(sandbox, {
			resource: 'message',
			operation: 'forward',
			chat: rl(CHAT),
			messageId: MESSAGE,
			destinationChat: rl(UNIPILE_SANDBOX.chatIds[1]),
			...NO_PACING,
		});
		expect(lastRequest().body).toEqual({ chat_id: UNIPILE_SANDBOX.chatIds[1] });
	});

	it("Get Many lists all of a chat's messages", async () => {
		const seeded = (await (
			await fetch(`${sandbox.baseUrl}/${ACCOUNT}/chats/${CHAT}/messages?limit=250`, {
				headers: { 'X-API-KEY': UNIPILE_SANDBOX.apiKey },
			})
		).json()) as { data: Array<{ id: string }> };
		sandbox.reset();
		const result = await runUnipile(sandbox, {
			resource: 'message',
			operation: 'getAll',
			chat: rl(CHAT),
			returnAll: true,
			simplify: false,
		});
		expect(result.status).toBe('success');
		expect(apiRequests(sandbox).map((request) => request.path)).toEqual([
			`/v2/${ACCOUNT}/chats/${CHAT}/messages`,
		]);
		const messages = jsonOf(result.output('Unipile'));
		expect(messages.map((message) => message.id)).toEqual(seeded.data.map((message) => message.id));
		expect(messages.every((message) => message.chat_id === CHAT)).toBe(true);
	});
});

describe('Inbox', () => {
	it('Set Typing posts composing?action=typing without a body', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'inbox',
			operation: 'setTyping',
			chat: rl(CHAT),
			composingAction: 'typing',
		});
		expect(result.status).toBe('success');
		const request = lastRequest();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/v2/${ACCOUNT}/chats/${CHAT}/composing`);
		expect(request.query).toEqual({ action: 'typing' });
		expect(request.rawBody.length).toBe(0);
	});

	it('Set Typing can show a voice note being recorded', async () => {
		await runUnipile(sandbox, {
			resource: 'inbox',
			operation: 'setTyping',
			chat: rl(CHAT),
			composingAction: 'recording',
		});
		expect(lastRequest().query).toEqual({ action: 'recording' });
	});

	it('Get Many returns one item per inbox', async () => {
		const result = await runUnipile(sandbox, { resource: 'inbox', operation: 'getAll' });
		expect(result.status).toBe('success');
		expect(lastRequest().path).toBe(`/v2/${ACCOUNT}/inboxes`);
		expect(jsonOf(result.output('Unipile')).map((inbox) => inbox.id)).toContain('CLASSIC_PRIMARY');
	});

	it('Get InMail Credits reads the credits, optionally for one service', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'inbox',
			operation: 'getInMailCredits',
			service: 'classic',
		});
		expect(result.status).toBe('success');
		expect(lastRequest().path).toBe(`/v2/${ACCOUNT}/linkedin/inmail-credits`);
		expect(lastRequest().query).toEqual({ service: 'classic' });
		expect((jsonOf(result.output('Unipile'))[0] as IDataObject).object).toBe('InmailCredits');
	});
});
