import { parseMultipart } from '../../tools/sandbox/multipart';
import { NETWORK } from '../../tools/sandbox/network';
import type { SandboxServer } from '../../tools/sandbox/server';
import { reply, startSandboxServer } from '../../tools/sandbox/server';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import {
	startUnipileV1Sandbox,
	UNIPILE_V1_SANDBOX,
	V1_MAX_ATTACHMENT_BYTES,
	V1_SANDBOX_PDF,
} from '../../tools/sandbox/unipileV1';

const V1 = UNIPILE_V1_SANDBOX;
const auth = { 'x-api-key': V1.apiKey };

let sandbox: UnipileV1Sandbox;
/** Plays a webhook receiver (records every delivery, answers 200). */
let receiver: SandboxServer;
beforeAll(async () => {
	sandbox = await startUnipileV1Sandbox();
	receiver = await startSandboxServer({ handle: () => reply(200, {}), onReset: () => undefined });
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(() => {
	sandbox.reset();
	receiver.reset();
});

type Field = [name: string, value: string | Blob, filename?: string];
const formOf = (fields: Field[]) => {
	const form = new FormData();
	for (const [name, value, filename] of fields) {
		if (typeof value === 'string') form.append(name, value);
		else form.append(name, value, filename);
	}
	return form;
};
const blob = (bytes: number | string, type: string) =>
	new Blob([typeof bytes === 'string' ? bytes : Buffer.alloc(bytes, 1)], { type });

const get = (path: string) => fetch(`${sandbox.baseUrl}${path}`, { headers: auth });
const post = (path: string, body: FormData | string, headers: Record<string, string> = {}) =>
	fetch(`${sandbox.baseUrl}${path}`, { method: 'POST', headers: { ...auth, ...headers }, body });
const json = async (response: Response) => ({
	status: response.status,
	body: (await response.json()) as Record<string, unknown>,
});
const error = (status: number, code: string, title: string, detail: string) => ({
	status,
	body: { title, detail, type: `errors/${code}`, status },
});
const invalid = (detail: string) => error(400, 'invalid_parameters', 'Invalid parameters', detail);
const startChat = (fields: Field[]) => post('/chats', formOf(fields));
const start1to1 = (attendee: string, extra: Field[] = []) =>
	startChat([
		['account_id', V1.accountId],
		['attendees_ids', attendee],
		['text', 'Hello'],
		...extra,
	]);
const messagesOf = async (chatId: string) =>
	(await json(await get(`/chats/${chatId}/messages`))).body.items as Array<Record<string, unknown>>;

/** A multipart body assembled by hand, for what FormData cannot produce. */
const rawMultipart = (boundary: string, text: string) => ({
	body: Buffer.from(text, 'latin1'),
	contentType: `multipart/form-data; boundary=${boundary}`,
});

describe('parseMultipart', () => {
	it('reads what FormData sends, in order, repeated names and bracket names included', async () => {
		const form = formOf([
			['account_id', V1.accountId],
			['attendees_ids', 'ACoAAOne'],
			['attendees_ids', 'ACoAATwo'],
			['linkedin[inmail]', 'true'],
			['attachments', blob('png bytes', 'image/png'), 'logo.png'],
			['attachments', blob('%PDF', 'application/pdf'), 'brief "v2".pdf'],
			['text', 'Héllo ✓'],
		]);
		const encoded = new Response(form);
		const parsed = parseMultipart(
			Buffer.from(await encoded.arrayBuffer()),
			encoded.headers.get('content-type') ?? undefined,
		);
		expect(parsed).toEqual({
			parts: [
				{ name: 'account_id', value: V1.accountId },
				{ name: 'attendees_ids', value: 'ACoAAOne' },
				{ name: 'attendees_ids', value: 'ACoAATwo' },
				{ name: 'linkedin[inmail]', value: 'true' },
				{
					name: 'attachments',
					file: { filename: 'logo.png', contentType: 'image/png', data: Buffer.from('png bytes') },
				},
				{
					name: 'attachments',
					file: {
						filename: 'brief "v2".pdf',
						contentType: 'application/pdf',
						data: Buffer.from('%PDF'),
					},
				},
				{ name: 'text', value: 'Héllo ✓' },
			],
		});
	});

	it('takes a quoted boundary, backslash escapes, an empty filename and an epilogue CRLF', () => {
		const { body } = rawMultipart(
			'a b:c',
			'--a b:c\r\nContent-Disposition: form-data; name="say \\"hi\\""\r\n\r\nyes\r\n' +
				'--a b:c\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n' +
				'Content-Type: application/octet-stream\r\n\r\n\r\n--a b:c--\r\n',
		);
		expect(parseMultipart(body, 'multipart/form-data; boundary="a b:c"')).toEqual({
			parts: [
				{ name: 'say "hi"', value: 'yes' },
				{
					name: 'attachments',
					file: { filename: '', contentType: 'application/octet-stream', data: Buffer.alloc(0) },
				},
			],
		});
	});

	it.each([
		['no Content-Type', undefined, 'x', 'Content-Type is missing; expected multipart/form-data'],
		[
			'JSON',
			'application/json',
			'{}',
			'Content-Type is application/json; expected multipart/form-data',
		],
		['no boundary', 'multipart/form-data', '--b\r\n', 'Content-Type has no boundary parameter'],
		[
			'a boundary over 70 characters',
			`multipart/form-data; boundary=${'x'.repeat(71)}`,
			'',
			`boundary "${'x'.repeat(71)}" is not 1 to 70 RFC 2046 characters`,
		],
		[
			'the wrong boundary',
			'multipart/form-data; boundary=abc',
			'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--',
			'the body does not start with the delimiter --abc (wrong boundary, or a preamble)',
		],
		[
			'no closing delimiter',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1',
			'missing closing delimiter --b-- after part 1',
		],
		[
			'a delimiter that never closes',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b',
			'missing closing delimiter --b--',
		],
		[
			'LF line endings',
			'multipart/form-data; boundary=b',
			'--b\nContent-Disposition: form-data; name="a"\n\n1\n--b--',
			'part 1: the delimiter must be followed by CRLF (or -- to close)',
		],
		[
			'a part without Content-Disposition',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--',
			'part 1: no Content-Disposition header',
		],
		[
			'a part without headers',
			'multipart/form-data; boundary=b',
			'--b\r\n\r\n1\r\n--b--',
			'part 1: no Content-Disposition header',
		],
		[
			'a part without a name',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\n1\r\n--b--',
			'part 1: Content-Disposition has no name',
		],
		[
			'filename*',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; name="f"; filename*=UTF-8\'\'a.txt\r\n\r\n1\r\n--b--',
			'part 1: Content-Disposition parameter filename* is not allowed (only name and filename; RFC 7578 forbids filename*)',
		],
		[
			'an attachment disposition',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: attachment; name="a"\r\n\r\n1\r\n--b--',
			'part 1: Content-Disposition must be form-data, not attachment',
		],
		[
			'an extra part header',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; name="a"\r\nX-Extra: 1\r\n\r\n1\r\n--b--',
			'part 1: unexpected header x-extra (RFC 7578 parts carry only Content-Disposition and Content-Type)',
		],
		[
			'a base64 transfer encoding',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; name="a"\r\nContent-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--b--',
			'part 1: Content-Transfer-Encoding base64 is not supported',
		],
		[
			'a value that is not UTF-8',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\xfe\r\n--b--',
			'part 1 (a): the value is not valid UTF-8 (send binary data as a file)',
		],
		['no parts', 'multipart/form-data; boundary=b', '--b--', 'the body has no parts'],
		[
			'data after the close',
			'multipart/form-data; boundary=b',
			'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\nmore',
			'unexpected data after the closing delimiter',
		],
	])('refuses %s', (_, contentType, text, message) => {
		expect(parseMultipart(Buffer.from(text, 'latin1'), contentType)).toEqual({ error: message });
	});
});

describe('authentication and routing', () => {
	it('answers 401 errors/missing_credentials without X-API-KEY', async () => {
		expect(await json(await fetch(`${sandbox.baseUrl}/accounts`))).toEqual(
			error(
				401,
				'missing_credentials',
				'Missing credentials',
				'Some credentials are necessary to perform the request.',
			),
		);
	});

	it('answers 401 errors/invalid_credentials to a wrong key', async () => {
		const response = await fetch(`${sandbox.baseUrl}/accounts`, {
			headers: { 'x-api-key': 'example-wrong-key' },
		});
		expect(await json(response)).toEqual(
			error(
				401,
				'invalid_credentials',
				'Invalid credentials',
				'The provided credentials are invalid.',
			),
		);
	});

	it('answers 404 to v2 paths and unknown routes', async () => {
		expect(await json(await get('/../../v2/accounts'))).toEqual(
			error(404, 'resource_not_found', 'Resource not found.', 'Cannot GET /v2/accounts'),
		);
		expect(await json(await get('/chats/x/attendees'))).toEqual(
			error(
				404,
				'resource_not_found',
				'Resource not found.',
				'Cannot GET /api/v1/chats/x/attendees',
			),
		);
	});

	it('takes the DSN port as ?port= only when it is this DSN', async () => {
		expect((await get(`/accounts?port=${sandbox.port}`)).status).toBe(200);
		expect(await json(await get('/accounts?port=13111'))).toEqual(
			invalid(`port: this DSN listens on port ${sandbox.port}, not 13111`),
		);
	});

	it('exposes the DSN and the base URL', () => {
		expect(sandbox.dsn).toBe(`http://127.0.0.1:${sandbox.port}`);
		expect(sandbox.baseUrl).toBe(`http://127.0.0.1:${sandbox.port}/api/v1`);
	});
});

describe('GET /api/v1/accounts', () => {
	it('lists both accounts', async () => {
		expect(await json(await get('/accounts'))).toEqual({
			status: 200,
			body: {
				object: 'AccountList',
				items: [
					{
						object: 'Account',
						id: V1.accountId,
						name: 'Demo LinkedIn (v1)',
						type: 'LINKEDIN',
						created_at: '2026-01-01T00:00:00.000Z',
						connection_params: {
							im: {
								id: V1.ownerProviderId,
								username: 'Demo LinkedIn (v1)',
								publicIdentifier: 'demo-owner',
								premiumFeatures: ['premium', 'sales_navigator'],
							},
						},
						sources: [{ id: `${V1.accountId}_MESSAGING`, status: 'OK' }],
						groups: [],
					},
					{
						object: 'Account',
						id: V1.whatsappAccountId,
						name: 'Demo WhatsApp (v1)',
						type: 'WHATSAPP',
						created_at: '2026-01-02T00:00:00.000Z',
						connection_params: {
							im: {
								id: '33600000000@s.whatsapp.net',
								username: 'Demo WhatsApp (v1)',
								phone_number: '33600000000',
							},
						},
						sources: [{ id: `${V1.whatsappAccountId}_MESSAGING`, status: 'OK' }],
						groups: [],
					},
				],
				cursor: null,
			},
		});
	});

	it('pages with limit and cursor', async () => {
		const first = (await json(await get('/accounts?limit=1'))).body;
		expect((first.items as Array<{ id: string }>).map((item) => item.id)).toEqual([V1.accountId]);
		expect(first.cursor).toEqual(expect.any(String));
		const second = (await json(await get(`/accounts?limit=1&cursor=${String(first.cursor)}`))).body;
		expect((second.items as Array<{ id: string }>).map((item) => item.id)).toEqual([
			V1.whatsappAccountId,
		]);
		expect(second.cursor).toBeNull();
	});

	it('refuses query parameters it does not take', async () => {
		expect(await json(await get('/accounts?search=demo'))).toEqual(
			invalid('Unknown query parameter(s): search (this route takes limit, cursor)'),
		);
	});
});

describe('GET /api/v1/chats', () => {
	const ids = (body: Record<string, unknown>) =>
		(body.items as Array<{ id: string }>).map((item) => item.id);
	const linkedinIds = Array.from(
		{ length: V1.chatCount },
		(_, index) => `chV1demo${String(index + 1).padStart(4, '0')}`,
	);

	it('lists every chat, newest first, 100 to a page by default', async () => {
		const { status, body } = await json(await get('/chats'));
		expect(status).toBe(200);
		expect(body.object).toBe('ChatList');
		expect(ids(body)).toEqual([...linkedinIds, ...V1.whatsappChatIds]);
		expect(body.cursor).toBeNull();
		expect((body.items as unknown[])[0]).toEqual({
			object: 'Chat',
			id: V1.chatIds[0],
			account_id: V1.accountId,
			account_type: 'LINKEDIN',
			provider_id: expect.stringMatching(/^2-/),
			attendee_provider_id: V1.userIds[0],
			name: 'Ana Demo',
			type: 0,
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			unread_count: 0,
			archived: 0,
			muted_until: null,
			read_only: 0,
			disabledFeatures: [],
			folder: ['INBOX', 'INBOX_LINKEDIN_CLASSIC'],
		});
	});

	it('pages one account 10 at a time to the end', async () => {
		const seen: string[] = [];
		const sizes: number[] = [];
		let cursor: unknown = undefined;
		for (let request = 0; request < 5; request++) {
			const suffix = cursor ? `&cursor=${String(cursor)}` : '';
			const { body } = await json(await get(`/chats?account_id=${V1.accountId}&limit=10${suffix}`));
			seen.push(...ids(body));
			sizes.push(ids(body).length);
			cursor = body.cursor;
			if (cursor === null) break;
		}
		expect(sizes).toEqual([10, 10, 10]);
		expect(seen).toEqual(linkedinIds);
	});

	it('refuses a cursor with other filters, from another list or made up', async () => {
		const { body } = await json(await get(`/chats?account_id=${V1.accountId}&limit=10`));
		expect(await json(await get(`/chats?limit=10&cursor=${String(body.cursor)}`))).toEqual(
			invalid('cursor: issued for other filters; resend the same ones'),
		);
		const messages = (await json(await get(`/chats/${V1.chatIds[0]}/messages?limit=1`))).body;
		expect(await json(await get(`/chats?cursor=${String(messages.cursor)}`))).toEqual(
			invalid('cursor: issued for another list'),
		);
		expect(await json(await get('/chats?cursor=bm9wZQ'))).toEqual(
			invalid('cursor: not a cursor this API issued'),
		);
	});

	it.each([
		['unread=true', 10],
		['unread=false', 22],
		['account_type=LINKEDIN', 30],
		['account_type=WHATSAPP', 2],
		[`account_id=${V1.whatsappAccountId}`, 2],
		[`account_id=${V1.accountId},${V1.whatsappAccountId}`, 32],
		[`account_id=${V1.accountId}&unread=true`, 10],
	])('filters with %s to %i chats', async (query, count) => {
		expect(ids((await json(await get(`/chats?${query}`))).body)).toHaveLength(count);
	});

	it('filters by before and after (exclusive) on the last activity', async () => {
		const { body } = await json(await get(`/chats?account_id=${V1.accountId}`));
		const fifth = (body.items as Array<{ timestamp: string }>)[4].timestamp;
		const before = (await json(await get(`/chats?account_id=${V1.accountId}&before=${fifth}`)))
			.body;
		const after = (await json(await get(`/chats?account_id=${V1.accountId}&after=${fifth}`))).body;
		expect(ids(before)).toEqual(linkedinIds.slice(5));
		expect(ids(after)).toEqual(linkedinIds.slice(0, 4));
	});

	it.each([
		[
			'is_unread=true',
			'Unknown query parameter(s): is_unread (this route takes limit, cursor, account_id, account_type, unread, before, after)',
		],
		[
			'type=group&inbox_id=x',
			'Unknown query parameter(s): type, inbox_id (this route takes limit, cursor, account_id, account_type, unread, before, after)',
		],
		['limit=0', 'limit: must be an integer from 1 to 250'],
		['limit=251', 'limit: must be an integer from 1 to 250'],
		['limit=ten', 'limit: must be an integer from 1 to 250'],
		['before=2026-01-01', 'before: must be an ISO 8601 UTC datetime like 2025-12-31T23:59:59.999Z'],
		[
			'after=2026-01-01T00:00:00%2B00:00',
			'after: must be an ISO 8601 UTC datetime like 2025-12-31T23:59:59.999Z',
		],
		['unread=yes', "unread: Invalid enum value. Expected 'true' | 'false', received 'yes'"],
		[
			'account_type=linkedin',
			"account_type: Invalid enum value. Expected 'WHATSAPP' | 'LINKEDIN' | 'SLACK' | 'TWITTER' | 'MESSENGER' | 'INSTAGRAM' | 'TELEGRAM', received 'linkedin'",
		],
		[`account_id=${V1.accountId}&account_id=x`, 'account_id: given more than once'],
	])('refuses %s', async (query, detail) => {
		expect(await json(await get(`/chats?${query}`))).toEqual(invalid(detail));
	});

	it('answers 404 for an unknown account_id (a v2 acc_ id, say)', async () => {
		expect(await json(await get('/chats?account_id=acc_demo_linkedin'))).toEqual(
			error(
				404,
				'resource_not_found',
				'Resource not found.',
				'account_id: account acc_demo_linkedin not found',
			),
		);
	});

	it('gets one chat; the seeded group has type 1 and no attendee_provider_id', async () => {
		const { status, body } = await json(await get(`/chats/${V1.chatIds[4]}`));
		expect(status).toBe(200);
		expect(body).toMatchObject({ id: V1.chatIds[4], type: 1, name: 'Demo group' });
		expect(body).not.toHaveProperty('attendee_provider_id');
		expect(await json(await get('/chats/nope'))).toEqual(
			error(404, 'resource_not_found', 'Resource not found.', 'Chat nope not found'),
		);
	});
});

describe('GET /api/v1/chats/{chat_id}/messages', () => {
	it('lists the messages newest first', async () => {
		const { status, body } = await json(await get(`/chats/${V1.chatIds[0]}/messages`));
		expect(status).toBe(200);
		expect(body.object).toBe('MessageList');
		expect(body.cursor).toBeNull();
		const items = body.items as Array<Record<string, unknown>>;
		expect(items.map((item) => item.id)).toEqual(V1.messageIds);
		expect(items[1]).toEqual({
			object: 'Message',
			id: V1.messageIds[1],
			account_id: V1.accountId,
			chat_id: V1.chatIds[0],
			chat_provider_id: expect.stringMatching(/^2-/),
			provider_id: `p-${V1.messageIds[1]}`,
			sender_id: V1.ownerProviderId,
			sender_attendee_id: expect.stringMatching(/^at[0-9a-f]{14}$/),
			text: 'Happy to share more',
			attachments: [],
			timestamp: expect.any(String),
			is_sender: 1,
			reactions: [],
			seen: 0,
			seen_by: {},
			hidden: 0,
			deleted: 0,
			edited: 0,
			is_event: 0,
			delivered: 1,
			behavior: null,
			original: '{}',
			subject: null,
			message_type: 'MESSAGE',
		});
	});

	it('filters by sender_id and pages', async () => {
		const mine = (
			await json(await get(`/chats/${V1.chatIds[0]}/messages?sender_id=${V1.ownerProviderId}`))
		).body.items as Array<{ id: string }>;
		expect(mine.map((item) => item.id)).toEqual([V1.messageIds[1]]);
		const first = (await json(await get(`/chats/${V1.chatIds[0]}/messages?limit=2`))).body;
		const second = (
			await json(
				await get(`/chats/${V1.chatIds[0]}/messages?limit=2&cursor=${String(first.cursor)}`),
			)
		).body;
		expect((first.items as Array<{ id: string }>).map((item) => item.id)).toEqual(
			V1.messageIds.slice(0, 2),
		);
		expect((second.items as Array<{ id: string }>).map((item) => item.id)).toEqual([
			V1.messageIds[2],
		]);
		expect(second.cursor).toBeNull();
	});

	it('refuses v2 query names and unknown chats', async () => {
		expect(await json(await get(`/chats/${V1.chatIds[0]}/messages?user_id=x`))).toEqual(
			invalid(
				'Unknown query parameter(s): user_id (this route takes limit, cursor, before, after, sender_id)',
			),
		);
		expect(await json(await get('/chats/nope/messages'))).toEqual(
			error(404, 'resource_not_found', 'Resource not found.', 'Chat nope not found'),
		);
	});
});

describe('POST /api/v1/chats', () => {
	const startFields =
		'account_id, attendees_ids, text, subject, attachments, voice_message, video_message, linkedin[api], linkedin[inmail], linkedin[applicant_id], linkedin[topic], linkedin[invitation_id], linkedin[signature]';

	it('continues the 1:1 chat with a relation: 201 ChatStarted', async () => {
		const { status, body } = await json(await start1to1(V1.userIds[0]));
		expect({ status, body }).toEqual({
			status: 201,
			body: { object: 'ChatStarted', chat_id: V1.chatIds[0], message_id: expect.any(String) },
		});
		const [newest] = await messagesOf(V1.chatIds[0]);
		expect(newest).toMatchObject({
			id: body.message_id,
			text: 'Hello',
			is_sender: 1,
			sender_id: V1.ownerProviderId,
		});
	});

	it('starts a new 1:1 chat with someone new', async () => {
		const { status, body } = await json(await start1to1('ACoAAV1NewPerson'));
		expect(status).toBe(201);
		expect(body.chat_id).not.toMatch(/^chV1demo/);
		const chat = (await json(await get(`/chats/${String(body.chat_id)}`))).body;
		expect(chat).toMatchObject({ type: 0, name: null, attendee_provider_id: 'ACoAAV1NewPerson' });
		expect(((await json(await get('/chats'))).body.items as unknown[]).length).toBe(33);
	});

	it('starts a group when there are several attendees, named by subject', async () => {
		const { status, body } = await json(
			await startChat([
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['attendees_ids', V1.userIds[1]],
				['subject', 'Project X'],
				['text', 'Hi both'],
			]),
		);
		expect(status).toBe(201);
		const chat = (await json(await get(`/chats/${String(body.chat_id)}`))).body;
		expect(chat).toMatchObject({ type: 1, name: 'Project X', subject: 'Project X' });
		expect((await messagesOf(String(body.chat_id)))[0]).toMatchObject({
			text: 'Hi both',
			subject: 'Project X',
		});
	});

	it('stores file parts as attachments', async () => {
		const { status, body } = await json(
			await start1to1(V1.userIds[1], [
				['attachments', blob('png bytes', 'image/png'), 'logo.png'],
				['attachments', blob('%PDF-1.7', 'application/pdf'), 'brief.pdf'],
				['voice_message', blob('m4a', 'audio/mp4'), 'note.m4a'],
			]),
		);
		expect(status).toBe(201);
		const [newest] = await messagesOf(String(body.chat_id));
		expect(newest.attachments).toEqual([
			{
				id: expect.any(String),
				file_size: 9,
				unavailable: false,
				mimetype: 'image/png',
				type: 'img',
				size: { width: 0, height: 0 },
				sticker: false,
			},
			{
				id: expect.any(String),
				file_size: 8,
				unavailable: false,
				mimetype: 'application/pdf',
				type: 'file',
				file_name: 'brief.pdf',
			},
			{
				id: expect.any(String),
				file_size: 3,
				unavailable: false,
				mimetype: 'audio/mp4',
				type: 'audio',
				voice_note: true,
			},
		]);
	});

	it('sends attachments without text', async () => {
		const response = await startChat([
			['account_id', V1.accountId],
			['attendees_ids', V1.userIds[2]],
			['attachments', blob('png', 'image/png'), 'a.png'],
		]);
		expect(response.status).toBe(201);
	});

	it.each([
		['JSON', 'application/json', JSON.stringify({ account_id: V1.accountId })],
		['urlencoded', 'application/x-www-form-urlencoded', `account_id=${V1.accountId}`],
	])('answers 415 to a %s body', async (_, contentType, body) => {
		expect(await json(await post('/chats', body, { 'content-type': contentType }))).toEqual(
			error(
				415,
				'unsupported_media_type',
				'Unsupported media type',
				`This route takes multipart/form-data, not ${contentType}`,
			),
		);
	});

	it('answers 400 malformed_request to a hand-set multipart Content-Type without boundary', async () => {
		const encoded = new Response(formOf([['account_id', V1.accountId]]));
		const response = await post('/chats', await encoded.text(), {
			'content-type': 'multipart/form-data',
		});
		expect(await json(response)).toEqual(
			error(
				400,
				'malformed_request',
				'Malformed request',
				'Content-Type has no boundary parameter',
			),
		);
	});

	it.each([
		['users_ids', [['users_ids', V1.userIds[0]]]],
		['specifics', [['specifics', '{"linkedin":{"classic":{"inmail":true}}}']]],
		['linkedin', [['linkedin', '{"inmail":true}']]],
		['options', [['options', '{}']]],
		['title', [['title', 'Vacation']]],
		[
			'thread_id, typing_duration',
			[
				['thread_id', 'x'],
				['typing_duration', '100'],
			],
		],
	] as Array<[string, Field[]]>)('refuses the field(s) %s, naming them', async (names, extra) => {
		expect(await json(await start1to1(V1.userIds[0], extra))).toEqual(
			invalid(`Unknown field(s): ${names} (this route takes ${startFields})`),
		);
	});

	it.each([
		[
			'no account_id',
			[
				['attendees_ids', V1.userIds[0]],
				['text', 'x'],
			],
			error(400, 'missing_parameters', 'Missing parameters', 'account_id: is required'),
		],
		[
			'no attendees_ids',
			[
				['account_id', V1.accountId],
				['text', 'x'],
			],
			error(400, 'missing_parameters', 'Missing parameters', 'attendees_ids: is required'),
		],
		[
			'an empty attendee',
			[
				['account_id', V1.accountId],
				['attendees_ids', ''],
				['text', 'x'],
			],
			invalid('attendees_ids.0: must not be empty'),
		],
		[
			'text twice',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['text', 'a'],
				['text', 'b'],
			],
			invalid('text: given more than once'),
		],
		[
			'attachments as a plain value',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['attachments', 'aGk='],
			],
			invalid('attachments: must be a file part (Content-Disposition with a filename)'),
		],
		[
			'text as a file',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['text', blob('x', 'text/plain'), 'text.txt'],
			],
			invalid('text: must be a plain field, not a file part'),
		],
		[
			'no text and no file',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['text', ''],
			],
			invalid('text: must not be empty without attachments'),
		],
		[
			'a filename without extension',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['attachments', blob('png', 'image/png'), 'logo'],
			],
			invalid('attachments[0] (logo): the filename must have an extension'),
		],
		[
			'an empty file',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['attachments', blob('', 'text/plain'), 'empty.txt'],
			],
			invalid('attachments[0] (empty.txt): the file is empty'),
		],
		[
			'a voice message that is not audio',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['voice_message', blob('png', 'image/png'), 'note.png'],
			],
			invalid('voice_message (note.png): must be audio/*, not image/png'),
		],
		[
			'linkedin[inmail]=yes',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['text', 'x'],
				['linkedin[inmail]', 'yes'],
			],
			invalid("linkedin[inmail]: Invalid enum value. Expected 'true' | 'false', received 'yes'"),
		],
		[
			'a v2 upper-case topic',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['text', 'x'],
				['linkedin[topic]', 'REQUEST_A_DEMO'],
			],
			invalid(
				"linkedin[topic]: Invalid enum value. Expected 'service_request' | 'request_demo' | 'support' | 'careers' | 'other', received 'REQUEST_A_DEMO'",
			),
		],
		[
			'the same attendee twice',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['attendees_ids', V1.userIds[0]],
				['text', 'x'],
			],
			invalid(`attendees_ids: ${V1.userIds[0]} is given twice`),
		],
		[
			'an InMail to a group',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['attendees_ids', V1.userIds[1]],
				['text', 'x'],
				['linkedin[inmail]', 'true'],
			],
			invalid('linkedin[inmail]: only for a chat with exactly one attendee'),
		],
		[
			'linkedin[inmail] with Sales Navigator',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['text', 'x'],
				['linkedin[api]', 'sales_navigator'],
				['linkedin[inmail]', 'true'],
			],
			invalid('linkedin[inmail]: only with linkedin[api]=classic'),
		],
		[
			'LinkedIn options on a WhatsApp account',
			[
				['account_id', V1.whatsappAccountId],
				['attendees_ids', '33611112222@s.whatsapp.net'],
				['text', 'x'],
				['linkedin[inmail]', 'true'],
			],
			invalid('linkedin[inmail]: LinkedIn options need a LinkedIn account'),
		],
		[
			'a public profile id instead of a provider id',
			[
				['account_id', V1.accountId],
				['attendees_ids', 'jane-doe'],
				['text', 'x'],
			],
			error(
				422,
				'invalid_recipient',
				'Invalid recipient',
				'attendees_ids: jane-doe is not a LinkedIn provider id (ACoAA…); resolve profiles to provider ids first',
			),
		],
		[
			'Recruiter with a subject and signature, which the account lacks',
			[
				['account_id', V1.accountId],
				['attendees_ids', V1.userIds[0]],
				['text', 'x'],
				['linkedin[api]', 'recruiter'],
				['subject', 'A role for you'],
				['linkedin[signature]', 'Ana, Talent Partner'],
			],
			error(
				403,
				'feature_not_subscribed',
				'Feature not subscribed',
				'linkedin[api]: this account has no LinkedIn Recruiter subscription',
			),
		],
		[
			'an unknown account (a v2 acc_ id)',
			[
				['account_id', 'acc_demo_linkedin'],
				['attendees_ids', V1.userIds[0]],
				['text', 'x'],
			],
			error(
				404,
				'resource_not_found',
				'Resource not found.',
				'account_id: account acc_demo_linkedin not found',
			),
		],
	] as Array<[string, Field[], ReturnType<typeof error>]>)(
		'refuses %s',
		async (_, fields, expected) => {
			expect(await json(await startChat(fields))).toEqual(expected);
		},
	);

	it('refuses a file part without Content-Type', async () => {
		const { body, contentType } = rawMultipart(
			'b',
			`--b\r\nContent-Disposition: form-data; name="account_id"\r\n\r\n${V1.accountId}\r\n` +
				`--b\r\nContent-Disposition: form-data; name="attendees_ids"\r\n\r\n${V1.userIds[0]}\r\n` +
				'--b\r\nContent-Disposition: form-data; name="attachments"; filename="logo.png"\r\n\r\npng\r\n--b--\r\n',
		);
		const response = await fetch(`${sandbox.baseUrl}/chats`, {
			method: 'POST',
			headers: { ...auth, 'content-type': contentType },
			body,
		});
		expect(await json(response)).toEqual(
			invalid("attachments[0] (logo.png): the part needs a Content-Type (the file's MIME type)"),
		);
	});

	it('takes exactly 15 MB of attachments and refuses one byte more', async () => {
		const half = V1_MAX_ATTACHMENT_BYTES / 2;
		const files = (extra: number): Field[] => [
			['attachments', blob(half, 'application/pdf'), 'a.pdf'],
			['attachments', blob(half + extra, 'application/pdf'), 'b.pdf'],
		];
		expect((await start1to1(V1.userIds[0], files(0))).status).toBe(201);
		expect(await json(await start1to1(V1.userIds[0], files(1)))).toEqual(
			error(
				400,
				'content_too_large',
				'Content too large',
				'attachments: 15728641 bytes in total, over the 15 MB (15728640 bytes) limit',
			),
		);
	});

	it('spends one InMail credit per InMail and answers 422 when none is left', async () => {
		const balance = async () =>
			(await json(await get(`/linkedin/inmail_balance?account_id=${V1.accountId}`))).body.premium;
		expect(await balance()).toBe(V1.inmailCredits);
		const statuses: number[] = [];
		for (let n = 1; n <= V1.inmailCredits; n++)
			statuses.push(
				(await start1to1(`ACoAAV1Stranger${n}`, [['linkedin[inmail]', 'true']])).status,
			);
		expect(statuses).toEqual([201, 201, 201]);
		expect(await balance()).toBe(0);
		expect(await json(await start1to1('ACoAAV1Stranger9', [['linkedin[inmail]', 'true']]))).toEqual(
			error(
				422,
				'insufficient_credits',
				'Insufficient credits',
				'No InMail credit left on this account',
			),
		);
		// Not an InMail: no credit needed.
		expect((await start1to1('ACoAAV1Stranger9', [['linkedin[inmail]', 'false']])).status).toBe(201);
	});

	it('marks an InMail chat and message', async () => {
		const { body } = await json(
			await start1to1('ACoAAV1Stranger1', [
				['linkedin[api]', 'classic'],
				['linkedin[inmail]', 'true'],
				['subject', 'Quick question'],
			]),
		);
		expect((await json(await get(`/chats/${String(body.chat_id)}`))).body).toMatchObject({
			content_type: 'inmail',
			subject: 'Quick question',
		});
		expect((await messagesOf(String(body.chat_id)))[0]).toMatchObject({
			message_type: 'INMAIL',
			subject: 'Quick question',
		});
	});
});

