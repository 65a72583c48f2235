import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { EVENTS } from './description';

/** An event in the shape both API versions are read into. */
interface TriggerEvent {
	/** Unique per event; a retried delivery has the same one. */
	id: string;
	/** The v2 name, e.g. `message.receipt.read`. */
	type: string;
	account_id: string;
	created_at: string;
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

/** v1: one flat payload for every messaging event, `event` tells which (docs/unipile-v1.md#messaging-webhook-payload). */
const v1Payload = z
	.object({
		event: z.string().min(1),
		account_id: z.string().min(1),
		chat_id: z.string().optional(),
		message_id: z.string().optional(),
		timestamp: z.string().optional(),
	})
	.passthrough();

export function readV2(body: unknown): TriggerEvent | undefined {
	const parsed = envelope.safeParse(body);
	return parsed.success ? (parsed.data as TriggerEvent) : undefined;
}

/**
 * v1 deliveries carry no event id: a retry repeats the same payload, so the event, message, chat
 * and time identify it.
 */
export function readV1(body: unknown): TriggerEvent | undefined {
	const parsed = v1Payload.safeParse(body);
	if (!parsed.success) return undefined;
	const data = parsed.data;
	const type = EVENTS.find((event) => event.v1 === data.event)?.value ?? `v1.${data.event}`;
	const when = data.timestamp ?? '';
	return {
		id: `v1:${data.event}:${data.chat_id ?? ''}:${data.message_id ?? ''}:${when}`,
		type,
		account_id: data.account_id,
		created_at: when,
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
 * The output item: the event's common fields flat, absent ones null, and the raw payload. v2
 * message payloads are not documented (docs/unipile-v2.md#message-event-payloads), so fields are
 * read from the likely places; v1 fields are documented (docs/unipile-v1.md#messaging-webhook-payload), and
 * v1 does not say who read a message.
 */
export function flatten(event: TriggerEvent): IDataObject {
	const payload = event.payload;
	const message = object(payload.message);
	const reader = object(payload.user) ?? object(payload.reader);
	const sender = object(payload.sender) ?? object(message?.sender);
	const isRead = event.type === 'message.receipt.read';
	const reaction = object(payload.reaction);
	return {
		event_id: event.id,
		event: event.type,
		account_id: event.account_id,
		created_at: event.created_at,
		chat_id: text(payload.chat_id, object(payload.chat)?.id, message?.chat_id),
		message_id: text(payload.message_id, message?.id),
		reader_id: isRead ? text(reader?.id, payload.user_id, payload.reader_id) : null,
		reader_name: isRead ? text(reader?.display_name, reader?.name) : null,
		read_at: isRead ? text(payload.read_at, payload.timestamp, event.created_at) : null,
		sender_id: text(
			payload.sender_id,
			sender?.id,
			sender?.attendee_provider_id,
			message?.sender_id,
		),
		text: text(payload.text, message?.text, payload.message),
		reaction: text(payload.reaction, reaction?.value, reaction?.emoji),
		payload,
	};
}
