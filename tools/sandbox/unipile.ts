/**
 * Plays the Unipile API v2 (docs/unipile-v2.md) on 127.0.0.1, statefully and strictly: anything
 * off-spec gets a 400 problem body whose detail says why.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

import type { Invitation, InviteRefusal, Person, StartRefusal } from './network';
import { createNetwork, NETWORK } from './network';
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
	/** Our own provider ID (`users/me`). */
	ownerId: 'ACoAAOwner0000',
	/** The last two seeded chats are in the Sales Navigator inbox (no reactions there). */
	salesNavigatorChatIds: ['chat_0029', 'chat_0030'],
	/** A PDF the other party sent: the newest message of chat 3. */
	attachment: { chatId: 'chat_0004', messageId: 'msg_0004_3', attachmentId: 'att_0004_3' },
};

/** The seeded PDF's bytes. */
export const SANDBOX_PDF = Buffer.from('%PDF-1.4\n% Unipile sandbox proposal\n%%EOF\n');

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
	reactions_counter: Array<{ reaction: string; count: number }>;
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
	/**
	 * The person accepts the account's pending relation request: they become a relation and the
	 * request leaves the sent list. False when none is pending. Emits no event.
	 */
	acceptRelationRequest(providerId: string): boolean;
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

/** The account's inboxes (docs/unipile-v2.md#list-inboxes); only an enabled `…_PRIMARY` one starts chats. */
const INBOXES = [
	{ object: 'Inbox', id: 'CLASSIC_PRIMARY', description: 'LinkedIn Classic', disabled: false },
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
];

/** The LinkedIn product of each Primary inbox, which names its `specifics.linkedin` options. */
const PRODUCTS: Record<string, 'classic' | 'sales_navigator' | 'recruiter'> = {
	CLASSIC_PRIMARY: 'classic',
	SALES_NAVIGATOR_PRIMARY: 'sales_navigator',
	RECRUITER_PRIMARY: 'recruiter',
};

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
						recruiter: z
							.object({
								subject: z.string().min(1),
								signature: z.string().min(1),
								visibility: z.enum(['PUBLIC', 'PRIVATE', 'PROJECT']).optional(),
								intent: z.enum(['HIRE_FOR_CLIENT', 'HIRE_FOR_OWN_COMPANY']).optional(),
								send_as: z.enum(['INMAIL', 'EMAIL']).optional(),
								channel_type: z
									.enum([
										'CAREER_SITE',
										'MANUAL_IMPORT',
										'INTERNAL_CANDIDATES',
										'RECRUITER_SEARCH',
										'REFERRAL',
										'JOB_POSTING_RECOMMENDED_MATCHES',
										'AUTOMATED_SOURCING',
										'JOB_POSTING',
									])
									.optional(),
								follow_up: z
									.object({
										subject: z.string().min(1),
										text: z.string().min(1),
										attachments,
										scheduled_for: z.record(z.unknown()),
									})
									.strict()
									.optional(),
							})
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
const updateChat = z
	.object({
		name: z.string().min(1).optional(),
		pin_status: z.boolean().optional(),
		archive_status: z.boolean().optional(),
		label: z.string().min(1).optional(),
		muted_until: z.union([z.boolean(), z.string().datetime()]).optional(),
		read_status: z.boolean().optional(),
	})
	.strict();
/** One emoji (a flag, a skin tone or a ZWJ sequence included), not a word like "like". */
const EMOJI =
	/^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200d|\ufe0f)*$/u;
const addReaction = z
	.object({ reaction: z.string().regex(EMOJI, 'must be one emoji, e.g. 👍') })
	.strict();
const createRelationRequest = z
	.object({
		user_id: z.string().regex(/^(ACo|ACw|AE)[A-Za-z0-9_-]{4,}$/, {
			message:
				"must be the user's ID (ACo…); get it with GET /users/{public_identifier} from the profile URL",
		}),
		message: z.string().min(1).optional(),
	})
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

const atLeast = (min: number) =>
	z
		.string()
		.regex(/^\d+$/, `must be an integer of at least ${min}`)
		.transform(Number)
		.refine((value) => value >= min, `must be an integer of at least ${min}`);
