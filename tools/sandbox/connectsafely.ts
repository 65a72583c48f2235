/**
 * Plays the ConnectSafely LinkedIn API (docs/connectsafely.md) on 127.0.0.1, statefully and
 * strictly: off-spec requests get a 400 in one of the API's three error shapes.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

import { notFound, validation, zodError } from './connectsafelyErrors';
import { CONNECTSAFELY_NETWORK, createNetwork } from './connectsafelyNetwork';
import type { RecordedRequest, Reply, SandboxServer } from './server';
import { reply, startSandboxServer } from './server';

const OWNER = 'urn:li:fsd_profile:ACoAAOwnerDemo';

export { CONNECTSAFELY_NETWORK };

export const CONNECTSAFELY_SANDBOX = {
	apiKey: 'example-connectsafely-key',
	accountId: '65fa1c0d2e3f4a5b6c7d8e9f',
	profileIds: ['ana-demo-1', 'ben-demo-2', 'chloe-demo-3'],
	profileUrns: [
		'urn:li:fsd_profile:ACoAAAnaDemo1',
		'urn:li:fsd_profile:ACoAABenDemo2',
		'urn:li:fsd_profile:ACoAAChloeDemo3',
	],
	/** Conversation URNs in the real `urn:li:msg_conversation:(<owner>,2-<base64>)` form. */
	conversationUrns: [1, 2, 3].map((n) => conversationUrn(n)),
	conversationCount: 120,
	/** Signing secret of the sandbox's webhook, as the ConnectSafely dashboard would show it once. */
	webhookSecret: 'example-connectsafely-webhook-secret',
};

function conversationUrn(n: number) {
	return `urn:li:msg_conversation:(${OWNER},2-${Buffer.from(`demo-thread-${n}`).toString('base64')})`;
}

interface Message {
	messageUrn: string;
	text: string;
	sentAt: number;
	senderProfileId: string;
	senderName: string;
	isSentByOwner: boolean;
	hasAttachment: boolean;
	attachments: Array<{ assetUrn: string; name: string; mediaType: string; byteSize: number }>;
}

interface Conversation {
	conversationUrn: string;
	conversationId: string;
	profileId: string;
	profileUrn: string;
	lastActivityAt: number;
	unreadCount: number;
	messages: Message[];
}

export interface DeliverMessageOptions {
	/** Where the webhook was created in the dashboard: the trigger's production URL. */
	url: string;
	/** API form (`urn:li:msg_conversation:(…,2-…)`); default the first sandbox conversation. */
	conversationUrn?: string;
	text?: string;
	/** Sender profile URN; default the conversation's contact. */
	senderId?: string;
	/** `valid` (default), `forged` (wrong secret) or `none` (no X-Webhook-Signature). */
	signature?: 'valid' | 'forged' | 'none';
	/** Message URN, the event ID; reuse one to replay a delivery as a retry would. */
	id?: string;
	/** X-Webhook-Timestamp (unconfirmed header): `now`, `stale` (10 min old) or `none` (default). */
	timestamp?: 'now' | 'stale' | 'none';
}

export interface ConnectSafelySandbox extends SandboxServer {
	/** The credential's Base URL; the node appends /linkedin/... */
	baseUrl: string;
	/**
	 * POSTs a signed `message.received` webhook (docs/connectsafely.md#webhooks) to `url`, as
	 * ConnectSafely does when a contact writes; answers with the receiver's HTTP status and the
	 * event ID. A valid delivery also adds the message to the conversation.
	 */
	deliverMessage(options: DeliverMessageOptions): Promise<{ status: number; id: string }>;
	/**
	 * The prospect accepts the account's pending connection request (also
	 * `POST /__sandbox/accept-invitation {profileId}`); false when none is pending.
	 */
	acceptInvitation(profileId: string): boolean;
}

const deliverInput = z
	.object({
		url: z.string().url(),
		conversationUrn: z.string().min(1).optional(),
		text: z.string().optional(),
		senderId: z.string().min(1).optional(),
		signature: z.enum(['valid', 'forged', 'none']).optional(),
		id: z.string().min(1).optional(),
		timestamp: z.enum(['now', 'stale', 'none']).optional(),
	})
	.strict();

const acceptInput = z.object({ profileId: z.string().min(1) }).strict();

