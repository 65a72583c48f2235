import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { accountOf, attachments, chat, messageToQuote, showFor, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('message', 'reply');

/** Message → Reply: a send that quotes an earlier message (docs/unipile-v2.md#send-a-message). */
export const replyOperation: INodePropertyOptions = {
	name: 'Reply',
	value: 'reply',
	action: 'Reply to a message',
	description: 'Send a message that quotes an earlier message of the chat',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const chatId = item.get(chat);
		const quoteId = item.get(messageToQuote);
		const content = await messageContent(item);
		return {
			account: accountId,
			chat: chatId,
			url: path`/${accountId}/chats/${chatId}/messages/send`,
			json: { text: content.text, quote_id: quoteId },
			files: content.files,
		};
	}),
};

export const replyFields: INodeProperties[] = [
	chat.property(show),
	messageToQuote.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true, typing: true }),
];
