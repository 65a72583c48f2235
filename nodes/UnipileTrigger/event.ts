import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { EVENTS } from './description';

/** An event in the shape both API versions are read into. */
interface TriggerEvent {
	/** Unique per event; a retried delivery has the same one. */
	id: string;
	/** The trigger's event value (EVENTS), or the name Unipile sent when we offer none for it. */
	type: string;
	/** v2: the envelope's `type`; v1: the `event` (or the account status) Unipile sent. */
	sourceType: string;
	account_id: string;
	created_at: string | null;
	payload: IDataObject;
}

/** v2: `{id, created_at, account_id, type, payload}` (docs/unipile-v2.md#event-envelope). */
const envelope = z.object({
	id: z.string().min(1),
	created_at: z.string().min(1),
	account_id: z.string().min(1),
	type: z.string().min(1),
	payload: z.record(z.unknown()),
});

/**
 * v1 bodies: messaging and users webhooks send a flat payload whose `event` tells which
 * (docs/unipile-v1.md#messaging-webhook-payload, docs/unipile-v1.md#new-relation-payload); account
 * status webhooks send `{AccountStatus: {account_id, account_type, message}}`
 * (docs/unipile-v1.md#account-status-payload).
 */
const v1Flat = z.object({ event: z.string().min(1), account_id: z.string().min(1) }).passthrough();
const v1AccountStatus = z
	.object({
		AccountStatus: z
			.object({ account_id: z.string().min(1), message: z.string().min(1) })
			.passthrough(),
	})
	.passthrough();

/**
 * The option a v2 type belongs to, else the type itself: so `relation.new`, the name third-party
 * v2 receivers handle beside the `relation.request.accept` we register, is New Relation too
 * (docs/unipile-v2.md#relation-events).
 */
const valueOfV2 = (type: string) => EVENTS.find((event) => event.v2.includes(type))?.value ?? type;

export function readV2(body: unknown): TriggerEvent | undefined {
	const parsed = envelope.safeParse(body);
	if (!parsed.success) return undefined;
	const { id, created_at, account_id, type, payload } = parsed.data;
	return {
		id,
		type: valueOfV2(type),
		sourceType: type,
		account_id,
		created_at,
		payload: payload as IDataObject,
	};
}

/** JSON with every object's keys sorted, so the same content always gives the same text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** How long a v1 account status is one event: its payload has no time (see `readV1`). */
export const V1_STATUS_WINDOW_SECONDS = 60 * 60;

/**
 * v1 deliveries carry no event ID, and a retry sends the same body again (no field is documented
 * to change between attempts: docs/unipile-v1.md#delivery-and-retries). So the event's identity
 * is its whole content, hashed with sorted keys: two reactions to one message, an edit and a
 * delete never share it; a redelivery always does. An account status has no time in its payload:
 * the same status of the same account is one event per clock hour of its arrival, so a status
 * that comes back hours later starts the workflow again.
 */
export function readV1(body: unknown, now = Date.now()): TriggerEvent | undefined {
	const hash = createHash('sha256').update(canonical(body)).digest('base64url');
	const status = v1AccountStatus.safeParse(body);
	if (status.success) {
		const { account_id, message } = status.data.AccountStatus;
		const hour = Math.floor(now / 1000 / V1_STATUS_WINDOW_SECONDS);
		return {
			id: `v1:account_status:${hash}:${hour}`,
			type: 'account.status',
			sourceType: message,
			account_id,
			created_at: null,
			payload: status.data as IDataObject,
		};
	}
	const flat = v1Flat.safeParse(body);
	if (!flat.success) return undefined;
	const data = flat.data;
	const type = EVENTS.find((event) => event.v1.event === data.event)?.value ?? `v1.${data.event}`;
	return {
		id: `v1:${data.event}:${hash}`,
		type,
		sourceType: data.event,
		account_id: data.account_id,
		created_at: typeof data.timestamp === 'string' && data.timestamp ? data.timestamp : null,
		payload: data as IDataObject,
	};
}

type Loose = Record<string, unknown>;

const object = (value: unknown): Loose | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;

const text = (...values: unknown[]): string | null => {
	for (const value of values) if (typeof value === 'string' && value) return value;
	return null;
};

/**
 * v2 account statuses by their event (docs/unipile-v2.md#account-status-events); v1 statuses
 * mapped onto the same words (docs/unipile-v1.md#account-status-payload), the others lower-cased.
 */
