/**
 * Plays the Unipile API v2 (docs/unipile-v2.md) on 127.0.0.1, statefully and strictly: anything
 * off-spec gets a 400 problem body whose detail says why.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

import type { RecordedRequest, Reply, SandboxServer } from './server';
import { reply, startSandboxServer } from './server';

export const UNIPILE_SANDBOX = {
	apiKey: 'example-unipile-key',
	serviceApiKey: 'example-unipile-service-key',
	accountId: 'acc_demo_linkedin',
	userIds: ['ACoAAUser0001', 'ACoAAUser0002', 'ACoAAUser0003', 'ACoAAUser0004'],
	/** Seeded chats with messages; chat 0 is 1:1 with user 0, chat 1 with user 1. */
	chatIds: ['chat_0001', 'chat_0002', 'chat_0003'],
	/** A message from the other party in chat 0. */
	messageIds: ['msg_0001_1'],
	chatCount: 30,
};

const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const EVENTS = [
	'account.status.disconnected',
	'account.status.running',
	'account.status.errored',
	'account.status.paused',
	'account.add',
	'account.reconnect',
	'account.remove',
	'account.initial_sync.running',
	'account.initial_sync.failed',
	'account.initial_sync.completed',
	'message.new',
	'message.update',
	'message.delete',
	'message.receipt.read',
	'message.receipt.delivery',
	'message.reaction.new',
	'chat.delete',
	'chat.update',
	'email.new',
	'email.new.bounce',
	'email.delete',
	'email.draft.new',
	'email.draft.delete',
	'email.folder.create',
	'email.folder.update',
	'email.folder.delete',
	'calendar.create',
	'calendar.update',
	'calendar.delete',
	'calendar.event.new',
	'calendar.event.update',
	'calendar.event.delete',
	'tracking.open',
	'tracking.click',
	'relation.request.accept',
] as const;

interface Message {
	object: 'Message';
	id: string;
	chat_id: string;
	text: string;
	sender_id: string;
	timestamp: string;
	is_sender: boolean;
	is_seen: boolean;
	is_delivered: boolean;
	quoted: { id: string } | null;
	attachments: Array<{
		id: string;
		mimetype: string;
		filename: string;
		file_size: number;
		type: string;
	}>;
}

interface Chat {
	object: 'Chat';
	id: string;
	name: string | null;
	type: '1to1' | 'group';
	is_group: boolean;
	is_1to1: boolean;
	user_id: string | null;
	participants: string[];
	unread_count: number;
	is_archived: boolean;
	provider: 'LINKEDIN';
	inbox_id: string;
	last_message_timestamp: string;
	messages: Message[];
}

export interface WebhookEndpoint {
	object: 'WebhookEndpoint';
	id: string;
	application_id: string;
	enabled: boolean;
	description: string | null;
	url: string;
	trigger_events: string[];
	secret: string;
	account_ids: string[];
	account_targets: Array<{
		object: string;
		id: string;
		account_name: string;
		account_provider: string;
		status: string;
	}>;
}

export type SignatureMode = 'valid' | 'forged' | 'none' | 'stale';

export interface EmitOptions {
	signature?: SignatureMode;
	/** Reuse an event id, as Unipile does when it retries a delivery. */
	id?: string;
}

export interface UnipileSandbox extends SandboxServer {
	baseUrl: string;
	webhooks(): WebhookEndpoint[];
	emit(
		event: { type: string; accountId?: string; payload: Record<string, unknown> },
		options?: EmitOptions,
	): Promise<Array<{ url: string; status: number }>>;
	emitReadReceipt(
		chatId: string,
		messageId: string,
		options?: EmitOptions,
	): Promise<Array<{ url: string; status: number }>>;
	/** `relation.request.accept` for `userId` (default: the first contact). */
	emitNewRelation(
		userId?: string,
		options?: EmitOptions,
	): Promise<Array<{ url: string; status: number }>>;
	/** `account.status.<status>` with its documented payload (docs/unipile-v2.md#account-status-events). */
	emitAccountStatus(
		status: V2AccountStatus,
		options?: EmitOptions,
	): Promise<Array<{ url: string; status: number }>>;
}

