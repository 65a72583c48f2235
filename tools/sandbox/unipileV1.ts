/**
 * Plays the Unipile API v1 (the per-customer "DSN" API, docs/unipile-v1.md) on
 * 127.0.0.1, statefully and strictly: sends are multipart/form-data only, and anything off-spec gets
 * a v1 error body ({title, detail, type: "errors/<code>", status}) whose detail says why. Webhook
 * deliveries are unsigned, as on v1: the webhook's custom headers are the only authenticity check.
 */
import { z } from 'zod';

import type { MultipartFile, MultipartPart } from './multipart';
import { parseMultipart } from './multipart';
import type { Invitation, InviteRefusal, Person, StartRefusal } from './network';
import { createNetwork, NETWORK, sentAgo } from './network';
import type { RecordedRequest, Reply, SandboxServer } from './server';
import { reply, startSandboxServer } from './server';

const OWNER = { providerId: 'ACoAAOwnerV1demo', name: 'Demo Owner' };

export const UNIPILE_V1_SANDBOX = {
	apiKey: 'example-unipile-v1-key',
	/** The LinkedIn account (v1 ids carry no `acc_` prefix). */
	accountId: 'Bw1ZdemoV1acct',
	/** A second, WhatsApp account with two chats, for the account filters and guards. */
	whatsappAccountId: 'Wz4YdemoV1wapp',
	/** `account_info.user_id` of the LinkedIn account: our own provider id. */
	ownerProviderId: OWNER.providerId,
	/** LinkedIn provider ids of the seeded contacts (chats 1 to 4 are 1:1 with them, in order). */
	userIds: ['ACoAAV1User0001', 'ACoAAV1User0002', 'ACoAAV1User0003', 'ACoAAV1User0004'],
	/** Newest first: chat 0 is 1:1 with user 0, chat 1 with user 1; chatIds[4] is a group. */
	chatIds: ['chV1demo0001', 'chV1demo0002', 'chV1demo0003', 'chV1demo0004', 'chV1demo0005'],
	/** In chat 0: [0] the newest message, from user 0; [1] ours, before it; [2] user 0's first. */
	messageIds: ['msV1demo0001_3', 'msV1demo0001_2', 'msV1demo0001_1'],
	whatsappChatIds: ['chV1wapp0001', 'chV1wapp0002'],
	/** LinkedIn chats seeded on the LinkedIn account (every third one unread). */
	chatCount: 30,
	/** Classic (premium) InMail credits after a reset; recruiter is not subscribed (null). */
	inmailCredits: 3,
	salesNavigatorCredits: 10,
	/** An example secret for webhook custom headers in tests. */
	webhookHeaderValue: 'example-v1-webhook-header',
	/** The last two LinkedIn chats are in the Sales Navigator folder. */
	salesNavigatorChatIds: ['chV1demo0029', 'chV1demo0030'],
	/** A PDF the other party sent: the newest message of chat 3. */
	attachment: {
		chatId: 'chV1demo0004',
		messageId: 'msV1demo0004_3',
		attachmentId: 'attV1demo0004',
	},
};

/** The seeded PDF's bytes. */
export const V1_SANDBOX_PDF = Buffer.from('%PDF-1.4\n% Unipile v1 sandbox proposal\n%%EOF\n');

/** 15 MB (MiB) in total per send: the v1 docs' "standard maximum size". */
export const V1_MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;

export const V1_MESSAGING_EVENTS = [
	'message_received',
	'message_read',
	'message_reaction',
	'message_edited',
	'message_deleted',
	'message_delivered',
] as const;
export type V1MessagingEvent = (typeof V1_MESSAGING_EVENTS)[number];

/**
 * Webhook sources the sandbox plays (docs/unipile-v1.md#webhooks): messaging (its events listed),
 * users (`new_relation`, sent by default) and account_status (no event list).
 */
export const V1_WEBHOOK_SOURCES = ['messaging', 'users', 'account_status'] as const;
export type V1WebhookSource = (typeof V1_WEBHOOK_SOURCES)[number];
const V1_USERS_EVENTS = ['new_relation'] as const;

/** The statuses an account status webhook reports (docs/unipile-v1.md#account-status-payload). */
export const V1_ACCOUNT_STATUSES = [
	'OK',
	'ERROR',
	'STOPPED',
	'CREDENTIALS',
	'CONNECTING',
	'DELETED',
	'CREATION_SUCCESS',
	'RECONNECTED',
	'SYNC_SUCCESS',
] as const;
export type V1AccountStatus = (typeof V1_ACCOUNT_STATUSES)[number];

const ACCOUNT_TYPES = [
	'WHATSAPP',
	'LINKEDIN',
	'SLACK',
	'TWITTER',
	'MESSENGER',
	'INSTAGRAM',
	'TELEGRAM',
] as const;

type Flag = 0 | 1;

interface V1Attachment {
	id: string;
	file_size: number;
	unavailable: boolean;
	mimetype: string;
	type: 'img' | 'video' | 'audio' | 'file';
	file_name?: string;
	size?: { width: number; height: number };
	sticker?: boolean;
	gif?: boolean;
	voice_note?: boolean;
}

export interface V1Message {
	object: 'Message';
	id: string;
	account_id: string;
	chat_id: string;
	chat_provider_id: string;
	provider_id: string;
	sender_id: string;
	sender_attendee_id: string;
	text: string | null;
	attachments: V1Attachment[];
	timestamp: string;
	is_sender: Flag;
	quoted?: {
		provider_id: string;
		sender_id: string;
		text: string | null;
		attachments: V1Attachment[];
	};
	reactions: Array<{ value: string; sender_id: string; is_sender: boolean }>;
	seen: Flag;
	seen_by: Record<string, string | boolean>;
	hidden: 0;
	deleted: 0;
	edited: 0;
	is_event: 0;
	delivered: Flag;
	behavior: null;
	original: string;
	subject: string | null;
	message_type: 'MESSAGE' | 'INMAIL';
}

interface Account {
	id: string;
	name: string;
	type: 'LINKEDIN' | 'WHATSAPP';
	created_at: string;
	ownerId: string;
}

export interface V1Chat {
	object: 'Chat';
	id: string;
	account_id: string;
	account_type: 'LINKEDIN' | 'WHATSAPP';
	provider_id: string;
	attendee_provider_id?: string;
	name: string | null;
	/** 0: 1:1, 1: group. */
	type: 0 | 1;
	timestamp: string;
	unread_count: number;
	archived: Flag;
	muted_until: null;
	read_only: 0;
	disabledFeatures: string[];
	subject?: string;
	content_type?: 'inmail';
	folder: string[];
}

interface StoredChat extends V1Chat {
	/** Provider ids of the other participants. */
	attendees: string[];
	/** Newest first. */
	messages: V1Message[];
}

export interface V1Webhook {
	object: 'Webhook';
	id: string;
	account_ids: string[];
	enabled: boolean;
	name: string | null;
	request_url: string;
	format: 'json' | 'form';
	headers: Array<{ key: string; value: string }>;
	/** messaging: its events; users: `new_relation`; account_status: none. */
	events: string[];
	source: V1WebhookSource;
	type: 'AUTO';
}

/** A new relation to announce (docs/unipile-v1.md#new-relation-payload). */
export interface V1RelationOptions {
	/** Default: the LinkedIn account. */
	accountId?: string;
	/** Default: the sandbox's first contact. */
	providerId?: string;
	headers?: V1EmitOptions['headers'];
	/** Re-send the previous emit's payload, as v1 does when it retries a delivery. */
	repeat?: boolean;
}

export interface V1EmitOptions {
	/** Default: chatIds[0]. */
	chatId?: string;
	/** Default: the chat's newest message. */
	messageId?: string;
	/** Default: now for message_read, else the message's own timestamp. */
	timestamp?: string;
	/** Top-level payload fields to add or override (e.g. `reaction`). */
	payload?: Record<string, unknown>;
	/**
	 * 'configured' (default): the webhook's custom headers. 'none': none of them (its Content-Type
	 * header, if it set one, stays). A record: these instead of the custom headers (same rule).
	 */
	headers?: 'configured' | 'none' | Record<string, string>;
	/**
	 * Re-send the previous emit's payload (same message_id and timestamp), as v1 does when it
	 * retries a delivery: v1 payloads carry no event id. The other options are ignored.
	 */
	repeat?: boolean;
}

/** What one emit sends to the webhooks of its source (and, for messaging and users, event). */
interface Delivery {
	source: V1WebhookSource;
	event?: string;
	accountId: string;
	payload: Record<string, unknown>;
}

export interface V1Delivery {
	url: string;
	/** The receiver's status, or 0 when the request failed (then `error` says why). */
	status: number;
	error?: string;
}

export interface UnipileV1Sandbox extends SandboxServer {
	/** What a v1 credential calls the DSN: scheme, host and port. */
	dsn: string;
	/** `${dsn}/api/v1` */
	baseUrl: string;
	webhooks(): V1Webhook[];
	emit(event: V1MessagingEvent, options?: V1EmitOptions): Promise<V1Delivery[]>;
	emitMessageRead(
		chatId: string,
		messageId: string,
		options?: Omit<V1EmitOptions, 'chatId' | 'messageId'>,
	): Promise<V1Delivery[]>;
	/** An invitation accepted: a `users` webhook's `new_relation`. */
	emitNewRelation(options?: V1RelationOptions): Promise<V1Delivery[]>;
	/** An account status webhook's `{AccountStatus: {account_id, account_type, message}}`. */
	emitAccountStatus(
		status: V1AccountStatus,
		options?: Omit<V1RelationOptions, 'providerId'>,
	): Promise<V1Delivery[]>;
	/** Stores a new message from the chat's (first) other participant, then delivers it. */
	emitMessageReceived(
		chatId: string,
		text: string,
		options?: Omit<V1EmitOptions, 'chatId' | 'messageId'>,
	): Promise<V1Delivery[]>;
	/**
	 * The person accepts the account's pending invitation: they become a relation and the
	 * invitation leaves the sent list. False when none is pending. Delivers nothing.
	 */
	acceptInvitation(providerId: string): boolean;
}

