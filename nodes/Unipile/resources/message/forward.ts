import type { Operation } from '../../../shared/descriptions';
import { field, path, pathId } from '../../../shared/parameters';
import { accountOf, chat, sendingOptions, text } from '../../shared/fields';
import { unipileSend } from '../../shared/sending';
import { notOnV1 } from '../../shared/transport';

const sourceChat = field(
	{ ...chat.property, displayName: 'Source Chat', description: 'The chat that holds the message' },
	pathId(),
	chat.hint,
);
const destinationChat = field(
	{
		...chat.property,
		displayName: 'Destination Chat',
		name: 'destinationChat',
		description: 'The chat to forward the message to',
	},
	pathId(),
	chat.hint,
);
const messageToForward = field(
	{
		displayName: 'Message',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7c3b9a1f2e4d',
		description: 'ID of the message to forward',
	},
	pathId(),
	'Map the message ID, e.g. {{ $json.message_id }} from the trigger or Get Many Messages.',
);

/**
 * Message → Forward, to another chat with optional text (docs/unipile-v2.md#forward-a-message).
 * API v2 only: v1 forwards WhatsApp messages only (docs/unipile-v1.md#what-v1-lacks).
 */
export const forward: Operation = {
	option: {
		name: 'Forward',
		value: 'forward',
		action: 'Forward a message',
		description:
			'(API v2 only) Forward a LinkedIn message from one chat to another, optionally with a comment in "Text". Returns the new message_id and chat_id.',
		routing: unipileSend((item, version) => {
			if (version === 'v1') {
				notOnV1(
					item,
					'Forward',
					'Unipile v1 forwards WhatsApp messages only. Send the text again with Message → Send in the destination chat.',
				);
			}
			const account = accountOf(item, version);
			const from = item.get(sourceChat);
			const messageId = item.get(messageToForward);
			const to = item.get(destinationChat);
			const comment = item.get(text);
			return {
				version,
				account,
				chat: to,
				text: comment,
				method: 'POST',
				url: path`/${account}/chats/${from}/messages/${messageId}/forward`,
				body: { as: 'json', fields: { chat_id: to, ...(comment ? { text: comment } : {}) } },
			};
		}),
	},
	fields: [
		sourceChat.property,
		messageToForward.property,
		destinationChat.property,
		text.property,
		sendingOptions,
	],
};