const listLimit = z
	.string()
	.regex(/^\d+$/, 'must be an integer from 1 to 250')
	.transform(Number)
	.refine((value) => value >= 1 && value <= 250, 'must be an integer from 1 to 250');
const profileQuery = z
	.object({
		variant: z
			.enum(['linkedin_classic', 'linkedin_recruiter', 'linkedin_sales_navigator'])
			.optional(),
		// Section names are not in our sources (docs/unipile-v2.md#get-a-user-profile): any non-empty one.
		with_sections: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
	})
	.strict();
const relationsQuery = z
	.object({
		search: z.string().min(1).optional(),
		limit: listLimit.optional(),
		cursor: z.string().optional(),
	})
	.strict();
const relationRequestsQuery = z
	.object({
		type: z.enum(['sent', 'received'], {
			errorMap: () => ({ message: 'must be "sent" or "received"' }),
		}),
		offset: atLeast(0).optional(),
		limit: listLimit.optional(),
	})
	.strict();

/** A strict query: unknown parameters are named, then the schema's first issue. */
function queryOf<T extends z.ZodRawShape>(
	schema: z.ZodObject<T, 'strict'>,
	query: RecordedRequest['query'],
): { data: z.infer<z.ZodObject<T, 'strict'>> } | { error: Reply } {
	const unknown = Object.keys(query).filter((key) => !(key in schema.shape));
	if (unknown.length)
		return {
			error: invalid(
				`Unknown query parameter(s): ${unknown.join(', ')} (this route takes ${Object.keys(schema.shape).join(', ')})`,
			),
		};
	const result = schema.safeParse(query);
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
		/** Invitations LinkedIn takes in 7 days before `limit_exceeded` (default `NETWORK.weeklyLimit`). */
		weeklyInvitationLimit?: number;
	} = {},
): Promise<UnipileSandbox> {
	const apiKey = options.apiKey ?? UNIPILE_SANDBOX.apiKey;
	const chatCount = options.chatCount ?? UNIPILE_SANDBOX.chatCount;
	const serviceApiKey = options.serviceApiKey ?? UNIPILE_SANDBOX.serviceApiKey;
	let chats = new Map<string, Chat>();
	let endpoints = new Map<string, WebhookEndpoint>();
	let counter = 0;
	let credits = 5;
	/** Downloadable attachment bytes by attachment ID. */
	let files = new Map<string, Buffer>();
	/** The emojis the account reacted with, by message ID. */
	let reacted = new Map<string, Set<string>>();
	const nextId = (prefix: string) =>
		`${prefix}_${Date.now().toString(36)}${(++counter).toString(36)}`;
	const network = createNetwork({
		owner: {
			providerId: UNIPILE_SANDBOX.ownerId,
			publicIdentifier: 'demo-owner',
			firstName: 'Demo',
			lastName: 'Owner',
			headline: 'Founder at Demo Corp',
			location: 'Paris, France',
			premium: true,
		},
		connections: UNIPILE_SANDBOX.userIds.map((providerId, index) => ({
			providerId,
			firstName: 'Demo',
			lastName: `Contact ${index + 1}`,
			headline: 'Sales Director at Demo Corp',
			connectedDaysAgo: 30 * (index + 1),
		})),
		weeklyLimit: options.weeklyInvitationLimit,
	});

	function seed() {
		chats = new Map();
		endpoints = new Map();
		files = new Map();
		reacted = new Map();
		credits = 5;
		network.reset();
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
				reactions_counter: [],
				attachments: [],
			});
			const newest = message(3, false, 'Sounds good, talk soon');
			if (id === UNIPILE_SANDBOX.attachment.chatId) {
				newest.text = 'Here is our proposal';
				newest.attachments = [
					{
						id: UNIPILE_SANDBOX.attachment.attachmentId,
						mimetype: 'application/pdf',
						filename: 'proposal.pdf',
						file_size: SANDBOX_PDF.length,
						type: 'file',
					},
				];
				files.set(UNIPILE_SANDBOX.attachment.attachmentId, SANDBOX_PDF);
			}
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
				inbox_id: n > 4 && n > chatCount - 2 ? 'SALES_NAVIGATOR_PRIMARY' : 'CLASSIC_PRIMARY',
				last_message_timestamp: at(0),
				// Newest first.
				messages: [
					newest,
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
		const make = (text: string, attached: Message['attachments']): Message => {
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
				reactions_counter: [],
				attachments: attached,
			};
		};
		const attached = (body.attachments ?? []).map((file) => {
			const id = nextId('att');
			const data = Buffer.from(file.content, 'base64');
			files.set(id, data);
			return {
				id,
				mimetype: file.content_type,
				filename: file.filename,
				file_size: data.length,
				type: file.content_type.split('/')[0],
			};
		});
		// LinkedIn sends files separately from the text, so both give a message ID (docs/unipile-v2.md#send-responses-and-message-ids).
		const created =
			body.text && attached.length
				? [make(body.text, []), make('', attached)]
				: [make(body.text, attached)];
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
		if (rest[0] === 'users') return users(request, rest.slice(1));
		const chat =
			rest[0] === 'chats' && rest[1] && rest[1] !== 'send' ? chats.get(rest[1]) : undefined;
		if (rest[0] === 'chats' && rest[1] && rest[1] !== 'send' && !chat)
			return notFound(`Chat ${rest[1]} not found`);
		const message =
			chat && rest[2] === 'messages' && rest[3] && rest[3] !== 'send'
				? chat.messages.find((entry) => entry.id === rest[3])
				: undefined;
		// IDs become :id in the route; literal words (send, messages, attachments…) stay.
		const isId = (part: string, index: number) =>
			(rest[0] === 'chats' &&
				part !== 'send' &&
				(index === 1 ||
					(index === 3 && rest[2] === 'messages') ||
					(index === 5 && rest[4] === 'attachments'))) ||
			(index === 1 && rest[0] === 'inboxes');

		switch (
			`${request.method} ${rest.map((part, index) => (isId(part, index) ? ':id' : part)).join('/')}`
		) {
			case 'GET inboxes':
				return reply(200, { data: INBOXES });
			case 'POST chats/send':
			case 'POST inboxes/:id/chats/send':
				return start(request, rest[0] === 'inboxes' ? rest[1] : undefined);
			case 'GET chats':
			case 'GET inboxes/:id/chats': {
				const inboxId = rest[0] === 'inboxes' ? rest[1] : undefined;
				if (inboxId !== undefined && !INBOXES.some((inbox) => inbox.id === inboxId))
					return notFound(`Inbox ${inboxId} not found`);
				// ISO timestamps of one format sort as strings (no localeCompare: 10,000 chats are listed).
				let list = [...chats.values()].sort((a, b) =>
					a.last_message_timestamp < b.last_message_timestamp
						? 1
						: a.last_message_timestamp > b.last_message_timestamp
							? -1
							: 0,
				);
				if (inboxId) list = list.filter((entry) => entry.inbox_id === inboxId);
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
			case 'PATCH chats/:id': {
				const parsed = parse(updateChat, request.body);
				if ('error' in parsed) return parsed.error;
				const target = chat as Chat;
				const { read_status: read, archive_status: archived, name } = parsed.data;
				// 0 = read; -1 = marked unread by hand with no unread message (docs/unipile-v2.md#update-a-chat).
				if (read !== undefined) target.unread_count = read ? 0 : -1;
				if (archived !== undefined) target.is_archived = archived;
				if (name !== undefined) target.name = name;
				return reply(200, summaryOf(target));
			}
			case 'GET chats/:id/messages/:id':
				return message ? reply(200, message) : notFound(`Message ${rest[3]} not found`);
			case 'POST chats/:id/messages/:id/reactions': {
				if (!message) return notFound(`Message ${rest[3]} not found`);
				const parsed = parse(addReaction, request.body);
				if ('error' in parsed) return parsed.error;
				const inbox = (chat as Chat).inbox_id;
				if (inbox.startsWith('SALES_NAVIGATOR') || inbox.startsWith('RECRUITER'))
					return invalid(
						`Reactions are not available on Recruiter and Sales Navigator (chat ${(chat as Chat).id} is in ${inbox})`,
					);
				const { reaction } = parsed.data;
				const mine = reacted.get(message.id) ?? new Set<string>();
				reacted.set(message.id, mine);
				// The account can add several different reactions, each once.
				if (!mine.has(reaction)) {
					mine.add(reaction);
					const counter = message.reactions_counter.find((entry) => entry.reaction === reaction);
					if (counter) counter.count++;
					else message.reactions_counter.push({ reaction, count: 1 });
				}
				return reply(200, { object: 'MessageReactionAdded' });
			}
			case 'GET chats/:id/messages/:id/attachments/:id': {
				if (!message) return notFound(`Message ${rest[3]} not found`);
				const attachment = message.attachments.find((entry) => entry.id === rest[5]);
				const data = attachment && files.get(attachment.id);
				if (!attachment || !data)
					return notFound(`Attachment ${rest[5]} not found in message ${message.id}`);
				return { status: 200, raw: data, headers: { 'content-type': attachment.mimetype } };
			}
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
			default:
				return notFound(`No route ${route}`);
		}
	}

	function start(request: RecordedRequest, inboxId: string | undefined): Reply {
		if (inboxId !== undefined) {
			const inbox = INBOXES.find((entry) => entry.id === inboxId);
			if (!inbox) return notFound(`Inbox ${inboxId} not found`);
			if (!inboxId.endsWith('_PRIMARY'))
				return invalid('Only the Primary inbox of a product can start a chat');
			if (inbox.disabled)
				return invalid(`Inbox ${inboxId} is disabled: messaging is off for it on this account`);
		}
		const parsed = parse(startChat, request.body);
		if ('error' in parsed) return parsed.error;
		const body = parsed.data;
		if (!body.text && !body.attachments?.length)
			return invalid('text: must not be empty without attachments');
		if (filesTooLarge(body.attachments)) return invalid('attachments: more than 20 MB in total');
		// Each product's options belong to its own Primary inbox (docs/unipile-v2.md#inmail-subjects).
		const product = inboxId && PRODUCTS[inboxId];
		const foreign = Object.keys(body.specifics?.linkedin ?? {}).find(
			(key) => product && key !== product,
		);
		if (foreign)
			return invalid(`specifics.linkedin.${foreign}: does not apply to inbox ${inboxId}`);
		const classic = body.specifics?.linkedin.classic;
		const group = Array.isArray(body.users_ids);
		const users = group ? (body.users_ids as string[]) : [body.users_ids as string];
		if (group && classic?.relation_request_id)
			return invalid('specifics.linkedin.classic.relation_request_id: only for a 1:1 chat');
		// Someone who invited the account, or outside the relations without an InMail, is refused.
		const inmail = classic?.inmail === true || (product !== undefined && product !== 'classic');
		const refusal = group
			? undefined
			: network.startRefusal(users[0], inmail, classic?.relation_request_id);
		if (refusal) return startRefused(refusal, users[0], classic?.relation_request_id);
		if (classic?.inmail && !network.freeInmail(users[0])) {
			if (credits === 0)
				return problem(
					422,
					'provider/insufficient_credits',
					'Insufficient credits',
					'No InMail credit left',
				);
			credits--;
		}
		// Each product keeps its own threads: a Sales Navigator start does not continue a Classic chat.
		const inbox = inboxId ?? 'CLASSIC_PRIMARY';
		let chat = group
			? undefined
			: [...chats.values()].find(
					(entry) => entry.is_1to1 && entry.user_id === users[0] && entry.inbox_id === inbox,
				);
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
				inbox_id: inbox,
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

	function startRefused(refusal: StartRefusal, userId: string, requestId?: string): Reply {
		const field = 'specifics.linkedin.classic.relation_request_id';
		switch (refusal) {
			case 'wrong_invitation':
				return invalid(`${field}: ${requestId} is not a pending relation request from ${userId}`);
			case 'needs_invitation':
				return invalid(
					`${field}: mandatory to start a chat with ${userId}, who sent you a relation request you have not answered`,
				);
			case 'not_connected':
				return problem(
					422,
					'provider/no_connection_with_recipient',
					'No connection with recipient',
					`${userId} is not a relation: start with an InMail, or send a relation request first`,
				);
			case 'inmail_not_allowed':
				return problem(
					422,
					'provider/not_allowed_inmail',
					'InMail not allowed',
					`${userId} cannot be reached by InMail`,
				);
		}
	}

	/** `/v2/{account}/users/…`: profiles, a user's chats, relations and relation requests. */
	function users(request: RecordedRequest, rest: string[]): Reply {
		const [userId, sub, requestId, action] = rest;
		const noRoute = notFound(`No route ${request.method} ${request.path}`);
		if (userId === 'me' && sub === 'relation-requests')
			return relationRequests(request, requestId, action);
		if (!userId || rest.length > 2 || request.method !== 'GET') return noRoute;
		if (sub === undefined) return profile(request, userId);
		if (sub === 'relations') return relations(request, userId);
		if (sub !== 'chat') return noRoute;
		return reply(200, {
			object: 'UserChats',
			data: [...chats.values()]
				.filter((entry) => entry.is_1to1 && entry.user_id === userId)
				.map((entry) => ({ chat_id: entry.id, inbox_id: entry.inbox_id, has_history: true })),
		});
	}

	const userOf = (person: Person) => ({
		object: 'User',
		id: person.providerId,
		type: 'individual',
		public_identifier: person.publicIdentifier,
		display_name: `${person.firstName} ${person.lastName}`,
		profile_url: `https://www.linkedin.com/in/${person.publicIdentifier}/`,
		description: person.headline,
	});

	const requestOf = (invitation: Invitation) => ({
		object: 'RelationRequest',
		id: invitation.id,
		type: invitation.direction,
		created_at: invitation.at,
		...(invitation.message === null ? {} : { message: invitation.message }),
		user: userOf(network.find(invitation.providerId) as Person),
	});

	/** `GET /users/{user_id}` (docs/unipile-v2.md#get-a-user-profile). */
	function profile(request: RecordedRequest, userId: string): Reply {
		const query = queryOf(profileQuery, request.query);
		if ('error' in query) return query.error;
		if (/[/:]|linkedin\.com/i.test(userId))
			return invalid(
				'user_id: pass the public identifier (the part after /in/ of the profile URL) or the user ID, not a URL',
			);
		const variant = query.data.variant ?? 'linkedin_classic';
		if (variant !== 'linkedin_classic' && userId !== 'me' && !/^(ACo|ACw|AE)/.test(userId))
			return invalid(`user_id: only the linkedin_classic variant takes a public identifier`);
		const person = userId === 'me' ? network.owner : network.find(userId);
		if (!person) return notFound(`User ${userId} not found`);
		const self = person === network.owner;
		const mark = network.mark(person.providerId);
		const pending = [...network.invitations('sent'), ...network.invitations('received')].find(
			(entry) => entry.providerId === person.providerId,
		);
		return reply(200, {
			...userOf(person),
			object: 'UserProfile',
			first_name: person.firstName,
			last_name: person.lastName,
			location: person.location,
			is_blocked: false,
			provider: 'linkedin',
			specifics: {
				member_id: String(parseInt(Buffer.from(person.providerId).toString('hex').slice(-8), 16)),
				network_distance: self ? 'SELF' : person.distance,
				can_send_inmail: !self && person.canSendInmail,
				is_open_profile: person.openProfile,
				is_premium: person.premium,
				...(pending ? { relation_request: requestOf(pending) } : {}),
				...(mark ? { relation_request_status: mark.status } : {}),
			},
		});
	}

	/** `GET /users/me/relations` (docs/unipile-v2.md#list-relations): cursor pages, newest first. */
	function relations(request: RecordedRequest, userId: string): Reply {
		const query = queryOf(relationsQuery, request.query);
		if ('error' in query) return query.error;
		if (userId !== 'me' && userId !== network.owner.providerId)
			return invalid(`user_id: the sandbox plays only the account's own relations (me)`);
		const search = query.data.search?.toLowerCase();
		const list = network
			.relations()
			.filter(
				(entry) => !search || `${entry.firstName} ${entry.lastName}`.toLowerCase().includes(search),
			)
			.map((entry) => ({
				object: 'UserRelation',
				id: `urn:li:fsd_connection:${entry.providerId}`,
				user: userOf(entry),
				created_at: entry.connectedAt,
			}));
		const result = page(list, request.query);
		return isReply(result) ? result : reply(200, result);
	}

	/** `/users/me/relation-requests` (docs/unipile-v2.md#relation-requests). */
	function relationRequests(request: RecordedRequest, requestId?: string, action?: string): Reply {
		const noRoute = notFound(`No route ${request.method} ${request.path}`);
		if (requestId === undefined) {
			if (request.method === 'GET') {
				if (request.query.cursor !== undefined)
					return invalid('cursor: relation requests page with offset, not cursor');
				const query = queryOf(relationRequestsQuery, request.query);
				if ('error' in query) return query.error;
				const { type, offset = 0, limit = 20 } = query.data;
				const list = network.invitations(type).slice(offset, offset + limit);
				return reply(200, { data: list.map(requestOf) });
			}
			if (request.method !== 'POST') return noRoute;
			const parsed = parse(createRelationRequest, request.body);
			if ('error' in parsed) return parsed.error;
			const { user_id: userId, message } = parsed.data;
			if (message && [...message].length > NETWORK.noteLimit)
				return invalid(
					`message: ${[...message].length} characters; LinkedIn takes at most ${NETWORK.noteLimit} in an invitation note`,
				);
			const outcome = network.invite(userId, message);
			return 'invitation' in outcome
				? reply(201, requestOf(outcome.invitation))
				: inviteRefused(outcome.refusal, userId);
		}
		if (request.method !== 'POST' || (action !== 'accept' && action !== 'cancel')) return noRoute;
		if (request.rawBody.length) return invalid(`${action} takes no body`);
		const invitation = network.invitation(requestId);
		if (!invitation) return notFound(`Relation request ${requestId} not found`);
		if (action === 'accept') {
			if (invitation.direction === 'sent')
				return invalid(
					`request_id: ${requestId} is a request you sent; only a received one can be accepted`,
				);
			network.answer(requestId, true);
			return reply(200, { object: 'RelationRequestConfirmed' });
		}
		if (invitation.direction === 'sent') network.withdraw(requestId);
		else network.answer(requestId, false);
		return reply(200, { object: 'RelationRequestCanceled' });
	}

	function inviteRefused(refusal: InviteRefusal, userId: string): Reply {
		const name = network.find(userId);
		const who = name ? `${name.firstName} ${name.lastName}` : userId;
		switch (refusal) {
			case 'not_found':
				return notFound(`User ${userId} not found`);
			case 'self':
				return invalid('user_id: this is the account itself');
			case 'already_connected':
				return problem(
					422,
					'provider/already_connected',
					'Already connected',
					`${who} is already a relation`,
				);
			case 'already_invited':
				return problem(
					422,
					'provider/already_invited_recently',
					'Should delay new invitation to this recipient',
					'An invitation has already been sent recently to this recipient. Please try again later.',
				);
			case 'invited_you':
				return problem(
					422,
					'provider/action_already_performed',
					'Action already performed',
					`${who} has sent you a relation request: accept it instead`,
				);
			case 'weekly_limit':
				return problem(
					422,
					'provider/limit_exceeded',
					'Limit exceeded',
					"The account has reached LinkedIn's weekly invitation limit",
				);
		}
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

	/** The person accepts the account's pending request; `relation.request.accept` with their profile. */
	async function acceptAndEmit(userId: string, emitOptions?: EmitOptions) {
		const person = network.acceptSent(userId);
		if (!person) return undefined;
		return await emit(
			{
				type: 'relation.request.accept',
				payload: {
					user_provider_id: person.providerId,
					user_full_name: `${person.firstName} ${person.lastName}`,
					user_public_identifier: person.publicIdentifier,
					user_profile_url: `https://www.linkedin.com/in/${person.publicIdentifier}/`,
				},
			},
			emitOptions,
		);
	}

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
			'POST /__sandbox/accept-invitation': async (body) => {
				const input = (body ?? {}) as { userId?: string; signature?: SignatureMode; id?: string };
				if (!input.userId) return reply(400, { error: 'userId: required' });
				const delivered = await acceptAndEmit(input.userId, input);
				return delivered
					? reply(200, delivered)
					: reply(400, { error: `no pending relation request to ${input.userId}` });
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
		acceptRelationRequest: (providerId) => network.acceptSent(providerId) !== undefined,
		emitNewRelation,
		emitAccountStatus,
	};
}
