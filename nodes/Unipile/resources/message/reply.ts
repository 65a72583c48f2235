import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { accountOf, attachments, chat, messageToQuote, showFor, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('message', 'reply');

/**
 * Message → Reply: a send that quotes an earlier message with `quote_id`
 * (docs/unipile-v2.md#quote-a-message, docs/unipile-v1.md#send-a-message).
 */
export const replyOperation: INodePropertyOptions = {
	name: 'Reply',
	value: 'reply',
	action: 'Reply to a LinkedIn message, quoting it',
	description:
		"Send a LinkedIn message that quotes an earlier message of the chat, given the chat ID and the quoted message's ID. Returns message_id.",
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const chatId = item.get(chat);
		const quoteId = item.get(messageToQuote);
		const { text: message, files } = await messageContent(item, version);
		const common = { version, account: accountId, chat: chatId, text: message, files };
		return version === 'v2'
			? {
					...common,
					url: path`/${accountId}/chats/${chatId}/messages/send`,
					json: { text: message, quote_id: quoteId },
				}
			: {
					...common,
					url: path`/chats/${chatId}/messages`,
					form: { account_id: accountId, text: message, quote_id: quoteId },
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
