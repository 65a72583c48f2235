import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

/** The one event ConnectSafely documents: a LinkedIn message or InMail arrived. */
export const MESSAGE_RECEIVED = 'message.received';

/** Any delivery: `{ event, object: "event", data }` (docs/connectsafely.md#webhooks). */
export const envelopeSchema = z.object({
	event: z.string().min(1),
	object: z.literal('event').optional(),
	data: z.record(z.unknown()),
});

const optionalText = z.string().nullish();

/** `data` of `message.received`; `id` (equal to `message_urn`) is the event ID. */
export const messageSchema = z.object({
	id: z.string().min(1),
	message_urn: optionalText,
	account_id: z.string().min(1),
	provider: optionalText,
	sender: z.object({
		id: z.string().min(1),
		name: optionalText,
		profile_url: optionalText,
		profile_picture: optionalText,
	}),
	body: optionalText,
	timestamp: z.string().min(1),
	conversation_id: z.string().min(1),
	attachments: z.array(z.unknown()).nullish(),
});

type ReceivedMessage = z.infer<typeof messageSchema>;

/** The output item: the message's fields flat, absent ones null, and the raw `data`. */
export function flatten(message: ReceivedMessage, data: IDataObject): IDataObject {
	return {
		message_id: message.id,
		message_urn: message.message_urn ?? null,
		conversation_id: message.conversation_id,
		account_id: message.account_id,
		sender_id: message.sender.id,
		sender_name: message.sender.name ?? null,
		sender_profile_url: message.sender.profile_url ?? null,
		sender_profile_picture: message.sender.profile_picture ?? null,
		provider: message.provider ?? null,
		text: message.body ?? null,
		timestamp: message.timestamp,
		attachments: (message.attachments ?? []) as IDataObject[],
		payload: data,
	};
}