describe('POST /api/v1/chats/{chat_id}/messages', () => {
	const send = (chatId: string, fields: Field[]) =>
		post(`/chats/${chatId}/messages`, formOf(fields));

	it('sends text: 201 MessageSent, newest in the chat', async () => {
		const { status, body } = await json(await send(V1.chatIds[0], [['text', 'Following up']]));
		expect({ status, body }).toEqual({
			status: 201,
			body: { object: 'MessageSent', message_id: expect.any(String) },
		});
		expect((await messagesOf(V1.chatIds[0]))[0]).toMatchObject({
			id: body.message_id,
			text: 'Following up',
			is_sender: 1,
		});
	});

	it('quotes a message of the chat', async () => {
		const { body } = await json(
			await send(V1.chatIds[0], [
				['text', 'Re'],
				['quote_id', V1.messageIds[0]],
				['account_id', V1.accountId],
			]),
		);
		expect((await messagesOf(V1.chatIds[0]))[0]).toMatchObject({
			id: body.message_id,
			quoted: {
				provider_id: `p-${V1.messageIds[0]}`,
				sender_id: V1.userIds[0],
				text: 'Sounds good, talk soon',
				attachments: [],
			},
		});
	});

	it.each([
		[
			'an unknown quote_id',
			V1.chatIds[0],
			[
				['text', 'Re'],
				['quote_id', 'msNope'],
			],
			error(
				404,
				'resource_not_found',
				'Resource not found.',
				`quote_id: message msNope not found in chat ${V1.chatIds[0]}`,
			),
		],
		[
			"another chat's message as quote_id",
			V1.chatIds[0],
			[
				['text', 'Re'],
				['quote_id', 'msV1demo0002_1'],
			],
			error(
				404,
				'resource_not_found',
				'Resource not found.',
				`quote_id: message msV1demo0002_1 not found in chat ${V1.chatIds[0]}`,
			),
		],
		[
			"another account's id as guard",
			V1.chatIds[0],
			[
				['text', 'x'],
				['account_id', V1.whatsappAccountId],
			],
			error(
				403,
				'account_mismatch',
				'Account mismatch',
				`account_id: chat ${V1.chatIds[0]} does not belong to account ${V1.whatsappAccountId}`,
			),
		],
		[
			'an unknown chat',
			'chNope',
			[['text', 'x']],
			error(404, 'resource_not_found', 'Resource not found.', 'Chat chNope not found'),
		],
		[
			'no text and no file',
			V1.chatIds[0],
			[['quote_id', V1.messageIds[0]]],
			invalid('text: must not be empty without attachments'),
		],
		[
			'v2 and WhatsApp fields',
			V1.chatIds[0],
			[
				['text', 'x'],
				['typing_duration', '500'],
				['thread_id', 'x'],
			],
			invalid(
				'Unknown field(s): typing_duration, thread_id (this route takes text, quote_id, account_id, attachments, voice_message, video_message)',
			),
		],
	] as Array<[string, string, Field[], ReturnType<typeof error>]>)(
		'refuses %s',
		async (_, chatId, fields, expected) => {
			expect(await json(await send(chatId, fields))).toEqual(expected);
		},
	);

	it('answers 415 to JSON', async () => {
		expect(
			await json(
				await post(`/chats/${V1.chatIds[0]}/messages`, JSON.stringify({ text: 'x' }), {
					'content-type': 'application/json',
				}),
			),
		).toEqual(
			error(
				415,
				'unsupported_media_type',
				'Unsupported media type',
				'This route takes multipart/form-data, not application/json',
			),
		);
	});
});

