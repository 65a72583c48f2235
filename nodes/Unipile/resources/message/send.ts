import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { accountOf, attachments, chat, showFor, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('message', 'send');

/**
 * Message → Send: a message in an existing chat. v2: JSON, files base64
 * (docs/unipile-v2.md#send-a-message); v1: multipart, files as parts, `account_id` as a guard
 * (docs/unipile-v1.md#send-a-message).
 */
export const sendOperation: INodePropertyOptions = {
	name: 'Send',
	value: 'send',
	action: 'Send a LinkedIn message in an existing chat',
	description:
		'Send a LinkedIn message in a chat that already exists, given its chat ID (e.g. chat_id from a trigger or from Get Many Chats), with text, files or both. Returns message_id. To write to someone new, use Chat > Start.',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const chatId = item.get(chat);
		const { text: message, files } = await messageContent(item, version);
		const common = { version, account: accountId, chat: chatId, text: message, files };
		return version === 'v2'
			? {
					...common,
					url: path`/${accountId}/chats/${chatId}/messages/send`,
					json: { text: message },
				}
			: {
					...common,
					url: path`/chats/${chatId}/messages`,
					form: { account_id: accountId, text: message },
				};
	}),
};

export const sendFields: INodeProperties[] = [
	chat.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true, typing: true }),
];