const attachment = z
	.object({
		file: z
			.object({
				assetUrn: z.string().min(1),
				byteSize: z.number().int().nonnegative(),
				mediaType: z.string().min(1),
				name: z.string().min(1),
			})
			.strict(),
	})
	.strict();
const recipient = {
	accountId: z
		.string()
		.regex(/^[0-9a-f]{24}$/, 'Invalid account ID format')
		.optional(),
	recipientProfileId: z.string().min(1).optional(),
	recipientProfileUrn: z.string().startsWith('urn:li:').optional(),
	message: z.string().trim().min(1, 'Required'),
	subject: z.string().optional(),
};
const conversationsSend = z
	.object({
		...recipient,
		conversationUrn: z.string().startsWith('urn:li:').optional(),
		attachments: z.array(attachment).optional(),
		messagingChannel: z.enum(['auto', 'sales_navigator', 'linkedin_inbox']).optional(),
	})
	.strict();
const messagingSend = z
	.object({ ...recipient, messageType: z.enum(['normal', 'inmail']).optional() })
	.strict();
const sendWithTyping = messagingSend
	.extend({ conversationUrn: z.string().startsWith('urn:li:').optional() })
	.strict();

/** Rate-limit headers ConnectSafely puts on sends (docs/connectsafely.md#rate-limits). */
function rateHeaders(used: number) {
	const reset = new Date(
		Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1),
	);
	return {
		'X-RateLimit-Action': 'MESSAGE',
		'X-RateLimit-Limit': '150',
		'X-RateLimit-Used': String(used),
		'X-RateLimit-Remaining': String(Math.max(0, 150 - used)),
		'X-RateLimit-Reset': reset.toISOString(),
	};
}