describe('GET /api/v1/linkedin/inmail_balance', () => {
	it('answers the balance', async () => {
		expect(await json(await get(`/linkedin/inmail_balance?account_id=${V1.accountId}`))).toEqual({
			status: 200,
			body: {
				object: 'LinkedinInmailBalance',
				premium: 3,
				recruiter: null,
				sales_navigator: 10,
			},
		});
	});

	it.each([
		['', error(400, 'missing_parameters', 'Missing parameters', 'account_id: is required')],
		[
			`?account_id=${V1.whatsappAccountId}`,
			error(
				422,
				'invalid_account',
				'Invalid account',
				`account_id: ${V1.whatsappAccountId} is a WHATSAPP account, not LinkedIn`,
			),
		],
		[
			'?account_id=nope',
			error(404, 'resource_not_found', 'Resource not found.', 'account_id: account nope not found'),
		],
		[
			`?account_id=${V1.accountId}&service=classic`,
			invalid('Unknown query parameter(s): service (this route takes account_id)'),
		],
	])('refuses %j', async (query, expected) => {
		expect(await json(await get(`/linkedin/inmail_balance${query}`))).toEqual(expected);
	});
});

describe('webhooks', () => {
	const createWebhook = (body: unknown) =>
		post('/webhooks', JSON.stringify(body), { 'content-type': 'application/json' });
	const hookUrl = (path = '/hook') => `${receiver.url}${path}`;
	const secretHeader = { key: 'Unipile-Auth', value: V1.webhookHeaderValue };
	/** For validation cases (built before the receiver starts); nothing is delivered there. */
	const HOOK = 'http://127.0.0.1:9/hook';

	it('creates (201), lists and deletes', async () => {
		const created = await json(
			await createWebhook({ request_url: hookUrl(), source: 'messaging' }),
		);
		expect(created).toEqual({
			status: 201,
			body: { object: 'WebhookCreated', webhook_id: expect.any(String) },
		});
		expect(await json(await get('/webhooks'))).toEqual({
			status: 200,
			body: {
				object: 'WebhookList',
				items: [
					{
						object: 'Webhook',
						id: created.body.webhook_id,
						account_ids: [],
						enabled: true,
						name: null,
						request_url: hookUrl(),
						format: 'json',
						headers: [],
						events: ['message_received'],
						source: 'messaging',
						type: 'AUTO',
					},
				],
				cursor: null,
			},
		});
		const remove = () =>
			fetch(`${sandbox.baseUrl}/webhooks/${String(created.body.webhook_id)}`, {
				method: 'DELETE',
				headers: auth,
			});
		expect(await json(await remove())).toEqual({ status: 200, body: { object: 'WebhookDeleted' } });
		expect(await json(await remove())).toEqual(
			error(
				404,
				'resource_not_found',
				'Resource not found.',
				`Webhook ${String(created.body.webhook_id)} not found`,
			),
		);
		expect(sandbox.webhooks()).toEqual([]);
	});

	it('keeps every field it is given', async () => {
		await createWebhook({
			request_url: hookUrl(),
			source: 'messaging',
			events: ['message_read', 'message_received'],
			account_ids: [V1.accountId],
			name: 'n8n trigger',
			format: 'json',
			enabled: false,
			headers: [secretHeader, { key: 'Content-Type', value: 'application/json' }],
		});
		expect(sandbox.webhooks()).toEqual([
			{
				object: 'Webhook',
				id: expect.any(String),
				account_ids: [V1.accountId],
				enabled: false,
				name: 'n8n trigger',
				request_url: hookUrl(),
				format: 'json',
				headers: [secretHeader, { key: 'Content-Type', value: 'application/json' }],
				events: ['message_read', 'message_received'],
				source: 'messaging',
				type: 'AUTO',
			},
		]);
	});

	it.each([
		[
			'v2 keys',
			{ url: HOOK, trigger_events: ['message.receipt.read'] },
			invalid(
				'Unrecognized key(s) in object: url, trigger_events (this sandbox plays: request_url, source, events, account_ids, name, format, enabled, headers)',
			),
		],
		[
			'data (key renaming, not played)',
			{ request_url: HOOK, source: 'messaging', data: [] },
			invalid(
				'Unrecognized key(s) in object: data (this sandbox plays: request_url, source, events, account_ids, name, format, enabled, headers)',
			),
		],
		[
			'no source',
			{ request_url: HOOK },
			error(400, 'missing_parameters', 'Missing parameters', 'source: is required'),
		],
		[
			'no request_url',
			{ source: 'messaging' },
			error(400, 'missing_parameters', 'Missing parameters', 'request_url: is required'),
		],
		[
			'another source',
			{ request_url: HOOK, source: 'email' },
			invalid(
				'source: must be one of messaging, users, account_status (the sources this sandbox plays)',
			),
		],
		[
			'a v2 event name',
			{ request_url: HOOK, source: 'messaging', events: ['message.receipt.read'] },
			invalid(
				'events: message.receipt.read is not an event of the messaging source (message_received, message_read, message_reaction, message_edited, message_deleted, message_delivered)',
			),
		],
		[
			'a messaging event on a users webhook',
			{ request_url: HOOK, source: 'users', events: ['message_read'] },
			invalid('events: message_read is not an event of the users source (new_relation)'),
		],
		[
			'events on an account status webhook',
			{ request_url: HOOK, source: 'account_status', events: ['new_relation'] },
			invalid(
				'events: new_relation is not an event of the account_status source (it takes no events)',
			),
		],
		[
			'no events',
			{ request_url: HOOK, source: 'messaging', events: [] },
			invalid('events: must not be empty'),
		],
		[
			'a relative URL',
			{ request_url: '/hook', source: 'messaging' },
			invalid('request_url: must be an absolute URL'),
		],
		[
			'a URL off this machine',
			{ request_url: 'https://example.com/hook', source: 'messaging' },
			invalid(
				'request_url: the sandbox delivers to loopback hosts only (127.0.0.1, localhost, [::1])',
			),
		],
		[
			'a header without value',
			{ request_url: HOOK, source: 'messaging', headers: [{ key: 'Unipile-Auth' }] },
			error(400, 'missing_parameters', 'Missing parameters', 'headers.0.value: is required'),
		],
		[
			'a transport header',
			{ request_url: HOOK, source: 'messaging', headers: [{ key: 'Host', value: 'x' }] },
			invalid(
				'headers: must not set transport headers (host, content-length, connection, transfer-encoding, keep-alive, upgrade, expect, te, trailer)',
			),
		],
		[
			'an unknown account',
			{ request_url: HOOK, source: 'messaging', account_ids: ['acc_demo_linkedin'] },
			invalid('account_ids: account acc_demo_linkedin not found'),
		],
		[
			'enabled as a string',
			{ request_url: HOOK, source: 'messaging', enabled: 'true' },
			invalid('enabled: Expected boolean, received string'),
		],
	])('refuses %s', async (_, body, expected) => {
		expect(await json(await createWebhook(body))).toEqual(expected);
	});

	it('wants a JSON body', async () => {
		expect(
			await json(
				await post('/webhooks', `request_url=${hookUrl()}`, {
					'content-type': 'application/x-www-form-urlencoded',
				}),
			),
		).toEqual(invalid('The body must be a JSON object (Content-Type: application/json)'));
	});
});

