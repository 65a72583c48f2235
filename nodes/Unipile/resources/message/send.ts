import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { accountOf, attachments, chat, showFor, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('message', 'send');

/** Message → Send: a message in an existing chat (docs/unipile-v2.md#send-a-message). */
export const sendOperation: INodePropertyOptions = {
	name: 'Send',
	value: 'send',
	action: 'Send a message',
	description: 'Send a message in an existing chat',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const chatId = item.get(chat);
		const content = await messageContent(item);
		return {
			account: accountId,
			chat: chatId,
			url: path`/${accountId}/chats/${chatId}/messages/send`,
			json: { text: content.text },
			files: content.files,
		};
	}),
};

export const sendFields: INodeProperties[] = [
	chat.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true, typing: true }),
];