const problem = (status: number, code: string, title: string, detail: string): Reply =>
	reply(status, { title, detail, type: `errors/${code}`, status });
const invalid = (detail: string) =>
	problem(400, 'invalid_parameters', 'Invalid parameters', detail);
const missing = (detail: string) =>
	problem(400, 'missing_parameters', 'Missing parameters', detail);
const notFound = (detail: string) =>
	problem(404, 'resource_not_found', 'Resource not found.', detail);

const isReply = (value: unknown): value is Reply =>
	typeof value === 'object' && value !== null && 'status' in value && !('items' in value);

/** First zod issue as a v1 error: an absent required field is `missing_parameters`. */
function zodProblem(error: z.ZodError, input: unknown): Reply {
	const issue = error.issues[0];
	const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
	const value = issue.path.reduce<unknown>(
		(at, key) =>
			typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined,
		input,
	);
	if (issue.path.length && value === undefined) return missing(`${where}is required`);
	return invalid(`${where}${issue.message}`);
}

// ---------------------------------------------------------------------------------------------
// Query strings

const ISO_MS = /^[1-2]\d{3}-[0-1]\d-[0-3]\dT\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isoDate = z
	.string()
	.regex(ISO_MS, 'must be an ISO 8601 UTC datetime like 2025-12-31T23:59:59.999Z')
	.refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date');
const limitUpTo = (max: number) =>
	z
		.string()
		.regex(/^\d+$/, `must be an integer from 1 to ${max}`)
		.transform(Number)
		.refine((value) => value >= 1 && value <= max, `must be an integer from 1 to ${max}`);
const limit = limitUpTo(250);
const cursor = z.string().min(1, 'must not be empty');
const paging = { limit: limit.optional(), cursor: cursor.optional() };

const listChatsQuery = z
	.object({
		...paging,
		account_id: z.string().min(1, 'must not be empty').optional(),
		account_type: z.enum(ACCOUNT_TYPES).optional(),
		unread: z.enum(['true', 'false']).optional(),
		before: isoDate.optional(),
		after: isoDate.optional(),
	})
	.strict();
const listMessagesQuery = z
	.object({
		...paging,
		before: isoDate.optional(),
		after: isoDate.optional(),
		sender_id: z.string().min(1, 'must not be empty').optional(),
	})
	.strict();
const pagingQuery = z.object(paging).strict();
const getChatQuery = z.object({ account_id: z.string().min(1).optional() }).strict();
const balanceQuery = z.object({ account_id: z.string().min(1, 'must not be empty') }).strict();
const accountQuery = balanceQuery;
/** Invitation lists take 1 to 100, 10 by default (docs/unipile-v1.md#list-invitations). */
const invitationsQuery = z
	.object({
		account_id: accountQuery.shape.account_id,
		limit: limitUpTo(100).optional(),
		cursor: cursor.optional(),
	})
	.strict();
const relationsQuery = z
	.object({
		account_id: accountQuery.shape.account_id,
		limit: limitUpTo(1000).optional(),
		cursor: cursor.optional(),
		filter: z.string().min(1, 'must not be empty').optional(),
	})
	.strict();
const LINKEDIN_SECTIONS = [
	'experience',
	'education',
	'languages',
	'skills',
	'certifications',
	'about',
	'volunteering_experience',
	'projects',
	'recommendations_received',
	'recommendations_given',
];
const profileQuery = z
	.object({
		account_id: accountQuery.shape.account_id,
		linkedin_api: z.enum(['recruiter', 'sales_navigator']).optional(),
		// One name, `*`, or several comma-separated (as the SDK sends an array).
		linkedin_sections: z
			.string()
			.refine(
				(value) =>
					value.split(',').every((entry) => entry === '*' || LINKEDIN_SECTIONS.includes(entry)),
				`must be * or section names among ${LINKEDIN_SECTIONS.join(', ')}`,
			)
			.optional(),
		notify: z.enum(['true', 'false']).optional(),
	})
	.strict();

function parseQuery<T extends z.ZodRawShape>(
	schema: z.ZodObject<T, 'strict'>,
	query: RecordedRequest['query'],
): { data: z.infer<z.ZodObject<T, 'strict'>> } | { error: Reply } {
	const unknown = Object.keys(query).filter((key) => !(key in schema.shape));
	if (unknown.length)
		return {
			error: invalid(
				`Unknown query parameter(s): ${unknown.join(', ')} (this route takes ${Object.keys(schema.shape).join(', ') || 'none'})`,
			),
		};
	const repeated = Object.keys(query).find((key) => Array.isArray(query[key]));
	if (repeated) return { error: invalid(`${repeated}: given more than once`) };
	const result = schema.safeParse(query);
	return result.success ? { data: result.data } : { error: zodProblem(result.error, query) };
}

/**
 * Cursors are opaque base64url strings naming the list, the filters and the offset; a cursor only
 * works for the list and filters that issued it (a paginator must resend the same filters).
 */
function page<T>(
	items: T[],
	list: string,
	query: Record<string, unknown>,
): { items: T[]; cursor: string | null } | Reply {
	const filters = JSON.stringify(
		Object.entries(query)
			.filter(([key, value]) => key !== 'limit' && key !== 'cursor' && value !== undefined)
			.sort(([a], [b]) => a.localeCompare(b)),
	);
	const size = (query.limit as number | undefined) ?? 100;
	let start = 0;
	if (query.cursor !== undefined) {
		let decoded: unknown;
		try {
			decoded = JSON.parse(Buffer.from(String(query.cursor), 'base64url').toString('utf8'));
		} catch {
			return invalid('cursor: not a cursor this API issued');
		}
		const { l, f, o } = (decoded ?? {}) as { l?: unknown; f?: unknown; o?: unknown };
		if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || typeof l !== 'string')
			return invalid('cursor: not a cursor this API issued');
		if (l !== list) return invalid('cursor: issued for another list');
		if (f !== filters) return invalid('cursor: issued for other filters; resend the same ones');
		start = o;
	}
	const next = start + size;
	return {
		items: items.slice(start, next),
		cursor:
			next < items.length
				? Buffer.from(JSON.stringify({ l: list, f: filters, o: next })).toString('base64url')
				: null,
	};
}

// ---------------------------------------------------------------------------------------------
// Multipart forms

/** One plain value, repeated plain values, one file, repeated files. */
type FieldKind = 'value' | 'values' | 'file' | 'files';
type FormFields = Record<string, string | string[] | MultipartFile | MultipartFile[]>;

/**
 * Groups parts by name: unknown names are named in the error, a file where a value belongs (or the
 * reverse) is refused, and only `values`/`files` fields may repeat.
 */
function readForm(
	parts: MultipartPart[],
	spec: Record<string, FieldKind>,
): { fields: FormFields } | { error: Reply } {
	const unknown = [...new Set(parts.map((part) => part.name).filter((name) => !(name in spec)))];
	if (unknown.length)
		return {
			error: invalid(
				`Unknown field(s): ${unknown.join(', ')} (this route takes ${Object.keys(spec).join(', ')})`,
			),
		};
	const fields: FormFields = {};
	for (const part of parts) {
		const kind = spec[part.name];
		const isFile = kind === 'file' || kind === 'files';
		if (isFile && !part.file)
			return {
				error: invalid(`${part.name}: must be a file part (Content-Disposition with a filename)`),
			};
		if (!isFile && part.file)
			return { error: invalid(`${part.name}: must be a plain field, not a file part`) };
		const content = part.file ?? part.value ?? '';
		if (kind === 'values' || kind === 'files') {
			fields[part.name] = [...((fields[part.name] as unknown[] | undefined) ?? []), content] as
				| string[]
				| MultipartFile[];
			continue;
		}
		if (part.name in fields) return { error: invalid(`${part.name}: given more than once`) };
		fields[part.name] = content;
	}
	return { fields };
}

/** Media type, multipart parse, field grouping and zod, in that order. */
function parseForm<T>(
	request: RecordedRequest,
	spec: Record<string, FieldKind>,
	schema: z.ZodType<T>,
): { data: T } | { error: Reply } {
	const contentType = String(request.headers['content-type'] ?? '');
	if (!/^multipart\/form-data\s*(;|$)/i.test(contentType))
		return {
			error: problem(
				415,
				'unsupported_media_type',
				'Unsupported media type',
				`This route takes multipart/form-data, not ${contentType.split(';')[0] || 'a body without Content-Type'}`,
			),
		};
	const parsed = parseMultipart(request.rawBody, contentType);
	if ('error' in parsed)
		return { error: problem(400, 'malformed_request', 'Malformed request', parsed.error) };
	const form = readForm(parsed.parts, spec);
	if ('error' in form) return form;
	const result = schema.safeParse(form.fields);
	return result.success ? { data: result.data } : { error: zodProblem(result.error, form.fields) };
}

const file = z.custom<MultipartFile>();
const files = z.array(file).optional();
/** The content fields of both send forms. */
interface FormContent {
	text?: string;
	attachments?: MultipartFile[];
	voice_message?: MultipartFile;
	video_message?: MultipartFile;
}

/**
 * A message's content: text or a file, per-file checks (extension, MIME type, not empty,
 * voice/video kinds) and the 15 MB total.
 */