describe('deliveries', () => {
	const createWebhook = async (body: Record<string, unknown>) => {
		const response = await post(
			'/webhooks',
			JSON.stringify({ source: 'messaging', request_url: `${receiver.url}/hook`, ...body }),
			{ 'content-type': 'application/json' },
		);
		expect(response.status).toBe(201);
	};
	const secretHeader = { key: 'Unipile-Auth', value: V1.webhookHeaderValue };
	const delivered = () =>
		receiver.requests.map((request) => ({
			path: request.path,
			contentType: request.headers['content-type'],
			auth: request.headers['unipile-auth'],
			payload: JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>,
		}));
	const person = (providerId: string, name: string) => ({
		attendee_id: expect.stringMatching(/^at[0-9a-f]{14}$/),
		attendee_name: name,
		attendee_provider_id: providerId,
		attendee_profile_url: `https://www.linkedin.com/in/${providerId}/`,
	});

	it('posts the flat v1 payload with the custom headers, as urlencoded by default', async () => {
		await createWebhook({
			events: ['message_read'],
			name: 'n8n trigger',
			headers: [secretHeader],
		});
		expect(await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1])).toEqual([
			{ url: `${receiver.url}/hook`, status: 200 },
		]);
		expect(delivered()).toEqual([
			{
				path: '/hook',
				contentType: 'application/x-www-form-urlencoded',
				auth: V1.webhookHeaderValue,
				payload: {
					account_id: V1.accountId,
					account_type: 'LINKEDIN',
					account_info: { type: 'LINKEDIN', feature: 'classic', user_id: V1.ownerProviderId },
					event: 'message_read',
					chat_id: V1.chatIds[0],
					timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
					webhook_name: 'n8n trigger',
					message_id: V1.messageIds[1],
					message: 'Happy to share more',
					sender: person(V1.ownerProviderId, 'Demo Owner'),
					attendees: [person(V1.userIds[0], 'Ana Demo')],
					attachments: [],
				},
			},
		]);
	});

	it('uses the Content-Type the webhook sets', async () => {
		await createWebhook({
			events: ['message_read'],
			headers: [secretHeader, { key: 'Content-Type', value: 'application/json' }],
		});
		await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1]);
		expect(receiver.requests.map((request) => request.headers['content-type'])).toEqual([
			'application/json',
		]);
		expect(receiver.requests[0].body).toMatchObject({ event: 'message_read' });
	});

	it('can leave out the custom headers or send other values, keeping Content-Type', async () => {
		await createWebhook({
			events: ['message_read'],
			headers: [secretHeader, { key: 'Content-Type', value: 'application/json' }],
		});
		await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1], { headers: 'none' });
		await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1], {
			headers: { 'Unipile-Auth': 'example-wrong-value' },
		});
		expect(delivered().map(({ contentType, auth }) => ({ contentType, auth }))).toEqual([
			{ contentType: 'application/json', auth: undefined },
			{ contentType: 'application/json', auth: 'example-wrong-value' },
		]);
	});

	it('repeats the previous payload byte for byte, as a retry does', async () => {
		await createWebhook({ events: ['message_read'], headers: [secretHeader] });
		await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1], {
			timestamp: '2026-03-01T10:00:00.000Z',
		});
		await sandbox.emitMessageRead(V1.chatIds[1], 'msV1demo0002_2', { repeat: true });
		expect(receiver.requests).toHaveLength(2);
		expect(receiver.requests[1].rawBody.equals(receiver.requests[0].rawBody)).toBe(true);
		expect(delivered()[1].payload).toMatchObject({
			message_id: V1.messageIds[1],
			timestamp: '2026-03-01T10:00:00.000Z',
		});
	});

	it('delivers only to enabled webhooks of that event and account', async () => {
		await createWebhook({ events: ['message_read'], name: 'read, any account' });
		await createWebhook({
			events: ['message_read'],
			account_ids: [V1.accountId],
			name: 'read, LinkedIn',
		});
		await createWebhook({
			events: ['message_read'],
			account_ids: [V1.whatsappAccountId],
			name: 'read, WhatsApp',
		});
		await createWebhook({ events: ['message_received'], name: 'received only' });
		await createWebhook({ events: ['message_read'], enabled: false, name: 'disabled' });
		expect(await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1])).toHaveLength(2);
		expect(delivered().map(({ payload }) => payload.webhook_name)).toEqual([
			'read, any account',
			'read, LinkedIn',
		]);
	});

	it('stores a received message, then delivers message_received', async () => {
		await createWebhook({ name: 'default events' });
		expect(await sandbox.emitMessageReceived(V1.chatIds[0], 'Are you there?')).toEqual([
			{ url: `${receiver.url}/hook`, status: 200 },
		]);
		const [newest] = await messagesOf(V1.chatIds[0]);
		expect(newest).toMatchObject({
			text: 'Are you there?',
			sender_id: V1.userIds[0],
			is_sender: 0,
		});
		expect(delivered()[0].payload).toMatchObject({
			event: 'message_received',
			message_id: newest.id,
			message: 'Are you there?',
			timestamp: newest.timestamp,
			sender: person(V1.userIds[0], 'Ana Demo'),
			attendees: [person(V1.ownerProviderId, 'Demo Owner')],
		});
		expect((await json(await get(`/chats/${V1.chatIds[0]}`))).body.unread_count).toBe(1);
	});

	it('adds reaction fields to message_reaction and takes payload overrides', async () => {
		await createWebhook({ events: ['message_reaction'] });
		await sandbox.emit('message_reaction', {
			chatId: V1.chatIds[1],
			messageId: 'msV1demo0002_2',
			payload: { reaction: '🎉' },
		});
		expect(delivered()[0].payload).toMatchObject({
			event: 'message_reaction',
			chat_id: V1.chatIds[1],
			reaction: '🎉',
			reaction_sender: person(V1.userIds[1], 'Ben Demo'),
		});
	});

	it('sends form-encoded fields when the webhook format is form', async () => {
		await createWebhook({ events: ['message_read'], format: 'form', name: 'form hook' });
		await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1]);
		const fields = new URLSearchParams(receiver.requests[0].rawBody.toString('utf8'));
		expect(fields.get('event')).toBe('message_read');
		expect(fields.get('webhook_name')).toBe('form hook');
		expect(JSON.parse(fields.get('account_info') ?? 'null')).toEqual({
			type: 'LINKEDIN',
			feature: 'classic',
			user_id: V1.ownerProviderId,
		});
	});

	it('reports an unreachable receiver as status 0 with the reason', async () => {
		const gone = await startSandboxServer({ handle: () => reply(200), onReset: () => undefined });
		await gone.close();
		await post(
			'/webhooks',
			JSON.stringify({
				source: 'messaging',
				request_url: `${gone.url}/hook`,
				events: ['message_read'],
			}),
			{ 'content-type': 'application/json' },
		);
		expect(await sandbox.emitMessageRead(V1.chatIds[0], V1.messageIds[1])).toEqual([
			{
				url: `${gone.url}/hook`,
				status: 0,
				error: `fetch failed: connect ECONNREFUSED 127.0.0.1:${gone.port}`,
			},
		]);
	});

	it('throws on an unknown chat or message, or a repeat with nothing before', async () => {
		await expect(sandbox.emit('message_read', { chatId: 'chNope' })).rejects.toThrow(
			'Unipile v1 sandbox emit: chat chNope not found',
		);
		await expect(sandbox.emitMessageRead(V1.chatIds[0], 'msNope')).rejects.toThrow(
			`Unipile v1 sandbox emit: message msNope not found in chat ${V1.chatIds[0]}`,
		);
		await expect(sandbox.emit('message_read', { repeat: true })).rejects.toThrow(
			'Unipile v1 sandbox emit: nothing to repeat: no earlier emit since the last reset',
		);
	});

	it('has admin routes that emit without a key', async () => {
		await createWebhook({ events: ['message_read', 'message_received'], headers: [secretHeader] });
		const admin = (path: string, body: unknown) =>
			fetch(`${sandbox.url}/__sandbox/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const ok = [{ url: `${receiver.url}/hook`, status: 200 }];
		expect(
			await json(
				await admin('emit-message-read', { chatId: V1.chatIds[0], messageId: V1.messageIds[1] }),
			),
		).toEqual({ status: 200, body: ok });
		expect(
			await json(await admin('emit-message-received', { chatId: V1.chatIds[0], text: 'Hi' })),
		).toEqual({ status: 200, body: ok });
		expect(await json(await admin('emit', { event: 'message_read', repeat: true }))).toEqual({
			status: 200,
			body: ok,
		});
		expect(await json(await admin('emit', { event: 'message.receipt.read' }))).toEqual({
			status: 400,
			body: {
				error:
					"event: Invalid enum value. Expected 'message_received' | 'message_read' | 'message_reaction' | 'message_edited' | 'message_deleted' | 'message_delivered', received 'message.receipt.read'",
			},
		});
		expect(
			await json(await admin('emit-message-read', { chatId: 'chNope', messageId: 'x' })),
		).toEqual({ status: 400, body: { error: 'chat chNope not found' } });
		expect(delivered().map(({ payload }) => payload.event)).toEqual([
			'message_read',
			'message_received',
			'message_received',
		]);
		expect(sandbox.requests).toHaveLength(1);
	});

	it('sends new relations to users webhooks and account statuses to account status webhooks only', async () => {
		await createWebhook({ events: ['message_read'], headers: [secretHeader] });
		await createWebhook({ source: 'users', headers: [secretHeader], name: 'relations' });
		await createWebhook({ source: 'account_status', headers: [secretHeader] });
		expect(sandbox.webhooks().map((webhook) => [webhook.source, webhook.events])).toEqual([
			['messaging', ['message_read']],
			['users', ['new_relation']],
			['account_status', []],
		]);
		const one = [{ url: `${receiver.url}/hook`, status: 200 }];
		expect(await sandbox.emitNewRelation({ providerId: V1.userIds[1] })).toEqual(one);
		expect(await sandbox.emitAccountStatus('CREDENTIALS')).toEqual(one);
		expect(await sandbox.emitAccountStatus('CREDENTIALS', { repeat: true })).toEqual(one);
		expect(delivered().map(({ payload }) => payload)).toEqual([
			{
				event: 'new_relation',
				account_id: V1.accountId,
				account_type: 'LINKEDIN',
				webhook_name: 'relations',
				user_full_name: expect.any(String),
				user_provider_id: V1.userIds[1],
				user_public_identifier: 'contact-er0002',
				user_profile_url: 'https://www.linkedin.com/in/contact-er0002/',
				user_picture_url: `https://media.licdn.com/dms/image/${V1.userIds[1]}.jpg`,
			},
			{
				AccountStatus: {
					account_id: V1.accountId,
					account_type: 'LINKEDIN',
					message: 'CREDENTIALS',
				},
			},
			{
				AccountStatus: {
					account_id: V1.accountId,
					account_type: 'LINKEDIN',
					message: 'CREDENTIALS',
				},
			},
		]);
		await expect(sandbox.emitNewRelation({ accountId: V1.whatsappAccountId })).rejects.toThrow(
			`Unipile v1 sandbox emit: account ${V1.whatsappAccountId} is not LinkedIn`,
		);
		const admin = (path: string, body: unknown) =>
			fetch(`${sandbox.url}/__sandbox/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		expect(await json(await admin('emit-new-relation', {}))).toEqual({ status: 200, body: one });
		expect(await json(await admin('emit-account-status', { status: 'OK' }))).toEqual({
			status: 200,
			body: one,
		});
		expect(await json(await admin('emit-account-status', { status: 'FINE' }))).toMatchObject({
			status: 400,
		});
		// The demo's curl: the person accepts the pending invitation, then the webhook names them.
		const before = delivered().length;
		expect(
			await json(await admin('accept-invitation', { providerId: NETWORK.invited.providerId })),
		).toEqual({ status: 200, body: one });
		expect(
			delivered()
				.slice(before)
				.map(({ payload }) => payload),
		).toEqual([
			expect.objectContaining({
				event: 'new_relation',
				user_full_name: 'Pat Pending',
				user_provider_id: NETWORK.invited.providerId,
				user_public_identifier: 'pat-pending',
				user_profile_url: 'https://www.linkedin.com/in/pat-pending/',
			}),
		]);
		expect(
			await json(await admin('accept-invitation', { providerId: NETWORK.invited.providerId })),
		).toEqual({
			status: 400,
			body: { error: `no pending invitation to ${NETWORK.invited.providerId}` },
		});
	});
});

// ---------------------------------------------------------------------------------------------
// Users and invitations, single reads, chat actions

const ACCOUNT = `account_id=${V1.accountId}`;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const GROWTH = 'Head of Growth at Example Co';
const notFoundError = (detail: string) =>
	error(404, 'resource_not_found', 'Resource not found.', detail);
const withJson = (method: string, path: string, body: unknown) =>
	fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
const del = (path: string) =>
	fetch(`${sandbox.baseUrl}${path}`, { method: 'DELETE', headers: auth });
interface V1Invitation {
	id: string;
	invited_user_id: string;
	date: string;
	parsed_datetime: string;
	specifics?: { shared_secret: string };
}
const invitationsOf = async (direction: 'sent' | 'received') =>
	(await json(await get(`/users/invite/${direction}?${ACCOUNT}&limit=100`))).body
		.items as V1Invitation[];
const invite = (providerId: string, extra: Record<string, unknown> = {}) =>
	withJson('POST', '/users/invite', {
		account_id: V1.accountId,
		provider_id: providerId,
		...extra,
	});
const profileOf = async (identifier: string) =>
	(await json(await get(`/users/${identifier}?${ACCOUNT}`))).body;
const handle = (invitation: V1Invitation, action: string, extra: Record<string, unknown> = {}) =>
	withJson('POST', `/users/invite/received/${invitation.id}`, {
		provider: 'LINKEDIN',
		shared_secret: invitation.specifics?.shared_secret,
		account_id: V1.accountId,
		action,
		...extra,
	});
const balance = async () =>
	(await json(await get(`/linkedin/inmail_balance?${ACCOUNT}`))).body.premium;

describe('GET /api/v1/users/{identifier}', () => {
	const pat = {
		object: 'UserProfile',
		provider: 'LINKEDIN',
		provider_id: NETWORK.invited.providerId,
		public_identifier: 'pat-pending',
		first_name: 'Pat',
		last_name: 'Pending',
		headline: GROWTH,
		location: 'Lyon, France',
		websites: [],
		can_send_inmail: true,
		is_open_profile: false,
		is_premium: false,
		is_relationship: false,
		is_self: false,
		invitation: { type: 'SENT', status: 'PENDING' },
		network_distance: 'SECOND_DEGREE',
		public_profile_url: 'https://www.linkedin.com/in/pat-pending',
	};

	it('resolves the public identifier of a profile URL to the provider ID', async () => {
		expect(await json(await get(`/users/pat-pending?${ACCOUNT}`))).toEqual({
			status: 200,
			body: pat,
		});
		expect(await profileOf(NETWORK.invited.providerId)).toEqual(pat);
		expect(await profileOf('PAT-PENDING')).toEqual(pat);
	});

	it.each([
		[
			'a relation',
			V1.userIds[1],
			{ is_relationship: true, network_distance: 'FIRST_DEGREE', first_name: 'Ben' },
		],
		[
			'someone who invited the account',
			NETWORK.inviter.publicIdentifier,
			{ is_relationship: false, invitation: { type: 'RECEIVED', status: 'PENDING' } },
		],
		[
			'an open profile',
			NETWORK.openProfile.publicIdentifier,
			{ network_distance: 'THIRD_DEGREE', is_open_profile: true, is_premium: true },
		],
		[
			'a stranger',
			NETWORK.stranger.publicIdentifier,
			{ network_distance: 'OUT_OF_NETWORK', can_send_inmail: false },
		],
		['the account itself', V1.ownerProviderId, { is_self: true, is_relationship: false }],
	])('describes %s', async (_, identifier, fields) => {
		const profile = await profileOf(identifier);
		expect(profile).toMatchObject(fields);
		if (identifier === V1.ownerProviderId) expect(profile).not.toHaveProperty('network_distance');
		if (identifier === V1.userIds[1]) expect(profile).not.toHaveProperty('invitation');
	});

	it('gives the Sales Navigator ID with linkedin_api=sales_navigator; Recruiter is not subscribed', async () => {
		const sales = await json(
			await get(
				`/users/pat-pending?${ACCOUNT}&linkedin_api=sales_navigator&linkedin_sections=experience,skills`,
			),
		);
		expect(sales.body.provider_id).toBe('ACwAAPatPending01');
		expect(await json(await get(`/users/pat-pending?${ACCOUNT}&linkedin_api=recruiter`))).toEqual(
			error(
				403,
				'feature_not_subscribed',
				'Feature not subscribed',
				'linkedin_api: this account has no LinkedIn Recruiter subscription',
			),
		);
	});

	it.each([
		[
			'a profile URL',
			`/users/${encodeURIComponent('https://www.linkedin.com/in/pat-pending/')}?${ACCOUNT}`,
			invalid(
				'identifier: pass the public identifier (the last part of the profile URL) or the provider ID, not a URL',
			),
		],
		['an unknown user', `/users/nobody-here?${ACCOUNT}`, notFoundError('User not found')],
		[
			'no account_id',
			'/users/pat-pending',
			error(400, 'missing_parameters', 'Missing parameters', 'account_id: is required'),
		],
		[
			'the WhatsApp account',
			`/users/pat-pending?account_id=${V1.whatsappAccountId}`,
			error(
				422,
				'invalid_account',
				'Invalid account',
				`account_id: ${V1.whatsappAccountId} is a WHATSAPP account, not LinkedIn`,
			),
		],
		[
			'an unknown section',
			`/users/pat-pending?${ACCOUNT}&linkedin_sections=hobbies`,
			invalid(
				'linkedin_sections: must be * or section names among experience, education, languages, skills, certifications, about, volunteering_experience, projects, recommendations_received, recommendations_given',
			),
		],
	])('refuses %s', async (_, path, expected) => {
		expect(await json(await get(path))).toEqual(expected);
	});

	it('answers GET /users/me with the account owner', async () => {
		expect(await json(await get(`/users/me?${ACCOUNT}`))).toMatchObject({
			status: 200,
			body: {
				object: 'AccountOwnerProfile',
				provider: 'LINKEDIN',
				provider_id: V1.ownerProviderId,
				public_identifier: 'demo-owner',
				premium: true,
			},
		});
	});
});

describe('GET /api/v1/users/invite/sent and /received', () => {
	it('lists pending sent invitations newest first, with LinkedIn’s date and a parsed one', async () => {
		const { status, body } = await json(await get(`/users/invite/sent?${ACCOUNT}&limit=100`));
		expect(status).toBe(200);
		expect(body.object).toBe('InvitationList');
		expect(body.cursor).toBeNull();
		const items = body.items as V1Invitation[];
		expect(items.map((item) => item.date)).toEqual([
			'Sent today',
			'Sent yesterday',
			'Sent 2 days ago',
			'Sent 3 days ago',
			'Sent 4 days ago',
			'Sent 6 days ago',
			'Sent 1 week ago',
			'Sent 1 week ago',
			'Sent 1 week ago',
			'Sent 2 weeks ago',
			'Sent 1 month ago',
			'Sent 2 months ago',
		]);
		const weekAgo = Date.now() - 7 * 86_400_000;
		expect(items.filter((item) => Date.parse(item.parsed_datetime) > weekAgo)).toHaveLength(
			NETWORK.sentLastWeek,
		);
		expect(items[2]).toEqual({
			object: 'InvitationSent',
			id: expect.stringMatching(/^\d+$/),
			invited_user: 'Pat Pending',
			invited_user_id: NETWORK.invited.providerId,
			invited_user_public_id: 'pat-pending',
			invited_user_description: GROWTH,
			date: 'Sent 2 days ago',
			parsed_datetime: expect.stringMatching(ISO),
			invitation_text: 'Hi, I enjoyed your post on outbound, happy to connect',
		});
	});

	it('pages 10 at a time by default, up to 100', async () => {
		const first = (await json(await get(`/users/invite/sent?${ACCOUNT}`))).body;
		expect(first.items).toHaveLength(10);
		const second = (
			await json(await get(`/users/invite/sent?${ACCOUNT}&cursor=${String(first.cursor)}`))
		).body;
		expect(second.items).toHaveLength(NETWORK.sentCount - 10);
		expect(second.cursor).toBeNull();
		expect(await json(await get(`/users/invite/sent?${ACCOUNT}&limit=101`))).toEqual(
			invalid('limit: must be an integer from 1 to 100'),
		);
	});

	it('lists received invitations with the inviter and the shared secret to answer them', async () => {
		const items = await invitationsOf('received');
		expect(items).toHaveLength(NETWORK.receivedCount);
		expect(items[0]).toEqual({
			object: 'InvitationReceived',
			id: expect.stringMatching(/^\d+$/),
			invited_user: 'Demo Owner',
			invited_user_id: V1.ownerProviderId,
			invited_user_public_id: 'demo-owner',
			invited_user_description: 'Founder at Demo Corp',
			date: 'Sent yesterday',
			parsed_datetime: expect.stringMatching(ISO),
			invitation_text: 'Hi! We work on similar topics, let us connect',
			inviter: {
				inviter_name: 'Rita Invites',
				inviter_id: NETWORK.inviter.providerId,
				inviter_public_identifier: 'rita-invites',
				inviter_description: GROWTH,
			},
			specifics: { provider: 'LINKEDIN', shared_secret: expect.stringMatching(/^secret-\d+$/) },
		});
	});
});

describe('POST /api/v1/users/invite', () => {
	it('sends an invitation that the list and the profile then show', async () => {
		const { status, body } = await json(
			await invite(NETWORK.stranger.providerId, { message: 'Hello Nora' }),
		);
		expect(status).toBe(200);
		expect(body).toEqual({
			object: 'UserInvitationSent',
			invitation_id: expect.stringMatching(/^\d+$/),
		});
		const [latest] = await invitationsOf('sent');
		expect(latest).toMatchObject({
			id: body.invitation_id,
			invited_user_id: NETWORK.stranger.providerId,
			date: 'Sent today',
			invitation_text: 'Hello Nora',
		});
		expect((await profileOf('nora-new')).invitation).toEqual({ type: 'SENT', status: 'PENDING' });
	});

	it("plays the send matrix's prospects: second degree, nothing pending, each invitable once", async () => {
		const sent = (await invitationsOf('sent')).map((item) => item.invited_user_id);
		for (const prospect of NETWORK.prospects) {
			expect(await profileOf(prospect.publicIdentifier)).toMatchObject({
				provider_id: prospect.providerId,
				network_distance: 'SECOND_DEGREE',
				is_relationship: false,
			});
			expect(await profileOf(prospect.providerId)).not.toHaveProperty('invitation');
			expect(sent).not.toContain(prospect.providerId);
		}
		const [first] = NETWORK.prospects;
		expect((await invite(first.providerId, { message: 'm1i0' })).status).toBe(200);
		expect((await profileOf(first.providerId)).invitation).toEqual({
			type: 'SENT',
			status: 'PENDING',
		});
		expect((await json(await invite(first.providerId))).body.type).toBe(
			'errors/already_invited_recently',
		);
	});

	it('takes a 300-character note and refuses 301', async () => {
		expect(
			await json(await invite(NETWORK.stranger.providerId, { message: 'é'.repeat(301) })),
		).toEqual(
			error(
				400,
				'too_many_characters',
				'Too many characters',
				'message: 301 characters, over the 300 an invitation note takes',
			),
		);
		expect((await invite(NETWORK.stranger.providerId, { message: 'é'.repeat(300) })).status).toBe(
			200,
		);
	});

	it.each([
		[
			'a relation',
			V1.userIds[0],
			{},
			error(422, 'already_connected', 'Already connected', 'Ana Demo is already a relation'),
		],
		[
			'someone already invited',
			NETWORK.invited.providerId,
			{},
			error(
				422,
				'already_invited_recently',
				'Should delay new invitation to this recipient',
				'An invitation has already been sent recently to this recipient. Please try again later.',
			),
		],
		[
			'someone who invited the account',
			NETWORK.inviter.providerId,
			{},
			error(
				422,
				'action_already_performed',
				'Action already performed',
				'Rita Invites has invited you: accept their invitation instead',
			),
		],
		[
			'a public identifier',
			'nora-new',
			{},
			error(
				422,
				'invalid_recipient',
				'Invalid recipient',
				'provider_id: nora-new is not a LinkedIn provider id (ACoAA…); get it with GET /users/{public_identifier}',
			),
		],
		['an unknown user', 'ACoAAUnknown0001', {}, notFoundError('User not found')],
		[
			'the WhatsApp account',
			NETWORK.stranger.providerId,
			{ account_id: V1.whatsappAccountId },
			error(
				422,
				'invalid_account',
				'Invalid account',
				`account_id: ${V1.whatsappAccountId} is a WHATSAPP account, not LinkedIn`,
			),
		],
		[
			'the v2 field name',
			NETWORK.stranger.providerId,
			{ user_id: NETWORK.stranger.providerId },
			invalid(
				'Unrecognized key(s) in object: user_id (this route takes provider_id, account_id, user_email, message)',
			),
		],
	])('refuses an invitation to %s, sending nothing', async (_, providerId, extra, expected) => {
		expect(await json(await invite(providerId, extra))).toEqual(expected);
		expect(await invitationsOf('sent')).toHaveLength(NETWORK.sentCount);
	});

	it('refuses a body without provider_id', async () => {
		expect(
			await json(await withJson('POST', '/users/invite', { account_id: V1.accountId })),
		).toEqual(error(400, 'missing_parameters', 'Missing parameters', 'provider_id: is required'));
	});

	it('reports usage at a new share of the weekly limit, then refuses past it (withdrawn ones count)', async () => {
		const limited = await startUnipileV1Sandbox({
			weeklyInvitationLimit: NETWORK.sentLastWeek + 1,
		});
		try {
			const send = async (providerId: string) =>
				await json(
					await fetch(`${limited.baseUrl}/users/invite`, {
						method: 'POST',
						headers: { ...auth, 'content-type': 'application/json' },
						body: JSON.stringify({ account_id: V1.accountId, provider_id: providerId }),
					}),
				);
			const first = await send(NETWORK.stranger.providerId);
			expect(first).toEqual({
				status: 200,
				body: { object: 'UserInvitationSent', invitation_id: expect.any(String), usage: 95 },
			});
			const cancel = await fetch(
				`${limited.baseUrl}/users/invite/sent/${String(first.body.invitation_id)}?${ACCOUNT}`,
				{ method: 'DELETE', headers: auth },
			);
			expect(cancel.status).toBe(200);
			expect(await send(NETWORK.openProfile.providerId)).toEqual(
				error(
					422,
					'limit_exceeded',
					'Limit exceeded',
					"The account has reached LinkedIn's weekly invitation limit",
				),
			);
		} finally {
			await limited.close();
		}
	});
});

describe('withdrawing and answering invitations', () => {
	it('cancels a sent invitation; inviting again soon is refused', async () => {
		const pat = (await invitationsOf('sent'))[2];
		expect(await json(await del(`/users/invite/sent/${pat.id}?${ACCOUNT}`))).toEqual({
			status: 200,
			body: { object: 'InvitationCanceled' },
		});
		expect((await invitationsOf('sent')).map((item) => item.id)).not.toContain(pat.id);
		expect((await profileOf('pat-pending')).invitation).toEqual({
			type: 'SENT',
			status: 'WITHDRAWN',
		});
		expect((await json(await invite(NETWORK.invited.providerId))).body.type).toBe(
			'errors/already_invited_recently',
		);
		expect(await json(await del(`/users/invite/sent/${pat.id}?${ACCOUNT}`))).toEqual(
			notFoundError(`Invitation ${pat.id} not found`),
		);
	});

	it('refuses to cancel a received invitation or to cancel without account_id', async () => {
		const [rita] = await invitationsOf('received');
		expect(await json(await del(`/users/invite/sent/${rita.id}?${ACCOUNT}`))).toEqual(
			invalid(
				`invitation_id: ${rita.id} was received; decline it with POST /users/invite/received/{invitation_id}`,
			),
		);
		expect(await json(await del(`/users/invite/sent/${rita.id}`))).toEqual(
			error(400, 'missing_parameters', 'Missing parameters', 'account_id: is required'),
		);
	});

	it('accepts a received invitation with its shared secret: a new relation', async () => {
		const [rita] = await invitationsOf('received');
		expect(await json(await handle(rita, 'accept'))).toEqual({
			status: 200,
			body: { object: 'UserInvitationHandled', status: 'ACCEPTED' },
		});
		expect(await invitationsOf('received')).toHaveLength(NETWORK.receivedCount - 1);
		const profile = await profileOf('rita-invites');
		expect(profile).toMatchObject({ is_relationship: true, network_distance: 'FIRST_DEGREE' });
		expect(profile).not.toHaveProperty('invitation');
		const relations = (await json(await get(`/users/relations?${ACCOUNT}`))).body.items as Array<{
			member_id: string;
		}>;
		expect(relations[0].member_id).toBe(NETWORK.inviter.providerId);
		expect((await start1to1(NETWORK.inviter.providerId)).status).toBe(201);
	});

	it('declines a received invitation', async () => {
		const [rita] = await invitationsOf('received');
		expect((await json(await handle(rita, 'decline'))).body).toEqual({
			object: 'UserInvitationHandled',
			status: 'DECLINED',
		});
		expect((await profileOf('rita-invites')).invitation).toEqual({
			type: 'RECEIVED',
			status: 'IGNORED',
		});
	});

	it('refuses a wrong secret, a sent invitation, an unknown one and off-spec bodies', async () => {
		const [rita] = await invitationsOf('received');
		expect(await json(await handle(rita, 'accept', { shared_secret: 'nope' }))).toEqual(
			invalid(
				`shared_secret: not the one of invitation ${rita.id} (take it from GET /users/invite/received)`,
			),
		);
		const [sent] = await invitationsOf('sent');
		expect(await json(await handle(sent, 'accept', { shared_secret: 'x' }))).toEqual(
			invalid(
				`invitation_id: ${sent.id} is one you sent; cancel it with DELETE /users/invite/sent/{invitation_id}`,
			),
		);
		expect(await json(await handle({ ...rita, id: '123' }, 'accept'))).toEqual(
			notFoundError('Invitation 123 not found'),
		);
		expect(await json(await handle(rita, 'ignore'))).toEqual(
			invalid("action: Invalid enum value. Expected 'accept' | 'decline', received 'ignore'"),
		);
		expect(await json(await handle(rita, 'accept', { provider: 'INSTAGRAM' }))).toEqual(
			invalid('provider: must be "LINKEDIN"'),
		);
		expect(await invitationsOf('received')).toHaveLength(NETWORK.receivedCount);
	});

	it('lets a test make the person accept a pending invitation', async () => {
		expect(sandbox.acceptInvitation(NETWORK.invited.providerId)).toBe(true);
		expect(sandbox.acceptInvitation(NETWORK.invited.providerId)).toBe(false);
		expect(await invitationsOf('sent')).toHaveLength(NETWORK.sentCount - 1);
		expect((await profileOf('pat-pending')).is_relationship).toBe(true);
	});
});

describe('GET /api/v1/users/relations', () => {
	it('lists the relations newest first, filtered by name, in cursor pages', async () => {
		const { status, body } = await json(await get(`/users/relations?${ACCOUNT}`));
		expect(status).toBe(200);
		expect(body.object).toBe('UserRelationsList');
		expect(body.cursor).toBeNull();
		const items = body.items as Array<Record<string, unknown>>;
		expect(items.map((item) => item.member_id)).toEqual(V1.userIds);
		expect(items[0]).toEqual({
			object: 'UserRelation',
			first_name: 'Ana',
			last_name: 'Demo',
			headline: 'Sales Director at Demo Corp',
			public_identifier: 'ana-demo',
			public_profile_url: 'https://www.linkedin.com/in/ana-demo/',
			created_at: expect.any(Number),
			member_id: V1.userIds[0],
			member_urn: `urn:li:fsd_profile:${V1.userIds[0]}`,
			connection_urn: `urn:li:fsd_connection:${V1.userIds[0]}`,
		});
		const ben = (await json(await get(`/users/relations?${ACCOUNT}&filter=ben`))).body.items;
		expect(ben).toEqual([expect.objectContaining({ first_name: 'Ben' })]);
		const first = (await json(await get(`/users/relations?${ACCOUNT}&limit=3`))).body;
		const next = (
			await json(await get(`/users/relations?${ACCOUNT}&limit=3&cursor=${String(first.cursor)}`))
		).body;
		expect((next.items as unknown[]).length).toBe(1);
		expect(await json(await get(`/users/relations?${ACCOUNT}&limit=1001`))).toEqual(
			invalid('limit: must be an integer from 1 to 1000'),
		);
	});
});

describe('starting chats across the network (v1)', () => {
	it('needs linkedin[invitation_id] to message someone who invited the account', async () => {
		expect(await json(await start1to1(NETWORK.inviter.providerId))).toEqual(
			invalid(
				`linkedin[invitation_id]: mandatory to start a chat with ${NETWORK.inviter.providerId}, who sent you an invitation you have neither accepted nor declined`,
			),
		);
		expect(
			await json(await start1to1(NETWORK.inviter.providerId, [['linkedin[invitation_id]', '42']])),
		).toEqual(
			invalid(
				`linkedin[invitation_id]: 42 is not a pending invitation from ${NETWORK.inviter.providerId}`,
			),
		);
		const [rita] = await invitationsOf('received');
		expect(
			(await start1to1(NETWORK.inviter.providerId, [['linkedin[invitation_id]', rita.id]])).status,
		).toBe(201);
	});

	it('refuses a plain message outside the relations and an InMail to someone closed to it', async () => {
		expect(await json(await start1to1(NETWORK.invited.providerId))).toEqual(
			error(
				422,
				'no_connection_with_recipient',
				'No connection with recipient',
				`${NETWORK.invited.providerId} is not a relation: start with an InMail, or send an invitation first`,
			),
		);
		expect(
			await json(await start1to1(NETWORK.stranger.providerId, [['linkedin[inmail]', 'true']])),
		).toEqual(
			error(
				422,
				'not_allowed_inmail',
				'InMail not allowed',
				`${NETWORK.stranger.providerId} cannot be reached by InMail`,
			),
		);
	});

	it('spends an InMail credit except on an open profile; Sales Navigator starts count as InMail', async () => {
		expect(
			(await start1to1(NETWORK.openProfile.providerId, [['linkedin[inmail]', 'true']])).status,
		).toBe(201);
		expect(await balance()).toBe(V1.inmailCredits);
		expect(
			(await start1to1(NETWORK.invited.providerId, [['linkedin[inmail]', 'true']])).status,
		).toBe(201);
		expect(await balance()).toBe(V1.inmailCredits - 1);
		const { body } = await json(
			await start1to1(NETWORK.stranger.providerId, [
				['linkedin[api]', 'sales_navigator'],
				['subject', 'A question about your team'],
			]),
		);
		expect(body).toEqual(
			error(
				422,
				'not_allowed_inmail',
				'InMail not allowed',
				`${NETWORK.stranger.providerId} cannot be reached by InMail`,
			).body,
		);
		const started = await json(
			await start1to1(NETWORK.openProfile.providerId, [
				['linkedin[api]', 'sales_navigator'],
				['subject', 'A question about your team'],
			]),
		);
		expect(started.status).toBe(201);
		expect((await json(await get(`/chats/${String(started.body.chat_id)}`))).body).toMatchObject({
			folder: ['INBOX', 'INBOX_LINKEDIN_SALES_NAVIGATOR'],
		});
		expect((await messagesOf(String(started.body.chat_id)))[0]).toMatchObject({
			subject: 'A question about your team',
		});
	});
});

describe('single reads and chat actions', () => {
	it('gets one message by ID, wherever its chat', async () => {
		const listed = (await messagesOf(V1.chatIds[0]))[1];
		expect(await json(await get(`/messages/${V1.messageIds[1]}`))).toEqual({
			status: 200,
			body: listed,
		});
		expect(await json(await get('/messages/msNope'))).toEqual(
			notFoundError('Message msNope not found'),
		);
	});

	it('marks a chat read with setReadStatus, or unread again', async () => {
		const chatId = V1.chatIds[2];
		const patch = (body: unknown) => withJson('PATCH', `/chats/${chatId}`, body);
		expect((await json(await get(`/chats/${chatId}`))).body.unread_count).toBe(1);
		expect(await json(await patch({ action: 'setReadStatus', value: true }))).toEqual({
			status: 200,
			body: { object: 'ChatPatched' },
		});
		expect((await json(await get(`/chats/${chatId}`))).body.unread_count).toBe(0);
		expect((await messagesOf(chatId))[0].seen).toBe(1);
		await patch({ action: 'setReadStatus', value: false });
		expect((await json(await get(`/chats/${chatId}`))).body.unread_count).toBe(1);
	});

	it.each([
		[
			'another action',
			{ action: 'setMuteStatus', value: true },
			invalid('action: Invalid literal value, expected "setReadStatus"'),
		],
		[
			'no value',
			{ action: 'setReadStatus' },
			error(400, 'missing_parameters', 'Missing parameters', 'value: is required'),
		],
		[
			'the v2 body',
			{ read_status: true },
			invalid('Unrecognized key(s) in object: read_status (this route takes action, value)'),
		],
	])('refuses a PATCH with %s', async (_, body, expected) => {
		expect(await json(await withJson('PATCH', `/chats/${V1.chatIds[2]}`, body))).toEqual(expected);
		expect((await json(await get(`/chats/${V1.chatIds[2]}`))).body.unread_count).toBe(1);
	});

	it('answers 404 to PATCH on an unknown chat', async () => {
		expect(
			await json(
				await withJson('PATCH', '/chats/chNope', { action: 'setReadStatus', value: true }),
			),
		).toEqual(notFoundError('Chat chNope not found'));
	});

	it('downloads an attachment as its bytes with its MIME type', async () => {
		const { messageId, attachmentId } = V1.attachment;
		expect((await json(await get(`/messages/${messageId}`))).body.attachments).toEqual([
			{
				id: attachmentId,
				file_size: V1_SANDBOX_PDF.length,
				unavailable: false,
				mimetype: 'application/pdf',
				type: 'file',
				file_name: 'proposal.pdf',
			},
		]);
		const response = await get(`/messages/${messageId}/attachments/${attachmentId}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await response.arrayBuffer())).toEqual(V1_SANDBOX_PDF);
		expect(await json(await get(`/messages/${messageId}/attachments/attNope`))).toEqual(
			notFoundError(`Attachment attNope not found in message ${messageId}`),
		);
	});

	it('downloads a file the account sent', async () => {
		const sent = await json(
			await post(
				`/chats/${V1.chatIds[0]}/messages`,
				formOf([['attachments', blob('hello file', 'text/plain'), 'note.txt']]),
			),
		);
		const message = (await json(await get(`/messages/${String(sent.body.message_id)}`))).body as {
			attachments: Array<{ id: string }>;
		};
		const response = await get(
			`/messages/${String(sent.body.message_id)}/attachments/${message.attachments[0].id}`,
		);
		expect(response.headers.get('content-type')).toBe('text/plain');
		expect(await response.text()).toBe('hello file');
	});

	it('has no message reaction route (the v1 reference we have lists none)', async () => {
		for (const suffix of ['reaction', 'reactions'])
			expect(
				await json(
					await withJson('POST', `/messages/${V1.messageIds[0]}/${suffix}`, { reaction: '👍' }),
				),
			).toEqual(notFoundError(`Cannot POST /api/v1/messages/${V1.messageIds[0]}/${suffix}`));
	});

	it('marks Sales Navigator chats by folder; the list has no folder filter', async () => {
		const chats = (await json(await get(`/chats?${ACCOUNT}&limit=50`))).body.items as Array<{
			id: string;
			folder: string[];
		}>;
		expect(
			chats
				.filter((chat) => chat.folder.includes('INBOX_LINKEDIN_SALES_NAVIGATOR'))
				.map((chat) => chat.id),
		).toEqual(V1.salesNavigatorChatIds);
		expect((await json(await get(`/chats?${ACCOUNT}&folder=INBOX_LINKEDIN_CLASSIC`))).status).toBe(
			400,
		);
	});

	it('tells LinkedIn accounts by type; the account list takes no type filter', async () => {
		const accounts = (await json(await get('/accounts'))).body.items as Array<{
			id: string;
			type: string;
		}>;
		expect(
			accounts.filter((account) => account.type === 'LINKEDIN').map((account) => account.id),
		).toEqual([V1.accountId]);
		expect(await json(await get('/accounts?type=LINKEDIN'))).toEqual(
			invalid('Unknown query parameter(s): type (this route takes limit, cursor)'),
		);
	});
});