export async function startConnectSafelySandbox(
	options: {
		port?: number;
		apiKey?: string;
		/** How many conversations to seed (default `CONNECTSAFELY_SANDBOX.conversationCount`). */
		conversationCount?: number;
		/** Connection requests already made this week (default `CONNECTSAFELY_NETWORK.connectsUsed`). */
		connectsUsed?: number;
		/** The clock of the network routes (quota windows, holds, caches); default `Date.now`. */
		now?: () => number;
	} = {},
): Promise<ConnectSafelySandbox> {
	const apiKey = options.apiKey ?? CONNECTSAFELY_SANDBOX.apiKey;
	const conversationCount = options.conversationCount ?? CONNECTSAFELY_SANDBOX.conversationCount;
	let conversations: Conversation[] = [];
	let assets = new Map<string, { name: string; mediaType: string; byteSize: number }>();
	let sent = 0;
	const network = createNetwork({
		accountId: CONNECTSAFELY_SANDBOX.accountId,
		conversationCount,
		now: options.now ?? Date.now,
		connectsUsed: options.connectsUsed ?? CONNECTSAFELY_NETWORK.connectsUsed,
	});

	function seed() {
		network.reset();
		assets = new Map();
		sent = 0;
		const now = Date.now();
		conversations = Array.from({ length: conversationCount }, (_, index) => {
			const n = index + 1;
			const known = index < CONNECTSAFELY_SANDBOX.profileIds.length;
			const profileId = known ? CONNECTSAFELY_SANDBOX.profileIds[index] : `contact-demo-${n}`;
			const urn = conversationUrn(n);
			const at = now - n * 3_600_000;
			const message = (k: number, fromUs: boolean, text: string): Message => ({
				messageUrn: `urn:li:messagingMessage:2-demo-${n}-${k}`,
				text,
				sentAt: at + k * 60_000,
				senderProfileId: fromUs ? 'owner-demo' : profileId,
				senderName: fromUs ? 'Demo Owner' : `Contact ${n}`,
				isSentByOwner: fromUs,
				hasAttachment: false,
				attachments: [],
			});
			return {
				conversationUrn: urn,
				conversationId: urn.slice(urn.indexOf(',') + 1, -1),
				profileId,
				profileUrn: known
					? CONNECTSAFELY_SANDBOX.profileUrns[index]
					: `urn:li:fsd_profile:ACoAAContact${n}`,
				lastActivityAt: at + 3 * 60_000,
				unreadCount: n % 4 === 0 ? 1 : 0,
				// Newest first.
				messages: [
					message(3, false, 'Sounds good'),
					message(2, true, 'Happy to share more'),
					message(1, false, 'Hi there'),
				],
			};
		});
	}
	seed();

	const find = (urn: string) => conversations.find((entry) => entry.conversationUrn === urn);

	function store(conversation: Conversation, text: string, files: Message['attachments']): Message {
		const message: Message = {
			messageUrn: `urn:li:messagingMessage:2-${randomBytes(6).toString('hex')}`,
			text,
			sentAt: Date.now(),
			senderProfileId: 'owner-demo',
			senderName: 'Demo Owner',
			isSentByOwner: true,
			hasAttachment: files.length > 0,
			attachments: files,
		};
		conversation.messages.unshift(message);
		conversation.lastActivityAt = message.sentAt;
		sent++;
		return message;
	}

	/** The conversation a send goes to, created when the recipient has none yet. */
	function target(body: {
		conversationUrn?: string;
		recipientProfileId?: string;
		recipientProfileUrn?: string;
	}) {
		if (body.conversationUrn) return find(body.conversationUrn);
		let conversation = conversations.find(
			(entry) =>
				entry.profileId === body.recipientProfileId ||
				entry.profileUrn === body.recipientProfileUrn,
		);
		if (!conversation) {
			const urn = conversationUrn(1000 + conversations.length);
			conversation = {
				conversationUrn: urn,
				conversationId: urn.slice(urn.indexOf(',') + 1, -1),
				profileId: body.recipientProfileId ?? 'new-contact',
				profileUrn: body.recipientProfileUrn ?? 'urn:li:fsd_profile:ACoAANew',
				lastActivityAt: Date.now(),
				unreadCount: 0,
				messages: [],
			};
			conversations.push(conversation);
		}
		return conversation;
	}

	function send(request: RecordedRequest, schema: z.ZodTypeAny, allowConversation: boolean): Reply {
		if (request.body === undefined)
			return validation('Body must be JSON (Content-Type: application/json)');
		const parsed = schema.safeParse(request.body);
		if (!parsed.success) return zodError(parsed.error.issues);
		const body = parsed.data as z.infer<typeof conversationsSend>;
		if (body.accountId && body.accountId !== CONNECTSAFELY_SANDBOX.accountId)
			return notFound('Account not found');
		if (
			!body.recipientProfileId &&
			!body.recipientProfileUrn &&
			!(allowConversation && body.conversationUrn)
		) {
			return reply(400, {
				error: 'Either recipientProfileId or recipientProfileUrn must be provided',
			});
		}
		const files = (body.attachments ?? []).map((entry) => {
			const asset = assets.get(entry.file.assetUrn);
			return asset ? { assetUrn: entry.file.assetUrn, ...asset } : undefined;
		});
		if (files.some((file) => !file))
			return reply(400, { error: 'Unknown attachment assetUrn: upload it first' });
		const conversation = target(body);
		if (!conversation) return notFound('Conversation not found');
		const message = store(conversation, body.message, files as Message['attachments']);
		return reply(
			200,
			{
				success: true,
				message: body.message,
				recipientProfileUrn: conversation.profileUrn,
				sentMessage: message,
			},
			rateHeaders(sent),
		);
	}

	function upload(request: RecordedRequest): Reply {
		const type = String(request.headers['content-type'] ?? '');
		if (!type || type.startsWith('multipart/') || type.includes('json')) {
			return validation(
				'Send the file as the raw request body with its own Content-Type, not multipart or JSON',
			);
		}
		if (!request.rawBody.length) return validation('The file is empty');
		const accountId = request.query.accountId;
		if (accountId !== undefined && accountId !== CONNECTSAFELY_SANDBOX.accountId)
			return notFound('Account not found');
		const assetUrn = `urn:li:digitalmediaAsset:${randomBytes(8).toString('hex')}`;
		const file = {
			name: String(request.query.filename ?? 'attachment'),
			mediaType: type.split(';')[0],
			byteSize: request.rawBody.length,
		};
		assets.set(assetUrn, file);
		return reply(200, { success: true, attachment: { assetUrn, ...file } });
	}

	function handle(request: RecordedRequest): Reply {
		if (request.headers.authorization !== `Bearer ${apiKey}`) {
			return reply(401, { error: 'Unauthorized - Invalid credentials' });
		}
		const { method, path, query } = request;
		if (method === 'GET' && path === '/linkedin/accounts') {
			const q = String(query.q ?? '').toLowerCase();
			const accounts = [
				{
					id: CONNECTSAFELY_SANDBOX.accountId,
					firstName: 'Demo',
					lastName: 'Owner',
					publicId: 'owner-demo',
					picture: null,
					status: 'AVAILABLE',
					enabled: true,
					apiSeatAllocated: true,
				},
			];
			return reply(
				200,
				accounts.filter(
					(entry) =>
						!q ||
						`${entry.firstName} ${entry.lastName} ${entry.publicId} ${entry.id}`
							.toLowerCase()
							.includes(q),
				),
			);
		}
		if (method === 'POST' && path === '/linkedin/conversations/send')
			return send(request, conversationsSend, true);
		if (method === 'POST' && path === '/linkedin/messaging/send')
			return send(request, messagingSend, false);
		if (method === 'POST' && path === '/linkedin/messaging/send-with-typing') {
			const result = send(request, sendWithTyping, true);
			return result.status === 200
				? reply(200, { ...(result.body as object), typingIndicatorSent: true }, result.headers)
				: result;
		}
		if (method === 'POST' && path === '/linkedin/conversations/upload-attachment')
			return upload(request);
		if (method === 'GET' && path === '/linkedin/conversations') {
			const count = query.count === undefined ? 20 : Number(query.count);
			if (!Number.isInteger(count) || count < 1 || count > 100)
				return validation('count must be 1-100');
			let list = [...conversations].sort((a, b) => b.lastActivityAt - a.lastActivityAt);
			if (query.unreadOnly === 'true') list = list.filter((entry) => entry.unreadCount > 0);
			const start = query.nextCursor
				? Number(String(query.nextCursor).replace(/^linkedin:/, ''))
				: 0;
			const pageItems = list
				.slice(start, start + count)
				.map(({ messages, profileId, profileUrn, ...rest }) => ({
					...rest,
					participants: [
						{
							profileId,
							profileUrn,
							name: `Contact ${profileId}`,
							headline: null,
							profileUrl: `https://www.linkedin.com/in/${profileId}/`,
							profilePicture: null,
							distance: 'DISTANCE_1',
						},
					],
					latestMessage: messages[0]
						? {
								text: messages[0].text,
								sentAt: messages[0].sentAt,
								senderName: messages[0].senderName,
								hasAttachment: messages[0].hasAttachment,
							}
						: null,
					source: 'linkedin',
					salesNavThreadId: null,
				}));
			const hasMore = start + count < list.length;
			return reply(200, {
				success: true,
				conversations: pageItems,
				accounts: [{ id: CONNECTSAFELY_SANDBOX.accountId, name: 'Demo Owner' }],
				nextCursor: hasMore ? `linkedin:${start + count}` : null,
				hasMore,
				fromCache: true,
			});
		}
		const exists = /^\/linkedin\/conversations\/exists\/([^/]+)$/.exec(path);
		if (method === 'GET' && exists) {
			const profileId = decodeURIComponent(exists[1]);
			const conversation = conversations.find(
				(entry) => entry.profileId === profileId || entry.profileUrn === profileId,
			);
			return reply(200, {
				success: true,
				hasConversation: Boolean(conversation),
				conversationUrn: conversation?.conversationUrn ?? null,
				profileUrn: conversation?.profileUrn ?? null,
				accountId: CONNECTSAFELY_SANDBOX.accountId,
			});
		}
		const messages = /^\/linkedin\/conversations\/([^/]+)\/messages$/.exec(path);
		if (method === 'GET' && messages) {
			// The URN holds ":(),=": it must arrive URL-encoded as one path segment.
			const conversation = find(decodeURIComponent(messages[1]));
			if (!conversation) return notFound('Conversation not found');
			const count = query.count === undefined ? 50 : Number(query.count);
			if (!Number.isInteger(count) || count < 1 || count > 100)
				return validation('count must be 1-100');
			let list = conversation.messages;
			if (query.since !== undefined)
				list = list.filter((message) => message.sentAt > Number(query.since));
			if (query.cursor !== undefined)
				list = list.filter((message) => message.sentAt < Number(query.cursor));
			const pageItems = list.slice(0, count);
			const hasMore = list.length > count;
			return reply(200, {
				success: true,
				messages: pageItems,
				participants: [
					{
						profileId: conversation.profileId,
						name: `Contact ${conversation.profileId}`,
						headline: null,
						profilePicture: null,
					},
				],
				hasMore,
				cursor: hasMore ? String(pageItems[pageItems.length - 1].sentAt) : null,
			});
		}
		return network.handle(request) ?? notFound(`No route ${method} ${path}`);
	}

	/** Webhooks name a conversation `urn:li:messagingThread:2-…`, the API `…:(<owner>,2-…)`. */
	const threadUrn = (urn: string) => {
		const match = /,(2-[^)]+)\)$/.exec(urn);
		return match ? `urn:li:messagingThread:${match[1]}` : urn;
	};

	async function deliverMessage(input: DeliverMessageOptions) {
		const urn = input.conversationUrn ?? CONNECTSAFELY_SANDBOX.conversationUrns[0];
		const conversation = find(urn);
		const id = input.id ?? `urn:li:messagingMessage:2-${randomBytes(8).toString('hex')}`;
		const text = input.text ?? 'Thanks, but we are not interested right now.';
		const at = Date.now();
		const envelope = {
			event: 'message.received',
			object: 'event',
			data: {
				id,
				message_urn: id,
				account_id: CONNECTSAFELY_SANDBOX.accountId,
				provider: 'LINKEDIN',
				sender: {
					id: input.senderId ?? conversation?.profileUrn ?? CONNECTSAFELY_SANDBOX.profileUrns[0],
					name: `Contact ${conversation?.profileId ?? 'demo'}`,
					profile_url: null,
					profile_picture: null,
				},
				body: text,
				timestamp: new Date(at).toISOString(),
				conversation_id: threadUrn(urn),
				attachments: [],
			},
		};
		const mode = input.signature ?? 'valid';
		if (
			mode === 'valid' &&
			conversation &&
			!conversation.messages.some((m) => m.messageUrn === id)
		) {
			conversation.messages.unshift({
				messageUrn: id,
				text,
				sentAt: at,
				senderProfileId: conversation.profileId,
				senderName: `Contact ${conversation.profileId}`,
				isSentByOwner: false,
				hasAttachment: false,
				attachments: [],
			});
			conversation.lastActivityAt = at;
			conversation.unreadCount++;
		}
		const raw = Buffer.from(JSON.stringify(envelope));
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (mode !== 'none') {
			const secret = mode === 'forged' ? 'not-the-secret' : CONNECTSAFELY_SANDBOX.webhookSecret;
			headers['x-webhook-signature'] =
				`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
		}
		const timestamp = input.timestamp ?? 'none';
		if (timestamp !== 'none')
			headers['x-webhook-timestamp'] = String(
				Math.floor(at / 1000) - (timestamp === 'stale' ? 600 : 0),
			);
		const response = await fetch(input.url, {
			method: 'POST',
			headers,
			body: raw,
			signal: AbortSignal.timeout(10_000),
		});
		await response.arrayBuffer();
		return { status: response.status, id };
	}

	const server = await startSandboxServer({
		port: options.port,
		handle,
		onReset: seed,
		admin: {
			'POST /__sandbox/accept-invitation': (body) => {
				const parsed = acceptInput.safeParse(body);
				if (!parsed.success) return zodError(parsed.error.issues);
				return network.acceptInvitation(parsed.data.profileId)
					? reply(200, { profileId: parsed.data.profileId, connected: true })
					: validation(`No pending invitation to ${parsed.data.profileId}`);
			},
			'POST /__sandbox/deliver-message': async (body) => {
				const parsed = deliverInput.safeParse(body);
				if (!parsed.success) return zodError(parsed.error.issues);
				try {
					return reply(200, await deliverMessage(parsed.data));
				} catch (error) {
					return reply(502, { error: `Delivery failed: ${(error as Error).message}` });
				}
			},
		},
	});
	return {
		...server,
		baseUrl: server.url,
		deliverMessage,
		acceptInvitation: network.acceptInvitation,
	};
}