export type V2AccountStatus = 'disconnected' | 'errored' | 'paused' | 'running';

const problem = (status: number, type: string, title: string, detail: string): Reply =>
	reply(status, {
		object: 'Error',
		type,
		status,
		title,
		detail,
		req_id: randomBytes(6).toString('hex'),
	});
const invalid = (detail: string) =>
	problem(400, 'api/invalid_parameters', 'Invalid parameters', detail);
const notFound = (detail: string) =>
	problem(404, 'api/resource_not_found', 'Resource not found', detail);

const base64 = z
	.string()
	.min(1)
	.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');
const messageFile = z
	.object({
		content: base64,
		content_type: z.string().min(1),
		filename: z.string().regex(/\.[A-Za-z0-9]+$/, 'must have an extension'),
		send_mode: z.enum(['native', 'file']).optional(),
		metadata: z.object({ duration: z.number().optional() }).strict().optional(),
	})
	.strict();
const attachments = z.array(messageFile).optional();
const startChat = z
	.object({
		text: z.string(),
		users_ids: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
		name: z.string().optional(),
		attachments,
		specifics: z
			.object({
				linkedin: z
					.object({
						classic: z
							.object({
								inmail: z.boolean().optional(),
								company_topic: z
									.enum(['SERVICE_REQUEST', 'REQUEST_A_DEMO', 'SUPPORT', 'CAREERS', 'OTHER'])
									.optional(),
								relation_request_id: z.string().optional(),
								applicant: z
									.object({ id: z.string().min(1), messaging_token: z.string().min(1) })
									.strict()
									.optional(),
							})
							.strict()
							.optional(),
						sales_navigator: z
							.object({ subject: z.string().min(1) })
							.strict()
							.optional(),
					})
					.strict(),
			})
			.strict()
			.optional(),
	})
	.strict();
const sendMessage = z
	.object({ text: z.string(), quote_id: z.string().min(1).optional(), attachments })
	.strict();
const forwardMessage = z
	.object({ chat_id: z.string().min(1), text: z.string().optional() })
	.strict();
const createEndpoint = z
	.object({
		trigger_events: z.array(z.enum(EVENTS)).min(1),
		url: z.string().url().max(255),
		account_ids: z.array(z.string().regex(/^acc_/)).optional(),
		description: z.string().max(255).optional(),
	})
	.strict();
const updateEndpoint = createEndpoint
	.partial()
	.extend({ enabled: z.boolean().optional() })
	.strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): { data: T } | { error: Reply } {
	if (body === undefined)
		return { error: invalid('The body must be JSON (Content-Type: application/json)') };
	// Unknown top-level keys first, so a v1 or seed-doc key (attendees_ids, options) is named.
	if (schema instanceof z.ZodObject && typeof body === 'object' && body !== null) {
		const unknown = Object.keys(body).filter((key) => !(key in schema.shape));
		if (unknown.length)
			return { error: invalid(`Unrecognized key(s) in object: ${unknown.join(', ')}`) };
	}
	const result = schema.safeParse(body);
	if (result.success) return { data: result.data };
	const issue = result.error.issues[0];
	const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
	return { error: invalid(`${where}${issue.message}`) };
}

function filesTooLarge(files: Array<{ content: string }> | undefined) {
	const bytes = (files ?? []).reduce(
		(sum, file) => sum + Buffer.from(file.content, 'base64').length,
		0,
	);
	return bytes > MAX_ATTACHMENT_BYTES;
}

function page<T>(
	items: T[],
	query: RecordedRequest['query'],
): Reply | { data: T[]; next_cursor: string | null } {
	const limit = query.limit === undefined ? 20 : Number(query.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 250)
		return invalid('limit: must be an integer from 1 to 250');
	const start = query.cursor
		? Number(Buffer.from(String(query.cursor), 'base64url').toString())
		: 0;
	if (!Number.isInteger(start) || start < 0) return invalid('cursor: unknown cursor');
	const data = items.slice(start, start + limit);
	const next =
		start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
	return { data, next_cursor: next };
}

