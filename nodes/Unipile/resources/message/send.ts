import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { base64 } from '../../../shared/request';
import { pacingNotice } from '../../../shared/sendingOptions';
import { accountOf, attachments, chat, sendingOptionsWithTyping, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

/**
 * Message → Send: a message in an existing chat. v2: JSON, each file base64 in `attachments`
 * (docs/unipile-v2.md#send-a-message, docs/unipile-v2.md#attachments); v1: multipart, each file an
 * `attachments` part, `account_id` as a guard (docs/unipile-v1.md#send-a-message).
 */
export const send: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message',
		description:
			'Send a LinkedIn message in a chat that already exists, given its chat ID (e.g. chat_id from a trigger or from Get Many Chats), with text, files or both. Returns message_id. To write to someone new, use Chat > Start.',
		routing: unipileSend(async (item, version) => {
			const account = accountOf(item, version);
			const chatId = item.get(chat);
			const { text: message, files } = await messageContent(item, version);
			const common = { version, account, chat: chatId, text: message, method: 'POST' as const };
			if (version === 'v2') {
				return {
					...common,
					url: path`/${account}/chats/${chatId}/messages/send`,
					body: {
						as: 'json',
						fields: {
							text: message,
							...(files.length
								? {
										attachments: files.map(({ file, sendMode }) => ({
											content: base64(file),
											content_type: file.mimeType,
											filename: file.fileName,
											send_mode: sendMode,
										})),
									}
								: {}),
						},
					},
				};
			}
			return {
				...common,
				url: path`/chats/${chatId}/messages`,
				body: {
					as: 'multipart',
					fields: {
						account_id: account,
						text: message,
						attachments: files.map(({ file }) => file),
					},
				},
			};
		}),
	},
	fields: [
		chat.property,
		text.property,
		attachments.property,
		sendingOptionsWithTyping,
		pacingNotice,
	],
};