function checkContent(form: FormContent): Reply | undefined {
	const entries: Array<[string, MultipartFile, string?]> = [
		...(form.attachments ?? []).map((entry, index): [string, MultipartFile] => [
			`attachments[${index}]`,
			entry,
		]),
		...(form.voice_message
			? [['voice_message', form.voice_message, 'audio'] as [string, MultipartFile, string]]
			: []),
		...(form.video_message
			? [['video_message', form.video_message, 'video'] as [string, MultipartFile, string]]
			: []),
	];
	if (!form.text && !entries.length) return invalid('text: must not be empty without attachments');
	let total = 0;
	for (const [field, entry, kind] of entries) {
		const where = `${field} (${entry.filename || 'no filename'})`;
		if (!/^[^/\\]+\.[A-Za-z0-9]+$/.test(entry.filename))
			return invalid(`${where}: the filename must have an extension`);
		if (!entry.contentType || !/^[a-z]+\/[^\s;/]+/i.test(entry.contentType))
			return invalid(`${where}: the part needs a Content-Type (the file's MIME type)`);
		if (kind && !entry.contentType.toLowerCase().startsWith(`${kind}/`))
			return invalid(`${where}: must be ${kind}/*, not ${entry.contentType}`);
		if (!entry.data.length) return invalid(`${where}: the file is empty`);
		total += entry.data.length;
	}
	if (total > V1_MAX_ATTACHMENT_BYTES)
		return problem(
			400,
			'content_too_large',
			'Content too large',
			`attachments: ${total} bytes in total, over the 15 MB (${V1_MAX_ATTACHMENT_BYTES} bytes) limit`,
		);
	return undefined;
}

const nonEmpty = z.string().min(1, 'must not be empty');
const startChatForm = z
	.object({
		account_id: nonEmpty,
		attendees_ids: z.array(nonEmpty).min(1, 'needs at least one attendee'),
		text: z.string().optional(),
		subject: nonEmpty.optional(),
		attachments: files,
		voice_message: file.optional(),
		video_message: file.optional(),
		'linkedin[api]': z.enum(['classic', 'recruiter', 'sales_navigator']).optional(),
		'linkedin[inmail]': z.enum(['true', 'false']).optional(),
		'linkedin[applicant_id]': nonEmpty.optional(),
		'linkedin[topic]': z
			.enum(['service_request', 'request_demo', 'support', 'careers', 'other'])
			.optional(),
		'linkedin[invitation_id]': nonEmpty.optional(),
		'linkedin[signature]': nonEmpty.optional(),
	})
	.strict();
const startChatFields: Record<keyof z.infer<typeof startChatForm>, FieldKind> = {
	account_id: 'value',
	attendees_ids: 'values',
	text: 'value',
	subject: 'value',
	attachments: 'files',
	voice_message: 'file',
	video_message: 'file',
	'linkedin[api]': 'value',
	'linkedin[inmail]': 'value',
	'linkedin[applicant_id]': 'value',
	'linkedin[topic]': 'value',
	'linkedin[invitation_id]': 'value',
	'linkedin[signature]': 'value',
};
const sendMessageForm = z
	.object({
		text: z.string().optional(),
		quote_id: nonEmpty.optional(),
		account_id: nonEmpty.optional(),
		attachments: files,
		voice_message: file.optional(),
		video_message: file.optional(),
	})
	.strict();
const sendMessageFields: Record<keyof z.infer<typeof sendMessageForm>, FieldKind> = {
	text: 'value',
	quote_id: 'value',
	account_id: 'value',
	attachments: 'files',
	voice_message: 'file',
	video_message: 'file',
};

/** LinkedIn member provider ids: ACo… (Classic), ACw… (Sales Navigator), AE… (Recruiter). */
const LINKEDIN_PROVIDER_ID = /^(ACo|ACw|AE)[A-Za-z0-9_-]{4,}$/;

// ---------------------------------------------------------------------------------------------
// JSON bodies (users and chat actions)

const inviteBody = z
	.object({
		provider_id: nonEmpty,
		account_id: nonEmpty,
		user_email: z
			.string()
			.regex(/^\S+@\S+\.\S+$/, 'must be an email address')
			.optional(),
		message: z.string().optional(),
	})
	.strict();
const handleInvitationBody = z
	.object({
		provider: z.literal('LINKEDIN', { errorMap: () => ({ message: 'must be "LINKEDIN"' }) }),
		shared_secret: nonEmpty,
		account_id: nonEmpty,
		action: z.enum(['accept', 'decline']),
	})
	.strict();
/** The reference's only action (docs/unipile-v1.md#mark-a-chat-as-read). */
const patchChatBody = z.object({ action: z.literal('setReadStatus'), value: z.boolean() }).strict();

/** A JSON object body: unknown keys named, then the schema (absent required keys are missing_parameters). */
function parseJson<T extends z.ZodRawShape>(
	schema: z.ZodObject<T, 'strict'>,
	body: unknown,
): { data: z.infer<z.ZodObject<T, 'strict'>> } | { error: Reply } {
	if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body))
		return { error: invalid('The body must be a JSON object (Content-Type: application/json)') };
	const unknown = Object.keys(body).filter((key) => !(key in schema.shape));
	if (unknown.length)
		return {
			error: invalid(
				`Unrecognized key(s) in object: ${unknown.join(', ')} (this route takes ${Object.keys(schema.shape).join(', ')})`,
			),
		};
	const result = schema.safeParse(body);
	return result.success ? { data: result.data } : { error: zodProblem(result.error, body) };
}

// ---------------------------------------------------------------------------------------------
// Webhooks

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TRANSPORT_HEADERS = [
	'host',
	'content-length',
	'connection',
	'transfer-encoding',
	'keep-alive',
	'upgrade',
	'expect',
	'te',
	'trailer',
];
/** The URL's protocol and hostname, or undefined when it is not a URL. */
function urlParts(value: string) {
	try {
		const url = new URL(value);
		return { protocol: url.protocol, hostname: url.hostname };
	} catch {
		return undefined;
	}
}
const webhookFields = z
	.object({
		request_url: z
			.string()
			.refine((value) => urlParts(value) !== undefined, 'must be an absolute URL')
			.refine(
				(value) => /^https?:$/.test(urlParts(value)?.protocol ?? 'http:'),
				'must be http or https',
			)
			.refine(
				(value) =>
					!urlParts(value) ||
					['127.0.0.1', 'localhost', '[::1]'].includes(urlParts(value)?.hostname ?? ''),
				'the sandbox delivers to loopback hosts only (127.0.0.1, localhost, [::1])',
			),
		source: z.enum(V1_WEBHOOK_SOURCES, {
			errorMap: () => ({
				message: `must be one of ${V1_WEBHOOK_SOURCES.join(', ')} (the sources this sandbox plays)`,
			}),
		}),
		events: z
			.array(z.string())
			.min(1, 'must not be empty')
			.refine((list) => new Set(list).size === list.length, 'lists an event twice')
			.optional(),
		account_ids: z.array(nonEmpty).optional(),
		name: z.string().optional(),
		format: z.enum(['json', 'form']).optional(),
		enabled: z.boolean().optional(),
		headers: z
			.array(
				z
					.object({
						key: z.string().regex(HEADER_NAME, 'must be an HTTP header name'),
						value: z.string().regex(/^[^\r\n\0]*$/, 'must not contain CR, LF or NUL'),
					})
					.strict(),
			)
			.refine(
				(list) => list.every((header) => !TRANSPORT_HEADERS.includes(header.key.toLowerCase())),
				`must not set transport headers (${TRANSPORT_HEADERS.join(', ')})`,
			)
			.refine(
				(list) => new Set(list.map((header) => header.key.toLowerCase())).size === list.length,
				'sets a header twice',
			)
			.optional(),
	})
	.strict();
const createWebhookBody = webhookFields.superRefine((body, context) => {
	// Each source has its own events; an account status webhook takes no list.
	const allowed: Record<V1WebhookSource, readonly string[]> = {
		messaging: V1_MESSAGING_EVENTS,
		users: V1_USERS_EVENTS,
		account_status: [],
	};
	const wrong = body.events?.filter((event) => !allowed[body.source].includes(event)) ?? [];
	if (wrong.length)
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['events'],
			message: `${wrong.join(', ')} is not an event of the ${body.source} source${
				allowed[body.source].length
					? ` (${allowed[body.source].join(', ')})`
					: ' (it takes no events)'
			}`,
		});
});

const relationInput = z
	.object({
		accountId: z.string().optional(),
		providerId: z.string().optional(),
		headers: z.union([z.enum(['configured', 'none']), z.record(z.string())]).optional(),
		repeat: z.boolean().optional(),
	})
	.strict();

const emitInput = z
	.object({
		chatId: z.string().optional(),
		messageId: z.string().optional(),
		timestamp: z.string().optional(),
		payload: z.record(z.unknown()).optional(),
		headers: z.union([z.enum(['configured', 'none']), z.record(z.string())]).optional(),
		repeat: z.boolean().optional(),
	})
	.strict();

