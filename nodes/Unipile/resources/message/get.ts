import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { accountOf, chat, message } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';

/**
 * Message → Get: one message. v2 `GET /v2/{account_id}/chats/{chat_id}/messages/{message_id}`
 * (docs/unipile-v2.md#get-a-message); v1 `GET /api/v1/messages/{message_id}`, by its ID alone
 * (docs/unipile-v1.md#retrieve-a-message).
 */
export const get: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a message',
		description:
			'Get one LinkedIn message by its chat and ID (e.g. message_id from a trigger): text, sender_id, timestamp, attachments and reactions. API v1 finds the message by its ID alone.',
		routing: unipileRead((item, version) => {
			const accountId = accountOf(item, version);
			const chatId = item.get(chat);
			const messageId = item.get(message);
			return version === 'v2'
				? { method: 'GET', url: path`/${accountId}/chats/${chatId}/messages/${messageId}` }
				: { method: 'GET', url: path`/messages/${messageId}` };
		}),
	},
	fields: [chat.property, message.property],
};
