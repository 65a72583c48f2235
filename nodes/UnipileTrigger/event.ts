import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

/** The v2 event envelope (unipile-api.md §2.6, "Event envelope"). */
export const envelopeSchema = z.object({
	id: z.string().min(1),
	created_at: z.string().min(1),
	account_id: z.string().min(1),
	type: z.string().min(1),
	payload: z.record(z.unknown()),
});

export type Envelope = z.infer<typeof envelopeSchema>;

type Loose = Record<string, unknown>;

const object = (value: unknown): Loose | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;

const text = (...values: unknown[]): string | null => {
	for (const value of values) if (typeof value === 'string' && value) return value;
	return null;
};

/**
 * The output item: the event's common fields flat, absent ones null, and the raw payload.
 * Message payloads are undocumented upstream (unipile-api.md §7.1), so fields are read from the
 * likely places: `chat_id`/`chat.id`, `message_id`/`message.id`, reader in `user`/`reader`/`user_id`,
 * read time in `read_at`/`timestamp`.
 */
export function flatten(event: Envelope): IDataObject {
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
		sender_id: text(payload.sender_id, sender?.id, message?.sender_id),
		text: text(payload.text, message?.text),
		reaction: text(payload.reaction, reaction?.value, reaction?.emoji),
		payload: payload as IDataObject,
	};
}
