import type { Operation } from '../../../shared/descriptions';
import { field, path, requiredText } from '../../../shared/parameters';
import { base64 } from '../../../shared/request';
import { pacingNotice } from '../../../shared/sendingOptions';
import { accountOf, attachments, chat, sendingOptionsWithTyping, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const messageToQuote = field(
	{
		displayName: 'Message to Reply To',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7c3b9a1f2e4d',
		description: 'ID of the message to quote',
	},
	requiredText(),
	'Map the message ID, e.g. {{ $json.message_id }} from the trigger or Get Many Messages.',
);

/**
 * Message → Reply: a send that quotes an earlier message with `quote_id`
 * (docs/unipile-v2.md#quote-a-message, docs/unipile-v1.md#send-a-message).
 */
export const reply: Operation = {
	option: {
		name: 'Reply',
		value: 'reply',
		action: 'Reply to a message',
		description:
			"Send a LinkedIn message that quotes an earlier message of the chat, given the chat ID and the quoted message's ID. Returns message_id.",
		routing: unipileSend(async (item, version) => {
			const account = accountOf(item, version);
			const chatId = item.get(chat);
			const quoteId = item.get(messageToQuote);
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
							quote_id: quoteId,
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
						quote_id: quoteId,
						attachments: files.map(({ file }) => file),
					},
				},
			};
		}),
	},
	fields: [
		chat.property,
		messageToQuote.property,
		text.property,
		attachments.property,
		sendingOptionsWithTyping,
		pacingNotice,
	],
};
