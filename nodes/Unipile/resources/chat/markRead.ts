import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { accountOf, chat } from '../../shared/fields';
import { ACTION } from '../../../shared/sendPipeline';
import { unipileSend } from '../../shared/sending';

/**
 * Chat → Mark as Read, an action through the send pipeline. v2 "Update a Chat"
 * `PATCH /v2/{account_id}/chats/{chat_id}` `{read_status: true}` (docs/unipile-v2.md#update-a-chat);
 * v1 `PATCH /api/v1/chats/{chat_id}` `{action: "setReadStatus", value: true}`
 * (docs/unipile-v1.md#mark-a-chat-as-read).
 */
export const markRead: Operation = {
	option: {
		name: 'Mark as Read',
		value: 'markRead',
		action: 'Mark a chat as read',
		description:
			'Mark a LinkedIn chat as read, so its unread count becomes 0 (e.g. once a workflow has handled a reply). Returns the chat on API v2, ChatPatched on API v1.',
		routing: unipileSend((item, version) => {
			const account = accountOf(item, version);
			const chatId = item.get(chat);
			const common = { version, account, chat: chatId, method: 'PATCH' as const };
			return version === 'v2'
				? {
						...common,
						url: path`/${account}/chats/${chatId}`,
						body: { as: 'json', fields: { read_status: true } },
					}
				: {
						...common,
						url: path`/chats/${chatId}`,
						body: { as: 'json', fields: { action: 'setReadStatus', value: true } },
					};
		}, ACTION),
	},
	fields: [chat.property],
};