const V2_STATUS: Record<string, { status: string; message: string }> = {
	'account.status.disconnected': {
		status: 'disconnected',
		message:
			'The account is disconnected: its credentials expired or were revoked. Reconnect it in Unipile.',
	},
	'account.status.errored': {
		status: 'errored',
		message: 'The account is out of service (an outage at Unipile, the proxy or the provider).',
	},
	'account.status.paused': {
		status: 'paused',
		message: 'The account is paused: no Unipile subscription is active.',
	},
	'account.status.running': { status: 'running', message: 'The account is running.' },
};
const V1_STATUS: Record<string, { status: string; message: string }> = {
	OK: { status: 'running', message: 'The account is running.' },
	SYNC_SUCCESS: { status: 'running', message: 'The account finished its first synchronisation.' },
	CREATION_SUCCESS: { status: 'running', message: 'The account was added.' },
	RECONNECTED: { status: 'running', message: 'The account was reconnected.' },
	CREDENTIALS: {
		status: 'disconnected',
		message:
			'The account needs its credentials or a checkpoint validated: its session ended. Reconnect it in Unipile.',
	},
	ERROR: {
		status: 'errored',
		message: 'The account stopped synchronising after an unexpected error.',
	},
	STOPPED: { status: 'paused', message: 'The account stopped synchronising.' },
	CONNECTING: { status: 'connecting', message: 'The account is connecting.' },
	DELETED: { status: 'deleted', message: 'The account was deleted.' },
};

function accountStatus(event: TriggerEvent) {
	if (event.type !== 'account.status') return { status: null, status_message: null };
	const known = V2_STATUS[event.sourceType] ??
		V1_STATUS[event.sourceType] ?? {
			status: event.sourceType.replace(/^account\.status\./, '').toLowerCase(),
			message: `Unipile reported the status ${event.sourceType}.`,
		};
	const reason = text(event.payload.reason);
	const product = text(event.payload.product);
	const detail = [reason && `reason: ${reason}`, product && `product: ${product}`].filter(Boolean);
	return {
		status: known.status,
		status_message: detail.length ? `${known.message} (${detail.join(', ')})` : known.message,
	};
}

/**
 * The new relation: v1 documents its fields (docs/unipile-v1.md#new-relation-payload); the v2
 * payload is not documented (docs/unipile-v2.md#relation-events), so fields are read from the
 * likely places, v1's names first.
 */
function relation(event: TriggerEvent) {
	const none = {
		relation_provider_id: null,
		relation_name: null,
		relation_public_identifier: null,
		relation_profile_url: null,
	};
	if (event.type !== 'relation.new') return none;
	const payload = event.payload;
	const user = object(payload.user) ?? object(payload.relation);
	const first = text(payload.first_name, user?.first_name);
	const last = text(payload.last_name, user?.last_name);
	const publicId = text(
		payload.user_public_identifier,
		payload.public_identifier,
		user?.public_identifier,
	);
	return {
		relation_provider_id: text(
			payload.user_provider_id,
			payload.provider_id,
			payload.user_id,
			user?.provider_id,
			user?.id,
		),
		relation_name: text(
			payload.user_full_name,
			payload.name,
			payload.display_name,
			user?.name,
			user?.display_name,
			first && last ? `${first} ${last}` : first,
		),
		relation_public_identifier: publicId,
		relation_profile_url: text(
			payload.user_profile_url,
			payload.profile_url,
			payload.public_profile_url,
			user?.profile_url,
			user?.public_profile_url,
			publicId && `https://www.linkedin.com/in/${encodeURIComponent(publicId)}/`,
		),
	};
}

/**
 * The output item: the event's common fields flat, absent ones null, and the raw payload. v2
 * message payloads are not documented (docs/unipile-v2.md#message-event-payloads), so fields are
 * read from the likely places; v1 fields are documented (docs/unipile-v1.md#messaging-webhook-payload),
 * and v1 does not say who read a message.
 */
export function flatten(event: TriggerEvent): IDataObject {
	const payload = event.payload;
	const message = object(payload.message);
	const reader = object(payload.user) ?? object(payload.reader);
	const sender = object(payload.sender) ?? object(message?.sender);
	const isRead = event.type === 'message.receipt.read';
	const isMessage = event.type.startsWith('message.');
	const reaction = object(payload.reaction);
	return {
		event_id: event.id,
		event: event.type,
		account_id: event.account_id,
		created_at: event.created_at,
		chat_id: isMessage ? text(payload.chat_id, object(payload.chat)?.id, message?.chat_id) : null,
		message_id: isMessage ? text(payload.message_id, message?.id) : null,
		reader_id: isRead ? text(reader?.id, payload.user_id, payload.reader_id) : null,
		reader_name: isRead ? text(reader?.display_name, reader?.name) : null,
		read_at: isRead ? text(payload.read_at, payload.timestamp, event.created_at) : null,
		sender_id: isMessage
			? text(payload.sender_id, sender?.id, sender?.attendee_provider_id, message?.sender_id)
			: null,
		text: isMessage ? text(payload.text, message?.text, payload.message) : null,
		reaction: isMessage ? text(payload.reaction, reaction?.value, reaction?.emoji) : null,
		...relation(event),
		...accountStatus(event),
		payload,
	};
}