/** A chat as the API lists it: without its messages. */
const summaryOf = (chat: Chat) =>
	Object.fromEntries(Object.entries(chat).filter(([key]) => key !== 'messages'));

const isReply = (value: unknown): value is Reply =>
	typeof value === 'object' && value !== null && 'status' in value;

export async function startUnipileSandbox(
	options: {
		port?: number;
		apiKey?: string;
		serviceApiKey?: string;
		/** How many chats to seed (default `UNIPILE_SANDBOX.chatCount`), e.g. 10,000 for the bench. */
		chatCount?: number;
	} = {},
): Promise<UnipileSandbox> {
	const apiKey = options.apiKey ?? UNIPILE_SANDBOX.apiKey;
	const chatCount = options.chatCount ?? UNIPILE_SANDBOX.chatCount;
	const serviceApiKey = options.serviceApiKey ?? UNIPILE_SANDBOX.serviceApiKey;
	let chats = new Map<string, Chat>();
	let endpoints = new Map<string, WebhookEndpoint>();
	let counter = 0;
	let credits = 5;
	const nextId = (prefix: string) =>
		`${prefix}_${Date.now().toString(36)}${(++counter).toString(36)}`;

	function seed() {
		chats = new Map();
		endpoints = new Map();
		credits = 5;
		const now = Date.now();
		for (let n = 1; n <= chatCount; n++) {
			const id = `chat_${String(n).padStart(4, '0')}`;
			const user = UNIPILE_SANDBOX.userIds[(n - 1) % UNIPILE_SANDBOX.userIds.length];
			const at = (minutes: number) => new Date(now - (n * 60 + minutes) * 60_000).toISOString();
			const message = (index: number, fromUs: boolean, text: string): Message => ({
				object: 'Message',
				id: `msg_${String(n).padStart(4, '0')}_${index}`,
				chat_id: id,
				text,
				sender_id: fromUs ? 'ACoAAOwner0000' : user,
				timestamp: at(10 - index),
				is_sender: fromUs,
				is_seen: true,
				is_delivered: true,
				quoted: null,
				attachments: [],
			});
			chats.set(id, {
				object: 'Chat',
				id,
				name: n <= 4 ? `Demo contact ${n}` : null,
				type: '1to1',
				is_group: false,
				is_1to1: true,
				user_id: n <= 4 ? user : `ACoAAOther${n}`,
				participants: [n <= 4 ? user : `ACoAAOther${n}`],
				unread_count: n % 3 === 0 ? 1 : 0,
				is_archived: false,
				provider: 'LINKEDIN',
				inbox_id: 'CLASSIC_PRIMARY',
				last_message_timestamp: at(0),
				// Newest first.
				messages: [
					message(3, false, 'Sounds good, talk soon'),
					message(2, true, 'Happy to share more'),
					message(1, false, 'Hi! Thanks for reaching out'),
				]
					.reverse()
					.sort((a, b) => b.timestamp.localeCompare(a.timestamp)),
			});
		}
	}
	seed();

	function storeMessage(
		chat: Chat,
		body: { text: string; attachments?: Array<z.infer<typeof messageFile>>; quote_id?: string },
	) {
		const ids: string[] = [];
		const timestamp = new Date().toISOString();
		const make = (text: string, files: Message['attachments']): Message => {
			const id = nextId('msg');
			ids.push(id);
			return {
				object: 'Message',
				id,
				chat_id: chat.id,
				text,
				sender_id: 'ACoAAOwner0000',
				timestamp,
				is_sender: true,
				is_seen: false,
				is_delivered: true,
				quoted: body.quote_id ? { id: body.quote_id } : null,
				attachments: files,
			};
		};
		const files = (body.attachments ?? []).map((file) => ({
			id: nextId('att'),
			mimetype: file.content_type,
			filename: file.filename,
			file_size: Buffer.from(file.content, 'base64').length,
			type: file.content_type.split('/')[0],
		}));
		// LinkedIn sends files separately from the text, so both give a message ID (docs/unipile-v2.md#send-responses-and-message-ids).
		const created =
			body.text && files.length ? [make(body.text, []), make('', files)] : [make(body.text, files)];
		chat.messages.unshift(...created.reverse());
		chat.last_message_timestamp = timestamp;
		return ids.length === 1 ? ids[0] : ids;
	}

	function handle(request: RecordedRequest): Reply {
		const segments = request.path.split('/').filter(Boolean).map(decodeURIComponent);
		if (segments[0] !== 'v2') return notFound(`No route ${request.method} ${request.path}`);
		const key = request.headers['x-api-key'];
		if (!key)
			return problem(
				400,
				'api/invalid_auth_format',
				'Invalid auth format',
				'Missing X-API-KEY header',
			);
		const isWebhooks = segments[1] === 'webhooks';
		if (key !== apiKey && !(isWebhooks && key === serviceApiKey)) {
			return problem(401, 'api/invalid_credentials', 'Unauthorized', 'The API key is not valid');
		}
		const route = `${request.method} ${segments
			.slice(1)
			.map((part, index) => (index === 0 && part.startsWith('acc_') ? ':account' : part))
			.join('/')}`;
		if (segments[1] === 'accounts' && request.method === 'GET' && segments.length === 2) {
			const search = String(request.query.search ?? '').toLowerCase();
			const accounts = [
				{
					object: 'Account',
					id: UNIPILE_SANDBOX.accountId,
					user_id: 'ACoAAOwner0000',
					name: 'Demo LinkedIn',
					created_at: '2026-01-01T00:00:00.000Z',
					application_id: 'app_demo',
					status: 'running',
					provider: 'linkedin',
					metadata: {},
				},
			];
			const data = accounts.filter(
				(account) =>
					!search || account.name.toLowerCase().includes(search) || account.id.includes(search),
			);
			return reply(200, { object: 'Accounts', data, has_more: false });
		}
		if (isWebhooks) return webhooks(request, segments.slice(2));
		if (!segments[1]?.startsWith('acc_'))
			return notFound(`No route ${request.method} ${request.path}`);
		if (segments[1] !== UNIPILE_SANDBOX.accountId)
			return notFound(`Account ${segments[1]} not found`);
		const rest = segments.slice(2);
		const chat =
			rest[0] === 'chats' && rest[1] && rest[1] !== 'send' ? chats.get(rest[1]) : undefined;
		if (rest[0] === 'chats' && rest[1] && rest[1] !== 'send' && !chat)
			return notFound(`Chat ${rest[1]} not found`);

		switch (
			`${request.method} ${rest.map((part, index) => ((index === 1 && rest[0] === 'chats' && part !== 'send') || (index === 3 && rest[2] === 'messages' && part !== 'send') || (index === 1 && rest[0] === 'inboxes') || (index === 1 && rest[0] === 'users') ? ':id' : part)).join('/')}`
		) {
			case 'GET inboxes':
				return reply(200, {
					data: [
						{
							object: 'Inbox',
							id: 'CLASSIC_PRIMARY',
							description: 'LinkedIn Classic',
							disabled: false,
						},
						{
							object: 'Inbox',
							id: 'CLASSIC_SECONDARY',
							description: 'LinkedIn Classic (other)',
							disabled: false,
						},
						{
							object: 'Inbox',
							id: 'SALES_NAVIGATOR_PRIMARY',
							description: 'Sales Navigator',
							disabled: false,
						},
						{ object: 'Inbox', id: 'RECRUITER_PRIMARY', description: 'Recruiter', disabled: true },
					],
				});
			case 'POST chats/send':
			case 'POST inboxes/:id/chats/send':
				return start(request, rest[0] === 'inboxes' ? rest[1] : undefined);
			case 'GET chats':
			case 'GET inboxes/:id/chats': {
				// ISO timestamps of one format sort as strings (no localeCompare: 10,000 chats are listed).
				let list = [...chats.values()].sort((a, b) =>
					a.last_message_timestamp < b.last_message_timestamp
						? 1
						: a.last_message_timestamp > b.last_message_timestamp
							? -1
							: 0,
				);
				if (request.query.type) list = list.filter((entry) => entry.type === request.query.type);
				if (request.query.is_unread === 'true')
					list = list.filter((entry) => entry.unread_count !== 0);
				const result = page(list, request.query);
				return isReply(result)
					? result
					: reply(200, { ...result, data: result.data.map(summaryOf) });
			}
			case 'GET chats/:id':
				return reply(200, summaryOf(chat as Chat));
			case 'GET chats/:id/messages': {
				let list = (chat as Chat).messages;
				if (request.query.user_id)
					list = list.filter((message) => message.sender_id === request.query.user_id);
				const result = page(list, request.query);
				return isReply(result) ? result : reply(200, result);
			}
			case 'POST chats/:id/messages/send': {
				const parsed = parse(sendMessage, request.body);
				if ('error' in parsed) return parsed.error;
				const body = parsed.data;
				if (!body.text && !body.attachments?.length)
					return invalid('text: must not be empty without attachments');
				if (filesTooLarge(body.attachments))
					return invalid('attachments: more than 20 MB in total');
				if (
					body.quote_id &&
					!(chat as Chat).messages.some((message) => message.id === body.quote_id)
				) {
					return notFound(`Message ${body.quote_id} not found in this chat`);
				}
				return reply(200, { object: 'MessageSent', message_id: storeMessage(chat as Chat, body) });
			}
			case 'POST chats/:id/messages/:id/forward': {
				const parsed = parse(forwardMessage, request.body);
				if ('error' in parsed) return parsed.error;
				const original = (chat as Chat).messages.find((message) => message.id === rest[3]);
				if (!original) return notFound(`Message ${rest[3]} not found`);
				const destination = chats.get(parsed.data.chat_id);
				if (!destination) return notFound(`Destination chat ${parsed.data.chat_id} not found`);
				const id = storeMessage(destination, { text: parsed.data.text ?? original.text });
				return reply(200, { object: 'MessageForwarded', message_id: id, chat_id: destination.id });
			}
			case 'POST chats/:id/composing': {
				if (request.rawBody.length) return invalid('composing takes no body');
				if (!['typing', 'recording'].includes(String(request.query.action))) {
					return invalid('action: must be "typing" or "recording"');
				}
				return reply(200, { object: 'ComposingSet' });
			}
			case 'GET linkedin/inmail-credits': {
				const service = request.query.service;
				if (
					service !== undefined &&
					!['classic', 'recruiter', 'sales_navigator'].includes(String(service))
				) {
					return invalid('service: unknown service');
				}
				return reply(200, {
					object: 'InmailCredits',
					credits: { classic: credits, sales_navigator: 20, recruiter: 0 },
				});
			}
			case 'GET users/:id/chat':
				return reply(200, {
					object: 'UserChats',
					data: [...chats.values()]
						.filter((entry) => entry.is_1to1 && entry.user_id === rest[1])
						.map((entry) => ({ chat_id: entry.id, inbox_id: entry.inbox_id, has_history: true })),
				});
			default:
				return notFound(`No route ${route}`);
		}
	}

	function start(request: RecordedRequest, inboxId: string | undefined): Reply {
		if (inboxId !== undefined) {
			if (
				![
					'CLASSIC_PRIMARY',
					'CLASSIC_SECONDARY',
					'SALES_NAVIGATOR_PRIMARY',
					'RECRUITER_PRIMARY',
				].includes(inboxId)
			) {
				return notFound(`Inbox ${inboxId} not found`);
			}
			if (!inboxId.endsWith('_PRIMARY'))
				return invalid('Only the Primary inbox of a product can start a chat');
		}
		const parsed = parse(startChat, request.body);
		if ('error' in parsed) return parsed.error;
		const body = parsed.data;
		if (!body.text && !body.attachments?.length)
			return invalid('text: must not be empty without attachments');
		if (filesTooLarge(body.attachments)) return invalid('attachments: more than 20 MB in total');
		if (body.specifics?.linkedin.classic?.inmail) {
			if (credits === 0)
				return problem(
					422,
					'provider/insufficient_credits',
					'Insufficient credits',
					'No InMail credit left',
				);
			credits--;
		}
		const group = Array.isArray(body.users_ids);
		const users = group ? (body.users_ids as string[]) : [body.users_ids as string];
		let chat = group
			? undefined
			: [...chats.values()].find((entry) => entry.is_1to1 && entry.user_id === users[0]);
		if (!chat) {
			chat = {
				object: 'Chat',
				id: nextId('chat'),
				name: body.name ?? null,
				type: group ? 'group' : '1to1',
				is_group: group,
				is_1to1: !group,
				user_id: group ? null : users[0],
				participants: users,
				unread_count: 0,
				is_archived: false,
				provider: 'LINKEDIN',
				inbox_id: inboxId ?? 'CLASSIC_PRIMARY',
				last_message_timestamp: new Date().toISOString(),
				messages: [],
			};
			chats.set(chat.id, chat);
		}
		return reply(200, {
			object: 'ChatStarted',
			chat_id: chat.id,
			message_id: storeMessage(chat, body),
		});
	}

	function webhooks(request: RecordedRequest, rest: string[]): Reply {
		if (rest[0] !== 'endpoints') return notFound(`No route ${request.method} ${request.path}`);
		const id = rest[1];
		if (!id) {
			if (request.method === 'GET')
				return reply(200, {
					object: 'WebhookEndpointList',
					data: [...endpoints.values()],
					has_more: false,
				});
			if (request.method !== 'POST') return notFound('No route');
			if (!request.path.endsWith('/'))
				return notFound('No route: the spec path is /v2/webhooks/endpoints/ (trailing slash)');
			const parsed = parse(createEndpoint, request.body);
			if ('error' in parsed) return parsed.error;
			const endpoint: WebhookEndpoint = {
				object: 'WebhookEndpoint',
				id: nextId('whe'),
				application_id: 'app_demo',
				enabled: true,
				description: parsed.data.description ?? null,
				url: parsed.data.url,
				trigger_events: parsed.data.trigger_events,
				secret: randomBytes(32).toString('hex'),
				account_ids: parsed.data.account_ids ?? [],
				account_targets: [
					{
						object: 'AccountTarget',
						id: UNIPILE_SANDBOX.accountId,
						account_name: 'Demo LinkedIn',
						account_provider: 'linkedin',
						status: 'running',
					},
				],
			};
			endpoints.set(endpoint.id, endpoint);
			return reply(200, endpoint);
		}
		const endpoint = endpoints.get(id);
		if (!endpoint) return notFound(`Webhook endpoint ${id} not found`);
		if (request.method === 'GET') return reply(200, endpoint);
		if (request.method === 'DELETE') {
			endpoints.delete(id);
			return reply(200, { success: true });
		}
		if (request.method === 'PATCH') {
			const parsed = parse(updateEndpoint, request.body);
			if ('error' in parsed) return parsed.error;
			Object.assign(endpoint, parsed.data);
			return reply(200, endpoint);
		}
		return notFound('No route');
	}

	async function emit(
		event: { type: string; accountId?: string; payload: Record<string, unknown> },
		emitOptions: EmitOptions = {},
	) {
		const accountId = event.accountId ?? UNIPILE_SANDBOX.accountId;
		const envelope = {
			id: emitOptions.id ?? nextId('evt'),
			created_at: new Date().toISOString(),
			account_id: accountId,
			type: event.type,
			payload: event.payload,
		};
		const raw = JSON.stringify(envelope);
		const targets = [...endpoints.values()].filter(
			(endpoint) =>
				endpoint.enabled &&
				endpoint.trigger_events.includes(event.type) &&
				(!endpoint.account_ids.length || endpoint.account_ids.includes(accountId)),
		);
		const results: Array<{ url: string; status: number }> = [];
		for (const endpoint of targets) {
			const mode = emitOptions.signature ?? 'valid';
			const t = Math.floor(Date.now() / 1000) - (mode === 'stale' ? 600 : 0);
			const secret = mode === 'forged' ? 'not-the-secret' : endpoint.secret;
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			// Format seen in third-party v2 receivers (docs/unipile-v2.md#webhook-signature): t=<unix>,v0=<hex HMAC-SHA256>.
			if (mode !== 'none')
				headers['unipile-signature'] =
					`t=${t},v0=${createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')}`;
			const response = await fetch(endpoint.url, {
				method: 'POST',
				headers,
				body: raw,
				signal: AbortSignal.timeout(10_000),
			});
			await response.arrayBuffer();
			results.push({ url: endpoint.url, status: response.status });
		}
		return results;
	}

	/** Read-receipt payload: undocumented upstream; this shape is our assumption (see README). */
	const emitReadReceipt = (chatId: string, messageId: string, emitOptions?: EmitOptions) =>
		emit(
			{
				type: 'message.receipt.read',
				payload: {
					chat_id: chatId,
					message_id: messageId,
					user: {
						id: chats.get(chatId)?.user_id ?? UNIPILE_SANDBOX.userIds[0],
						display_name: 'Demo contact',
					},
					read_at: new Date().toISOString(),
				},
			},
			emitOptions,
		);

	/**
	 * The relation payload is not documented for v2 (docs/unipile-v2.md#relation-events): this
	 * shape, with v1's field names, is our assumption.
	 */
	const emitNewRelation = (userId = UNIPILE_SANDBOX.userIds[0], emitOptions?: EmitOptions) => {
		const publicIdentifier = `contact-${userId.slice(-4).toLowerCase()}`;
		return emit(
			{
				type: 'relation.request.accept',
				payload: {
					user_provider_id: userId,
					user_full_name: `Contact ${userId.slice(-4)}`,
					user_public_identifier: publicIdentifier,
					user_profile_url: `https://www.linkedin.com/in/${publicIdentifier}/`,
				},
			},
			emitOptions,
		);
	};

	const emitAccountStatus = (status: V2AccountStatus, emitOptions?: EmitOptions) =>
		emit(
			{
				type: `account.status.${status}`,
				payload: {
					timestamp: new Date().toISOString(),
					...(status === 'errored' ? { reason: 'provider' } : {}),
				},
			},
			emitOptions,
		);

	const server = await startSandboxServer({
		port: options.port,
		handle,
		onReset: seed,
		admin: {
			'POST /__sandbox/emit-new-relation': async (body) => {
				const input = (body ?? {}) as { userId?: string; signature?: SignatureMode; id?: string };
				return reply(200, await emitNewRelation(input.userId, input));
			},
			'POST /__sandbox/emit-account-status': async (body) => {
				const input = (body ?? {}) as {
					status?: V2AccountStatus;
					signature?: SignatureMode;
					id?: string;
				};
				return reply(200, await emitAccountStatus(input.status ?? 'disconnected', input));
			},
			'POST /__sandbox/emit': async (body) => {
				const input = body as {
					type: string;
					accountId?: string;
					payload?: Record<string, unknown>;
					signature?: SignatureMode;
					id?: string;
				};
				return reply(
					200,
					await emit(
						{ type: input.type, accountId: input.accountId, payload: input.payload ?? {} },
						input,
					),
				);
			},
			'POST /__sandbox/emit-read-receipt': async (body) => {
				const input = body as {
					chatId: string;
					messageId: string;
					signature?: SignatureMode;
					id?: string;
				};
				return reply(200, await emitReadReceipt(input.chatId, input.messageId, input));
			},
		},
	});
	return {
		...server,
		baseUrl: `${server.url}/v2`,
		webhooks: () => [...endpoints.values()],
		emit,
		emitReadReceipt,
		emitNewRelation,
		emitAccountStatus,
	};
}
