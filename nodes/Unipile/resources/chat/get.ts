import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { accountOf, chat } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';

/**
 * Chat → Get: one chat by ID. v2 `GET /v2/{account_id}/chats/{chat_id}` (docs/unipile-v2.md#get-a-chat);
 * v1 `GET /api/v1/chats/{chat_id}?account_id=` (docs/unipile-v1.md#retrieve-a-chat), where the account
 * also lets the chat be given by its LinkedIn provider ID.
 */
export const get: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a chat',
		description:
			"Get one LinkedIn chat by its ID (e.g. chat_id from a trigger): its name, the other person's user ID, unread count and last activity",
		routing: unipileRead((item, version) => {
			const accountId = accountOf(item, version);
			const chatId = item.get(chat);
			return version === 'v2'
				? { method: 'GET', url: path`/${accountId}/chats/${chatId}` }
				: { method: 'GET', url: path`/chats/${chatId}`, qs: { account_id: accountId } };
		}),
	},
	fields: [chat.property],
};