export async function startUnipileV1Sandbox(
	options: {
		port?: number;
		apiKey?: string;
		/** Invitations LinkedIn takes in 7 days before `limit_exceeded` (default `NETWORK.weeklyLimit`). */
		weeklyInvitationLimit?: number;
	} = {},
): Promise<UnipileV1Sandbox> {
	const apiKey = options.apiKey ?? UNIPILE_V1_SANDBOX.apiKey;
	const accounts: Account[] = [
		{
			id: UNIPILE_V1_SANDBOX.accountId,
			name: 'Demo LinkedIn (v1)',
			type: 'LINKEDIN',
			created_at: '2026-01-01T00:00:00.000Z',
			ownerId: OWNER.providerId,
		},
		{
			id: UNIPILE_V1_SANDBOX.whatsappAccountId,
			name: 'Demo WhatsApp (v1)',
			type: 'WHATSAPP',
			created_at: '2026-01-02T00:00:00.000Z',
			ownerId: '33600000000@s.whatsapp.net',
		},
	];
	const people = new Map<string, string>();
	let chats = new Map<string, StoredChat>();
	let webhooks = new Map<string, V1Webhook>();
	let credits = UNIPILE_V1_SANDBOX.inmailCredits;
	/** Downloadable attachment bytes by attachment ID. */
	let files = new Map<string, Buffer>();
	let counter = 0;
	const network = createNetwork({
		owner: {
			providerId: OWNER.providerId,
			publicIdentifier: 'demo-owner',
			firstName: 'Demo',
			lastName: 'Owner',
			headline: 'Founder at Demo Corp',
			location: 'Paris, France',
			premium: true,
		},
		connections: ['Ana', 'Ben', 'Chloe', 'Dan'].map((firstName, index) => ({
			providerId: UNIPILE_V1_SANDBOX.userIds[index],
			firstName,
			lastName: 'Demo',
			headline: 'Sales Director at Demo Corp',
			connectedDaysAgo: 30 * (index + 1),
		})),
		weeklyLimit: options.weeklyInvitationLimit,
	});
	let lastEmit: Delivery | undefined;
	const nextId = (prefix: string) =>
		`${prefix}${Date.now().toString(36)}${(++counter).toString(36).padStart(3, '0')}`;
	const attendeeId = (providerId: string) =>
		`at${Buffer.from(providerId).toString('hex').slice(-14)}`;
	const nameOf = (providerId: string) =>
		people.get(providerId) ?? `Contact ${providerId.slice(-4)}`;
	const accountOf = (id: string) => accounts.find((account) => account.id === id);

	function message(
		chat: StoredChat,
		id: string,
		fields: {
			senderId: string;
			text: string | null;
			timestamp: string;
			attachments?: V1Attachment[];
		},
	): V1Message {
		const fromUs = fields.senderId === accountOf(chat.account_id)?.ownerId;
		return {
			object: 'Message',
			id,
			account_id: chat.account_id,
			chat_id: chat.id,
			chat_provider_id: chat.provider_id,
			provider_id: `p-${id}`,
			sender_id: fields.senderId,
			sender_attendee_id: attendeeId(fields.senderId),
			text: fields.text,
			attachments: fields.attachments ?? [],
			timestamp: fields.timestamp,
			is_sender: fromUs ? 1 : 0,
			reactions: [],
			seen: fromUs ? 0 : 1,
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
		};
	}

	function newChat(
		account: Account,
		id: string,
		attendees: string[],
		fields: { name: string | null; timestamp: string; unread?: number; subject?: string },
	): StoredChat {
		const group = attendees.length > 1;
		return {
			object: 'Chat',
			id,
			account_id: account.id,
			account_type: account.type,
			provider_id:
				account.type === 'LINKEDIN'
					? `2-${Buffer.from(`thread-${id}`).toString('base64url')}`
					: group
						? `${id}@g.us`
						: attendees[0],
			...(group ? {} : { attendee_provider_id: attendees[0] }),
			name: fields.name,
			type: group ? 1 : 0,
			timestamp: fields.timestamp,
			unread_count: fields.unread ?? 0,
			archived: 0,
			muted_until: null,
			read_only: 0,
			disabledFeatures: [],
			...(fields.subject === undefined ? {} : { subject: fields.subject }),
			folder: account.type === 'LINKEDIN' ? ['INBOX', 'INBOX_LINKEDIN_CLASSIC'] : ['INBOX'],
			attendees,
			messages: [],
		};
	}

	function seed() {
		chats = new Map();
		webhooks = new Map();
		files = new Map();
		network.reset();
		credits = UNIPILE_V1_SANDBOX.inmailCredits;
		lastEmit = undefined;
		people.clear();
		people.set(OWNER.providerId, OWNER.name);
		['Ana Demo', 'Ben Demo', 'Chloe Demo', 'Dan Demo'].forEach((name, index) =>
			people.set(UNIPILE_V1_SANDBOX.userIds[index], name),
		);
		const now = Date.now();
		const [linkedin, whatsapp] = accounts;
		const seedChat = (
			account: Account,
			id: string,
			hoursAgo: number,
			attendees: string[],
			name: string | null,
			unread: number,
		) => {
			const at = (minutes: number) =>
				new Date(now - hoursAgo * 3_600_000 - minutes * 60_000).toISOString();
			const chat = newChat(account, id, attendees, { name, timestamp: at(0), unread });
			const prefix = id.replace(/^ch/, 'ms');
			// Newest first: theirs (3), ours (2), theirs (1).
			chat.messages = [
				message(chat, `${prefix}_3`, {
					senderId: attendees[attendees.length - 1],
					text: 'Sounds good, talk soon',
					timestamp: at(0),
				}),
				message(chat, `${prefix}_2`, {
					senderId: account.ownerId,
					text: 'Happy to share more',
					timestamp: at(5),
				}),
				message(chat, `${prefix}_1`, {
					senderId: attendees[0],
					text: 'Hi! Thanks for reaching out',
					timestamp: at(10),
				}),
			];
			chats.set(id, chat);
		};
		for (let n = 1; n <= UNIPILE_V1_SANDBOX.chatCount; n++) {
			const id = `chV1demo${String(n).padStart(4, '0')}`;
			const user = UNIPILE_V1_SANDBOX.userIds[n - 1] ?? `ACoAAV1Other${String(n).padStart(4, '0')}`;
			const group = n === 5;
			seedChat(
				linkedin,
				id,
				n,
				group ? UNIPILE_V1_SANDBOX.userIds.slice(0, 2) : [user],
				group ? 'Demo group' : n <= 4 ? nameOf(user) : null,
				n % 3 === 0 ? 1 : 0,
			);
		}
		for (const id of UNIPILE_V1_SANDBOX.salesNavigatorChatIds)
			(chats.get(id) as StoredChat).folder = ['INBOX', 'INBOX_LINKEDIN_SALES_NAVIGATOR'];
		const { chatId, attachmentId } = UNIPILE_V1_SANDBOX.attachment;
		const newest = (chats.get(chatId) as StoredChat).messages[0];
		newest.text = 'Here is our proposal';
		newest.attachments = [
			{
				id: attachmentId,
				file_size: V1_SANDBOX_PDF.length,
				unavailable: false,
				mimetype: 'application/pdf',
				type: 'file',
				file_name: 'proposal.pdf',
			},
		];
		files.set(attachmentId, V1_SANDBOX_PDF);
		UNIPILE_V1_SANDBOX.whatsappChatIds.forEach((id, index) =>
			seedChat(
				whatsapp,
				id,
				UNIPILE_V1_SANDBOX.chatCount + index + 1,
				[`3361234000${index}@s.whatsapp.net`],
				null,
				0,
			),
		);
	}
	seed();

	const summaryOf = (chat: StoredChat): V1Chat =>
		Object.fromEntries(
			Object.entries(chat).filter(([key]) => key !== 'messages' && key !== 'attendees'),
		) as unknown as V1Chat;

	function storeFiles(form: FormContent): V1Attachment[] {
		const list = [
			...(form.attachments ?? []),
			...(form.voice_message ? [form.voice_message] : []),
			...(form.video_message ? [form.video_message] : []),
		];
		return list.map((entry) => {
			const mimetype = entry.contentType as string;
			const id = nextId('att');
			files.set(id, entry.data);
			const base = {
				id,
				file_size: entry.data.length,
				unavailable: false,
				mimetype,
			};
			const kind = mimetype.split('/')[0];
			if (kind === 'image')
				return { ...base, type: 'img', size: { width: 0, height: 0 }, sticker: false };
			if (kind === 'video')
				return { ...base, type: 'video', size: { width: 0, height: 0 }, gif: false };
			if (kind === 'audio')
				return { ...base, type: 'audio', voice_note: entry === form.voice_message };
			return { ...base, type: 'file', file_name: entry.filename };
		});
	}

	function send(
		chat: StoredChat,
		fields: FormContent & {
			quote?: V1Message;
			subject?: string;
			inmail?: boolean;
		},
	) {
		const timestamp = new Date().toISOString();
		const stored = message(chat, nextId('ms'), {
			senderId: accountOf(chat.account_id)?.ownerId ?? OWNER.providerId,
			text: fields.text || null,
			timestamp,
			attachments: storeFiles(fields),
		});
		if (fields.quote)
			stored.quoted = {
				provider_id: fields.quote.provider_id,
				sender_id: fields.quote.sender_id,
				text: fields.quote.text,
				attachments: fields.quote.attachments,
			};
		if (fields.subject !== undefined) stored.subject = fields.subject;
		if (fields.inmail) stored.message_type = 'INMAIL';
		chat.messages.unshift(stored);
		chat.timestamp = timestamp;
		return stored;
	}

	function authProblem(request: RecordedRequest): Reply | undefined {
		const key = request.headers['x-api-key'];
		if (key === undefined || key === '')
			return problem(
				401,
				'missing_credentials',
				'Missing credentials',
				'Some credentials are necessary to perform the request.',
			);
		if (key !== apiKey)
			return problem(
				401,
				'invalid_credentials',
				'Invalid credentials',
				'The provided credentials are invalid.',
			);
		return undefined;
	}

	function handle(recorded: RecordedRequest): Reply {
		const segments = recorded.path.split('/').filter(Boolean).map(decodeURIComponent);
		const noRoute = notFound(`Cannot ${recorded.method} ${recorded.path}`);
		if (segments[0] !== 'api' || segments[1] !== 'v1') return noRoute;
		const denied = authProblem(recorded);
		if (denied) return denied;
		// A DSN's port may travel as ?port= when custom ports are blocked (unipile-v1.md "What the DSN is").
		const { port: dsnPort, ...query } = recorded.query;
		if (dsnPort !== undefined && dsnPort !== String(listeningPort))
			return invalid(`port: this DSN listens on port ${listeningPort}, not ${String(dsnPort)}`);
		const request = { ...recorded, query };
		const parts = segments.slice(2);
		if (parts[0] === 'users') return users(request, parts.slice(1)) ?? noRoute;
		if (request.method === 'GET' && parts[0] === 'messages' && parts[2] === 'attachments')
			return parts.length === 4 ? attachment(parts[1], parts[3]) : noRoute;
		const [resource, id, sub, ...rest] = parts;
		if (rest.length) return noRoute;
		const route = `${request.method} ${[resource, id === undefined ? '' : ':id', sub ?? '']
			.filter(Boolean)
			.join('/')}`;
		switch (route) {
			case 'GET accounts':
				return listAccounts(request);
			case 'GET chats':
				return listChats(request);
			case 'POST chats':
				return startChat(request);
			case 'GET chats/:id':
				return getChat(request, id);
			case 'PATCH chats/:id':
				return patchChat(request, id);
			case 'GET messages/:id':
				return getMessage(id);
			case 'GET chats/:id/messages':
				return listMessages(request, id);
			case 'POST chats/:id/messages':
				return sendMessage(request, id);
			case 'GET linkedin/:id':
				return id === 'inmail_balance' ? inmailBalance(request) : noRoute;
			case 'POST webhooks':
				return createWebhook(request);
			case 'GET webhooks':
				return listWebhooks(request);
			case 'DELETE webhooks/:id':
				return deleteWebhook(id);
			default:
				return noRoute;
		}
	}

	function listAccounts(request: RecordedRequest): Reply {
		const query = parseQuery(pagingQuery, request.query);
		if ('error' in query) return query.error;
		const items = accounts.map((account) => ({
			object: 'Account',
			id: account.id,
			name: account.name,
			type: account.type,
			created_at: account.created_at,
			connection_params: {
				im: {
					id: account.ownerId,
					username: account.name,
					...(account.type === 'LINKEDIN'
						? { publicIdentifier: 'demo-owner', premiumFeatures: ['premium', 'sales_navigator'] }
						: { phone_number: account.ownerId.split('@')[0] }),
				},
			},
			sources: [{ id: `${account.id}_MESSAGING`, status: 'OK' }],
			groups: [],
		}));
		const result = page(items, 'accounts', query.data);
		return isReply(result) ? result : reply(200, { object: 'AccountList', ...result });
	}

	function listChats(request: RecordedRequest): Reply {
		const query = parseQuery(listChatsQuery, request.query);
		if ('error' in query) return query.error;
		const filters = query.data;
		const accountIds = filters.account_id?.split(',');
		const unknown = accountIds?.find((entry) => !accountOf(entry));
		if (unknown !== undefined) return notFound(`account_id: account ${unknown} not found`);
		const list = [...chats.values()]
			.filter((chat) => !accountIds || accountIds.includes(chat.account_id))
			.filter((chat) => !filters.account_type || chat.account_type === filters.account_type)
			.filter(
				(chat) =>
					filters.unread === undefined || chat.unread_count > 0 === (filters.unread === 'true'),
			)
			.filter((chat) => !filters.before || chat.timestamp < filters.before)
			.filter((chat) => !filters.after || chat.timestamp > filters.after)
			.sort((a, b) => b.timestamp.localeCompare(a.timestamp))
			.map(summaryOf);
		const result = page(list, 'chats', filters);
		return isReply(result) ? result : reply(200, { object: 'ChatList', ...result });
	}

	function getChat(request: RecordedRequest, chatId: string): Reply {
		const query = parseQuery(getChatQuery, request.query);
		if ('error' in query) return query.error;
		const chat = chats.get(chatId);
		if (!chat || (query.data.account_id && query.data.account_id !== chat.account_id))
			return notFound(`Chat ${chatId} not found`);
		return reply(200, summaryOf(chat));
	}

	/** `PATCH /chats/{chat_id}` with `setReadStatus` (docs/unipile-v1.md#mark-a-chat-as-read). */
	function patchChat(request: RecordedRequest, chatId: string): Reply {
		const parsed = parseJson(patchChatBody, request.body);
		if ('error' in parsed) return parsed.error;
		const chat = chats.get(chatId);
		if (!chat) return notFound(`Chat ${chatId} not found`);
		if (parsed.data.value) {
			chat.unread_count = 0;
			for (const entry of chat.messages) if (!entry.is_sender) entry.seen = 1;
		} else if (chat.unread_count === 0) chat.unread_count = 1;
		return reply(200, { object: 'ChatPatched' });
	}

	const findMessage = (messageId: string) =>
		[...chats.values()].flatMap((chat) => chat.messages).find((entry) => entry.id === messageId);

	/** `GET /messages/{message_id}` (docs/unipile-v1.md#retrieve-a-message). */
	function getMessage(messageId: string): Reply {
		const found = findMessage(messageId);
		return found ? reply(200, found) : notFound(`Message ${messageId} not found`);
	}

	/** `GET /messages/{message_id}/attachments/{attachment_id}`: the file's bytes (docs/unipile-v1.md#download-an-attachment). */
	function attachment(messageId: string, attachmentId: string): Reply {
		const found = findMessage(messageId);
		if (!found) return notFound(`Message ${messageId} not found`);
		const entry = found.attachments.find((candidate) => candidate.id === attachmentId);
		const data = entry && files.get(entry.id);
		if (!entry || !data)
			return notFound(`Attachment ${attachmentId} not found in message ${messageId}`);
		return { status: 200, raw: data, headers: { 'content-type': entry.mimetype } };
	}

	function listMessages(request: RecordedRequest, chatId: string): Reply {
		const query = parseQuery(listMessagesQuery, request.query);
		if ('error' in query) return query.error;
		const chat = chats.get(chatId);
		if (!chat) return notFound(`Chat ${chatId} not found`);
		const filters = query.data;
		const list = chat.messages
			.filter((entry) => !filters.sender_id || entry.sender_id === filters.sender_id)
			.filter((entry) => !filters.before || entry.timestamp < filters.before)
			.filter((entry) => !filters.after || entry.timestamp > filters.after);
		const result = page(list, `messages:${chatId}`, filters);
		return isReply(result) ? result : reply(200, { object: 'MessageList', ...result });
	}

	function startChat(request: RecordedRequest): Reply {
		const parsed = parseForm(request, startChatFields, startChatForm);
		if ('error' in parsed) return parsed.error;
		const form = parsed.data;
		const contentProblem = checkContent(form);
		if (contentProblem) return contentProblem;
		const account = accountOf(form.account_id);
		if (!account) return notFound(`account_id: account ${form.account_id} not found`);
		const duplicate = form.attendees_ids.find(
			(entry, index) => form.attendees_ids.indexOf(entry) !== index,
		);
		if (duplicate) return invalid(`attendees_ids: ${duplicate} is given twice`);
		const linkedinKeys = Object.keys(form).filter((key) => key.startsWith('linkedin['));
		const group = form.attendees_ids.length > 1;
		const inmail = form['linkedin[inmail]'] === 'true';
		const api = form['linkedin[api]'] ?? 'classic';
		if (account.type !== 'LINKEDIN') {
			if (linkedinKeys.length)
				return invalid(`${linkedinKeys[0]}: LinkedIn options need a LinkedIn account`);
		} else {
			const oneToOneOnly = [
				'linkedin[inmail]',
				'linkedin[topic]',
				'linkedin[applicant_id]',
				'linkedin[invitation_id]',
			].find((key) => key in form && (key !== 'linkedin[inmail]' || inmail));
			if (group && oneToOneOnly)
				return invalid(`${oneToOneOnly}: only for a chat with exactly one attendee`);
			if (form['linkedin[inmail]'] !== undefined && api !== 'classic')
				return invalid('linkedin[inmail]: only with linkedin[api]=classic');
			const badId = form.attendees_ids.find((entry) => !LINKEDIN_PROVIDER_ID.test(entry));
			if (badId && !form['linkedin[topic]'])
				return problem(
					422,
					'invalid_recipient',
					'Invalid recipient',
					`attendees_ids: ${badId} is not a LinkedIn provider id (ACoAA…); resolve profiles to provider ids first`,
				);
			if (api === 'recruiter')
				return problem(
					403,
					'feature_not_subscribed',
					'Feature not subscribed',
					'linkedin[api]: this account has no LinkedIn Recruiter subscription',
				);
			const invitationId = form['linkedin[invitation_id]'];
			const refusal = group
				? undefined
				: network.startRefusal(form.attendees_ids[0], inmail || api !== 'classic', invitationId);
			if (refusal) return startRefused(refusal, form.attendees_ids[0], invitationId);
			if (inmail && !network.freeInmail(form.attendees_ids[0])) {
				if (credits === 0)
					return problem(
						422,
						'insufficient_credits',
						'Insufficient credits',
						'No InMail credit left on this account',
					);
				credits--;
			}
		}
		// Sales Navigator keeps its own threads, apart from Classic ones.
		const folder =
			form['linkedin[api]'] === 'sales_navigator'
				? 'INBOX_LINKEDIN_SALES_NAVIGATOR'
				: 'INBOX_LINKEDIN_CLASSIC';
		let chat = group
			? undefined
			: [...chats.values()].find(
					(entry) =>
						entry.account_id === account.id &&
						entry.type === 0 &&
						entry.attendees[0] === form.attendees_ids[0] &&
						(account.type !== 'LINKEDIN' || entry.folder.includes(folder)),
				);
		if (!chat) {
			chat = newChat(account, nextId('ch'), form.attendees_ids, {
				name: group ? (form.subject ?? null) : (people.get(form.attendees_ids[0]) ?? null),
				timestamp: new Date().toISOString(),
				subject: form.subject,
			});
			if (inmail) chat.content_type = 'inmail';
			if (account.type === 'LINKEDIN') chat.folder = ['INBOX', folder];
			chats.set(chat.id, chat);
		}
		const stored = send(chat, {
			text: form.text,
			attachments: form.attachments,
			voice_message: form.voice_message,
			video_message: form.video_message,
			subject: form.subject,
			inmail,
		});
		return reply(201, { object: 'ChatStarted', chat_id: chat.id, message_id: stored.id });
	}

	function startRefused(refusal: StartRefusal, attendee: string, invitationId?: string): Reply {
		switch (refusal) {
			case 'wrong_invitation':
				return invalid(
					`linkedin[invitation_id]: ${invitationId} is not a pending invitation from ${attendee}`,
				);
			case 'needs_invitation':
				return invalid(
					`linkedin[invitation_id]: mandatory to start a chat with ${attendee}, who sent you an invitation you have neither accepted nor declined`,
				);
			case 'not_connected':
				return problem(
					422,
					'no_connection_with_recipient',
					'No connection with recipient',
					`${attendee} is not a relation: start with an InMail, or send an invitation first`,
				);
			case 'inmail_not_allowed':
				return problem(
					422,
					'not_allowed_inmail',
					'InMail not allowed',
					`${attendee} cannot be reached by InMail`,
				);
		}
	}

	function sendMessage(request: RecordedRequest, chatId: string): Reply {
		const parsed = parseForm(request, sendMessageFields, sendMessageForm);
		if ('error' in parsed) return parsed.error;
		const form = parsed.data;
		const contentProblem = checkContent(form);
		if (contentProblem) return contentProblem;
		const chat = chats.get(chatId);
		if (!chat) return notFound(`Chat ${chatId} not found`);
		if (form.account_id !== undefined && form.account_id !== chat.account_id)
			return problem(
				403,
				'account_mismatch',
				'Account mismatch',
				`account_id: chat ${chatId} does not belong to account ${form.account_id}`,
			);
		const quote =
			form.quote_id === undefined
				? undefined
				: chat.messages.find((entry) => entry.id === form.quote_id);
		if (form.quote_id !== undefined && !quote)
			return notFound(`quote_id: message ${form.quote_id} not found in chat ${chatId}`);
		const stored = send(chat, { ...form, quote });
		return reply(201, { object: 'MessageSent', message_id: stored.id });
	}

	// -------------------------------------------------------------------------------------------
	// Users: profiles, relations, invitations (docs/unipile-v1.md#users-and-invitations)

	/** The `/users/…` routes; undefined when none matches. */
	function users(request: RecordedRequest, parts: string[]): Reply | undefined {
		const route = `${request.method} ${parts.join('/')}`;
		if (route === 'POST invite') return invite(request);
		if (route === 'GET invite/sent') return invitationList(request, 'sent');
		if (route === 'GET invite/received') return invitationList(request, 'received');
		if (route === 'GET relations') return relationList(request);
		if (route === 'GET me') return ownProfile(request);
		if (parts.length === 3 && parts[0] === 'invite') {
			if (request.method === 'DELETE' && parts[1] === 'sent')
				return cancelInvitation(request, parts[2]);
			if (request.method === 'POST' && parts[1] === 'received')
				return handleInvitation(request, parts[2]);
		}
		if (request.method === 'GET' && parts.length === 1) return profile(request, parts[0]);
		return undefined;
	}

	/** The LinkedIn account an `account_id` names, or the error to answer. */
	function linkedinAccount(accountId: string): Account | Reply {
		const account = accountOf(accountId);
		if (!account) return notFound(`account_id: account ${accountId} not found`);
		if (account.type !== 'LINKEDIN')
			return problem(
				422,
				'invalid_account',
				'Invalid account',
				`account_id: ${account.id} is a ${account.type} account, not LinkedIn`,
			);
		return account;
	}

	const fullName = (person: Person) => `${person.firstName} ${person.lastName}`;
	const profileUrl = (person: Person) => `https://www.linkedin.com/in/${person.publicIdentifier}`;

	/** `GET /users/{identifier}`: a provider ID or a public identifier, never a URL. */
	function profile(request: RecordedRequest, identifier: string): Reply {
		const query = parseQuery(profileQuery, request.query);
		if ('error' in query) return query.error;
		const account = linkedinAccount(query.data.account_id);
		if (isReply(account)) return account;
		if (/[/:]|linkedin\.com/i.test(identifier))
			return invalid(
				'identifier: pass the public identifier (the last part of the profile URL) or the provider ID, not a URL',
			);
		if (query.data.linkedin_api === 'recruiter')
			return problem(
				403,
				'feature_not_subscribed',
				'Feature not subscribed',
				'linkedin_api: this account has no LinkedIn Recruiter subscription',
			);
		const person = network.find(identifier);
		if (!person) return notFound('User not found');
		const self = person === network.owner;
		const mark = network.mark(person.providerId);
		return reply(200, {
			object: 'UserProfile',
			provider: 'LINKEDIN',
			// Sales Navigator knows each member by another ID, ACw… (docs/unipile-v1.md#retrieve-a-profile).
			provider_id:
				query.data.linkedin_api === 'sales_navigator'
					? `ACw${person.providerId.slice(3)}`
					: person.providerId,
			public_identifier: person.publicIdentifier,
			first_name: person.firstName,
			last_name: person.lastName,
			headline: person.headline,
			location: person.location,
			websites: [],
			can_send_inmail: !self && person.canSendInmail,
			is_open_profile: person.openProfile,
			is_premium: person.premium,
			is_relationship: !self && person.distance === 'FIRST_DEGREE',
			is_self: self,
			...(mark ? { invitation: mark } : {}),
			...(self ? {} : { network_distance: person.distance }),
			public_profile_url: profileUrl(person),
		});
	}

	/** `GET /users/me`: the account owner. */
	function ownProfile(request: RecordedRequest): Reply {
		const query = parseQuery(accountQuery, request.query);
		if ('error' in query) return query.error;
		const account = linkedinAccount(query.data.account_id);
		if (isReply(account)) return account;
		const owner = network.owner;
		return reply(200, {
			object: 'AccountOwnerProfile',
			provider: 'LINKEDIN',
			provider_id: owner.providerId,
			entity_urn: `urn:li:fsd_profile:${owner.providerId}`,
			object_urn: 'urn:li:member:100000001',
			first_name: owner.firstName,
			last_name: owner.lastName,
			profile_picture_url: null,
			public_profile_url: profileUrl(owner),
			public_identifier: owner.publicIdentifier,
			headline: owner.headline,
			location: owner.location,
			email: 'owner@example.com',
			premium: owner.premium,
			open_profile: false,
			recruiter: null,
			sales_navigator: { owner_seat_id: '100000002', contract_id: '100000003' },
		});
	}

	function invitationItem(invitation: Invitation) {
		const other = network.find(invitation.providerId) as Person;
		const owner = network.owner;
		const [invited, inviter] = invitation.direction === 'sent' ? [other, owner] : [owner, other];
		return {
			object: invitation.direction === 'sent' ? 'InvitationSent' : 'InvitationReceived',
			id: invitation.id,
			invited_user: fullName(invited),
			invited_user_id: invited.providerId,
			invited_user_public_id: invited.publicIdentifier,
			invited_user_description: invited.headline,
			date: sentAgo(invitation.at),
			parsed_datetime: invitation.at,
			invitation_text: invitation.message,
			...(invitation.direction === 'received'
				? {
						inviter: {
							inviter_name: fullName(inviter),
							inviter_id: inviter.providerId,
							inviter_public_identifier: inviter.publicIdentifier,
							inviter_description: inviter.headline,
						},
						specifics: { provider: 'LINKEDIN', shared_secret: invitation.sharedSecret },
					}
				: {}),
		};
	}

	/** `GET /users/invite/sent|received`: pending ones, newest first, 10 to a page by default. */
	function invitationList(request: RecordedRequest, direction: Invitation['direction']): Reply {
		const query = parseQuery(invitationsQuery, request.query);
		if ('error' in query) return query.error;
		const account = linkedinAccount(query.data.account_id);
		if (isReply(account)) return account;
		const items = network.invitations(direction).map(invitationItem);
		const result = page(items, `invitations:${direction}`, {
			...query.data,
			limit: query.data.limit ?? 10,
		});
		return isReply(result) ? result : reply(200, { object: 'InvitationList', ...result });
	}

	/** `GET /users/relations`: newest first; `filter` matches the name. */
	function relationList(request: RecordedRequest): Reply {
		const query = parseQuery(relationsQuery, request.query);
		if ('error' in query) return query.error;
		const account = linkedinAccount(query.data.account_id);
		if (isReply(account)) return account;
		const filter = query.data.filter?.toLowerCase();
		const items = network
			.relations()
			.filter((person) => !filter || fullName(person).toLowerCase().includes(filter))
			.map((person) => ({
				object: 'UserRelation',
				first_name: person.firstName,
				last_name: person.lastName,
				headline: person.headline,
				public_identifier: person.publicIdentifier,
				public_profile_url: `${profileUrl(person)}/`,
				created_at: Date.parse(person.connectedAt as string),
				member_id: person.providerId,
				member_urn: `urn:li:fsd_profile:${person.providerId}`,
				connection_urn: `urn:li:fsd_connection:${person.providerId}`,
			}));
		const result = page(items, 'relations', query.data);
		return isReply(result) ? result : reply(200, { object: 'UserRelationsList', ...result });
	}

	/** `POST /users/invite` (docs/unipile-v1.md#send-an-invitation). */
	function invite(request: RecordedRequest): Reply {
		const parsed = parseJson(inviteBody, request.body);
		if ('error' in parsed) return parsed.error;
		const { provider_id: providerId, account_id: accountId, message } = parsed.data;
		const length = [...(message ?? '')].length;
		if (length > NETWORK.noteLimit)
			return problem(
				400,
				'too_many_characters',
				'Too many characters',
				`message: ${length} characters, over the ${NETWORK.noteLimit} an invitation note takes`,
			);
		const account = linkedinAccount(accountId);
		if (isReply(account)) return account;
		if (!LINKEDIN_PROVIDER_ID.test(providerId))
			return problem(
				422,
				'invalid_recipient',
				'Invalid recipient',
				`provider_id: ${providerId} is not a LinkedIn provider id (ACoAA…); get it with GET /users/{public_identifier}`,
			);
		const before = network.sentThisWeek();
		const outcome = network.invite(providerId, message || undefined);
		if ('refusal' in outcome) return inviteRefused(outcome.refusal, providerId);
		// `usage` appears only when the week's share of LinkedIn's limit passes a new landing.
		const share = (count: number) => (100 * count) / network.weeklyLimit;
		const landing = [95, 90, 75, 50].find(
			(mark) => share(before) < mark && share(before + 1) >= mark,
		);
		return reply(200, {
			object: 'UserInvitationSent',
			invitation_id: outcome.invitation.id,
			...(landing === undefined ? {} : { usage: landing }),
		});
	}

	function inviteRefused(refusal: InviteRefusal, providerId: string): Reply {
		const person = network.find(providerId);
		const who = person ? fullName(person) : providerId;
		switch (refusal) {
			case 'not_found':
				return notFound('User not found');
			case 'self':
				return invalid('provider_id: this is the account itself');
			case 'already_connected':
				return problem(
					422,
					'already_connected',
					'Already connected',
					`${who} is already a relation`,
				);
			case 'already_invited':
				return problem(
					422,
					'already_invited_recently',
					'Should delay new invitation to this recipient',
					'An invitation has already been sent recently to this recipient. Please try again later.',
				);
			case 'invited_you':
				return problem(
					422,
					'action_already_performed',
					'Action already performed',
					`${who} has invited you: accept their invitation instead`,
				);
			case 'weekly_limit':
				return problem(
					422,
					'limit_exceeded',
					'Limit exceeded',
					"The account has reached LinkedIn's weekly invitation limit",
				);
		}
	}

	/** `DELETE /users/invite/sent/{invitation_id}?account_id=`. */
	function cancelInvitation(request: RecordedRequest, invitationId: string): Reply {
		const query = parseQuery(accountQuery, request.query);
		if ('error' in query) return query.error;
		const account = linkedinAccount(query.data.account_id);
		if (isReply(account)) return account;
		const invitation = network.invitation(invitationId);
		if (!invitation) return notFound(`Invitation ${invitationId} not found`);
		if (invitation.direction === 'received')
			return invalid(
				`invitation_id: ${invitationId} was received; decline it with POST /users/invite/received/{invitation_id}`,
			);
		network.withdraw(invitationId);
		return reply(200, { object: 'InvitationCanceled' });
	}

	/** `POST /users/invite/received/{invitation_id}`: accept or decline, with LinkedIn's shared secret. */
	function handleInvitation(request: RecordedRequest, invitationId: string): Reply {
		const parsed = parseJson(handleInvitationBody, request.body);
		if ('error' in parsed) return parsed.error;
		const account = linkedinAccount(parsed.data.account_id);
		if (isReply(account)) return account;
		const invitation = network.invitation(invitationId);
		if (!invitation) return notFound(`Invitation ${invitationId} not found`);
		if (invitation.direction === 'sent')
			return invalid(
				`invitation_id: ${invitationId} is one you sent; cancel it with DELETE /users/invite/sent/{invitation_id}`,
			);
		if (parsed.data.shared_secret !== invitation.sharedSecret)
			return invalid(
				`shared_secret: not the one of invitation ${invitationId} (take it from GET /users/invite/received)`,
			);
		const accept = parsed.data.action === 'accept';
		network.answer(invitationId, accept);
		return reply(200, {
			object: 'UserInvitationHandled',
			status: accept ? 'ACCEPTED' : 'DECLINED',
		});
	}

	function inmailBalance(request: RecordedRequest): Reply {
		const query = parseQuery(balanceQuery, request.query);
		if ('error' in query) return query.error;
		const account = accountOf(query.data.account_id);
		if (!account) return notFound(`account_id: account ${query.data.account_id} not found`);
		if (account.type !== 'LINKEDIN')
			return problem(
				422,
				'invalid_account',
				'Invalid account',
				`account_id: ${account.id} is a ${account.type} account, not LinkedIn`,
			);
		return reply(200, {
			object: 'LinkedinInmailBalance',
			premium: credits,
			recruiter: null,
			sales_navigator: UNIPILE_V1_SANDBOX.salesNavigatorCredits,
		});
	}

	function createWebhook(request: RecordedRequest): Reply {
		const body = request.body;
		if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body))
			return invalid('The body must be a JSON object (Content-Type: application/json)');
		const unknown = Object.keys(body).filter((key) => !(key in webhookFields.shape));
		if (unknown.length)
			return invalid(
				`Unrecognized key(s) in object: ${unknown.join(', ')} (this sandbox plays: ${Object.keys(webhookFields.shape).join(', ')})`,
			);
		const result = createWebhookBody.safeParse(body);
		if (!result.success) return zodProblem(result.error, body);
		const input = result.data;
		const stranger = input.account_ids?.find((entry) => !accountOf(entry));
		if (stranger !== undefined) return invalid(`account_ids: account ${stranger} not found`);
		const webhook: V1Webhook = {
			object: 'Webhook',
			id: nextId('wh'),
			account_ids: input.account_ids ?? [],
			enabled: input.enabled ?? true,
			name: input.name ?? null,
			request_url: input.request_url,
			format: input.format ?? 'json',
			headers: input.headers ?? [],
			// Unipile's defaults when `events` is left out: message_received, new_relation.
			events:
				input.events ??
				({ messaging: ['message_received'], users: ['new_relation'], account_status: [] } as const)[
					input.source
				].slice(),
			source: input.source,
			type: 'AUTO',
		};
		webhooks.set(webhook.id, webhook);
		return reply(201, { object: 'WebhookCreated', webhook_id: webhook.id });
	}

	function listWebhooks(request: RecordedRequest): Reply {
		const query = parseQuery(pagingQuery, request.query);
		if ('error' in query) return query.error;
		const result = page([...webhooks.values()], 'webhooks', query.data);
		return isReply(result) ? result : reply(200, { object: 'WebhookList', ...result });
	}

	function deleteWebhook(webhookId: string): Reply {
		if (!webhooks.delete(webhookId)) return notFound(`Webhook ${webhookId} not found`);
		return reply(200, { object: 'WebhookDeleted' });
	}

	// -------------------------------------------------------------------------------------------
	// Deliveries

	const person = (providerId: string) => ({
		attendee_id: attendeeId(providerId),
		attendee_name: nameOf(providerId),
		attendee_provider_id: providerId,
		attendee_profile_url: `https://www.linkedin.com/in/${providerId}/`,
	});

	/** The flat v1 messaging payload, without `webhook_name` (set per webhook). */
	function buildPayload(
		event: V1MessagingEvent,
		emitOptions: V1EmitOptions,
	): { accountId: string; payload: Record<string, unknown> } | { error: string } {
		const chatId = emitOptions.chatId ?? UNIPILE_V1_SANDBOX.chatIds[0];
		const chat = chats.get(chatId);
		if (!chat) return { error: `chat ${chatId} not found` };
		const entry = emitOptions.messageId
			? chat.messages.find((candidate) => candidate.id === emitOptions.messageId)
			: chat.messages[0];
		if (!entry) return { error: `message ${emitOptions.messageId} not found in chat ${chatId}` };
		const account = accountOf(chat.account_id) as Account;
		const everyone = [account.ownerId, ...chat.attendees];
		return {
			accountId: account.id,
			payload: {
				account_id: account.id,
				account_type: account.type,
				account_info: {
					type: account.type,
					...(account.type === 'LINKEDIN' ? { feature: 'classic' } : {}),
					user_id: account.ownerId,
				},
				event,
				chat_id: chat.id,
				timestamp:
					emitOptions.timestamp ??
					(event === 'message_read' ? new Date().toISOString() : entry.timestamp),
				// Filled in per webhook (its `name`).
				webhook_name: null,
				message_id: entry.id,
				message: entry.text,
				sender: person(entry.sender_id),
				attendees: everyone.filter((id) => id !== entry.sender_id).map(person),
				attachments: entry.attachments.map((attachment) => ({
					id: attachment.id,
					type: attachment.type,
					mimetype: attachment.mimetype,
					url: `att://${attachment.id}`,
					...(attachment.size ? { size: attachment.size } : {}),
				})),
				...(event === 'message_reaction'
					? { reaction: '👍', reaction_sender: person(chat.attendees[0]) }
					: {}),
				...emitOptions.payload,
			},
		};
	}

	function headersFor(webhook: V1Webhook, mode: V1EmitOptions['headers']) {
		const configured = Object.fromEntries(webhook.headers.map(({ key, value }) => [key, value]));
		const isContentType = (key: string) => key.toLowerCase() === 'content-type';
		const keepContentType = Object.fromEntries(
			Object.entries(configured).filter(([key]) => isContentType(key)),
		);
		const custom =
			mode === undefined || mode === 'configured'
				? configured
				: mode === 'none'
					? keepContentType
					: {
							...(Object.keys(mode).some(isContentType) ? {} : keepContentType),
							...mode,
						};
		const hasContentType = Object.keys(custom).some(isContentType);
		// API-created v1 webhooks get no JSON Content-Type unless they set one (docs/unipile-v1.md#content-type).
		return hasContentType
			? custom
			: { ...custom, 'content-type': 'application/x-www-form-urlencoded' };
	}

	async function deliver(target: Delivery, mode: V1EmitOptions['headers']): Promise<V1Delivery[]> {
		const results: V1Delivery[] = [];
		const matching = [...webhooks.values()].filter(
			(webhook) =>
				webhook.enabled &&
				webhook.source === target.source &&
				(target.event === undefined || webhook.events.includes(target.event)) &&
				(!webhook.account_ids.length || webhook.account_ids.includes(target.accountId)),
		);
		for (const webhook of matching) {
			// Messaging and users payloads echo the webhook's name; account status ones do not.
			const payload =
				target.event === undefined
					? target.payload
					: { ...target.payload, webhook_name: webhook.name };
			const body =
				webhook.format === 'json'
					? JSON.stringify(payload)
					: new URLSearchParams(
							Object.entries(payload).map(([key, value]): [string, string] => [
								key,
								typeof value === 'string' ? value : JSON.stringify(value),
							]),
						).toString();
			try {
				const response = await fetch(webhook.request_url, {
					method: 'POST',
					headers: headersFor(webhook, mode),
					body,
					signal: AbortSignal.timeout(10_000),
				});
				await response.arrayBuffer();
				results.push({ url: webhook.request_url, status: response.status });
			} catch (error) {
				const cause = (error as Error & { cause?: Error }).cause;
				results.push({
					url: webhook.request_url,
					status: 0,
					error: `${(error as Error).message}${cause ? `: ${cause.message}` : ''}`,
				});
			}
		}
		return results;
	}

	function prepare(
		build: () => Delivery | { error: string },
		repeat: boolean | undefined,
	): Delivery | { error: string } {
		if (repeat) {
			if (!lastEmit) return { error: 'nothing to repeat: no earlier emit since the last reset' };
			return lastEmit;
		}
		return build();
	}

	/** Delivers, or says why it cannot (unknown chat, message or account, nothing to repeat). */
	async function deliverChecked(
		build: () => Delivery | { error: string },
		input: { repeat?: boolean; headers?: V1EmitOptions['headers'] },
	) {
		const prepared = prepare(build, input.repeat);
		if ('error' in prepared) return prepared;
		lastEmit = prepared;
		return await deliver(prepared, input.headers);
	}

	function messaging(event: V1MessagingEvent, input: V1EmitOptions) {
		const built = buildPayload(event, input);
		if ('error' in built) return built;
		return { source: 'messaging' as const, event, ...built };
	}

	const emitChecked = async (event: V1MessagingEvent, input: V1EmitOptions) =>
		await deliverChecked(() => messaging(event, input), input);

	/**
	 * The documented `new_relation` payload (docs/unipile-v1.md#new-relation-payload); for a person
	 * of the network (an accepted invitation), their own name and profile.
	 */
	function relation(input: V1RelationOptions, person?: Person): Delivery | { error: string } {
		const account = accountOf(input.accountId ?? UNIPILE_V1_SANDBOX.accountId);
		if (!account) return { error: `account ${input.accountId} not found` };
		if (account.type !== 'LINKEDIN') return { error: `account ${account.id} is not LinkedIn` };
		const providerId = person?.providerId ?? input.providerId ?? UNIPILE_V1_SANDBOX.userIds[0];
		const publicIdentifier =
			person?.publicIdentifier ?? `contact-${providerId.slice(-6).toLowerCase()}`;
		return {
			source: 'users',
			event: 'new_relation',
			accountId: account.id,
			payload: {
				event: 'new_relation',
				account_id: account.id,
				account_type: account.type,
				webhook_name: null,
				user_full_name: person ? fullName(person) : nameOf(providerId),
				user_provider_id: providerId,
				user_public_identifier: publicIdentifier,
				user_profile_url: `https://www.linkedin.com/in/${publicIdentifier}/`,
				user_picture_url: `https://media.licdn.com/dms/image/${providerId}.jpg`,
			},
		};
	}

	/** The documented account status payload (docs/unipile-v1.md#account-status-payload). */
	function accountStatus(
		status: V1AccountStatus,
		input: Omit<V1RelationOptions, 'providerId'>,
	): Delivery | { error: string } {
		const account = accountOf(input.accountId ?? UNIPILE_V1_SANDBOX.accountId);
		if (!account) return { error: `account ${input.accountId} not found` };
		return {
			source: 'account_status',
			accountId: account.id,
			payload: {
				AccountStatus: { account_id: account.id, account_type: account.type, message: status },
			},
		};
	}

	async function checked(outcome: V1Delivery[] | { error: string }) {
		if ('error' in outcome) throw new Error(`Unipile v1 sandbox emit: ${outcome.error}`);
		return outcome;
	}
	const emitNewRelation: UnipileV1Sandbox['emitNewRelation'] = async (input = {}) =>
		await checked(await deliverChecked(() => relation(input), input));
	const emitAccountStatus: UnipileV1Sandbox['emitAccountStatus'] = async (status, input = {}) =>
		await checked(await deliverChecked(() => accountStatus(status, input), input));

	const emit = async (event: V1MessagingEvent, emitOptions: V1EmitOptions = {}) =>
		await checked(await emitChecked(event, emitOptions));

	function receive(chatId: string, text: string): string | { error: string } {
		const chat = chats.get(chatId);
		if (!chat) return { error: `chat ${chatId} not found` };
		const timestamp = new Date().toISOString();
		const stored = message(chat, nextId('ms'), { senderId: chat.attendees[0], text, timestamp });
		chat.messages.unshift(stored);
		chat.timestamp = timestamp;
		chat.unread_count++;
		return stored.id;
	}

	const emitMessageRead: UnipileV1Sandbox['emitMessageRead'] = (chatId, messageId, rest) =>
		emit('message_read', { ...rest, chatId, messageId });
	const emitMessageReceived: UnipileV1Sandbox['emitMessageReceived'] = async (
		chatId,
		text,
		rest,
	) => {
		const id = receive(chatId, text);
		if (typeof id !== 'string') throw new Error(`Unipile v1 sandbox emit: ${id.error}`);
		return await emit('message_received', { ...rest, chatId, messageId: id });
	};

	/** Admin emits answer 400 with the reason instead of throwing. */
	async function adminEmit(
		body: unknown,
		shape: z.ZodTypeAny,
		run: (input: Record<string, unknown>) => Promise<V1Delivery[] | { error: string }>,
	): Promise<Reply> {
		const result = shape.safeParse(body ?? {});
		if (!result.success) {
			const issue = result.error.issues[0];
			return reply(400, { error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
		}
		const outcome = await run(result.data as Record<string, unknown>);
		return 'error' in outcome ? reply(400, outcome) : reply(200, outcome);
	}

	let listeningPort = 0;
	const server = await startSandboxServer({
		port: options.port,
		handle,
		onReset: seed,
		admin: {
			'POST /__sandbox/emit-new-relation': (body) =>
				adminEmit(body, relationInput, (input) =>
					deliverChecked(() => relation(input as V1RelationOptions), input),
				),
			// The person accepts the account's pending invitation, then the users webhook says so.
			'POST /__sandbox/accept-invitation': (body) =>
				adminEmit(
					body,
					relationInput.omit({ repeat: true }).extend({ providerId: z.string().min(1) }),
					async (input) => {
						const person = network.acceptSent(String(input.providerId));
						if (!person) return { error: `no pending invitation to ${String(input.providerId)}` };
						return await deliverChecked(() => relation(input as V1RelationOptions, person), input);
					},
				),
			'POST /__sandbox/emit-account-status': (body) =>
				adminEmit(
					body,
					relationInput.omit({ providerId: true }).extend({ status: z.enum(V1_ACCOUNT_STATUSES) }),
					(input) =>
						deliverChecked(() => accountStatus(input.status as V1AccountStatus, input), input),
				),
			'POST /__sandbox/emit': (body) =>
				adminEmit(body, emitInput.extend({ event: z.enum(V1_MESSAGING_EVENTS) }), (input) =>
					emitChecked(input.event as V1MessagingEvent, input as V1EmitOptions),
				),
			'POST /__sandbox/emit-message-read': (body) =>
				adminEmit(
					body,
					emitInput.extend({ chatId: z.string().min(1), messageId: z.string().min(1) }),
					(input) => emitChecked('message_read', input as V1EmitOptions),
				),
			'POST /__sandbox/emit-message-received': (body) =>
				adminEmit(
					body,
					emitInput
						.omit({ messageId: true })
						.extend({ chatId: z.string().min(1), text: z.string() }),
					async (input) => {
						const id = receive(String(input.chatId), String(input.text));
						if (typeof id !== 'string') return id;
						return await emitChecked('message_received', {
							...(input as V1EmitOptions),
							messageId: id,
						});
					},
				),
		},
	});
	listeningPort = server.port;
	return {
		...server,
		dsn: server.url,
		baseUrl: `${server.url}/api/v1`,
		webhooks: () => [...webhooks.values()].map((webhook) => structuredClone(webhook)),
		emit,
		emitMessageRead,
		emitMessageReceived,
		acceptInvitation: (providerId) => network.acceptSent(providerId) !== undefined,
		emitNewRelation,
		emitAccountStatus,
	};
}
