import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { field, path, requiredText } from '../../../shared/parameters';
import { accountOf, chat, message } from '../../shared/fields';
import { ACTION } from '../../../shared/sendPipeline';
import { unipileSend } from '../../shared/sending';
import { notOnV1 } from '../../shared/transport';

/** One emoji: a flag, a skin tone or a joined sequence included; not a word such as "like". */
const EMOJI =
	/^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200d|\ufe0f)*$/u;

const reaction = field(
	{
		displayName: 'Reaction',
		name: 'reaction',
		type: 'string',
		default: '👍',
		required: true,
		placeholder: 'e.g. 👍',
		description: 'One emoji, e.g. 👍, ❤️ or 🔥: LinkedIn reacts to messages with emojis',
	},
	requiredText().pipe(z.string().regex(EMOJI, 'must be one emoji, e.g. 👍')),
	'Enter one emoji, e.g. 👍.',
);

/**
 * Message → React, an action through the send pipeline: v2
 * `POST /v2/{account_id}/chats/{chat_id}/messages/{message_id}/reactions` `{reaction}`
 * (docs/unipile-v2.md#message-reactions). v1 has no confirmed route (docs/unipile-v1.md#message-reactions).
 */
export const react: Operation = {
	option: {
		name: 'React',
		value: 'react',
		action: 'React to a message',
		description:
			'(API v2 only) Add an emoji reaction to a LinkedIn message, e.g. 👍. LinkedIn Classic chats only: Sales Navigator and Recruiter chats take no reactions.',
		routing: unipileSend((item, version) => {
			if (version === 'v1') {
				notOnV1(
					item,
					'React',
					'API v1 has no documented route to react to a message. Remove this step, or use a v2 account.',
				);
			}
			const account = accountOf(item, version);
			const chatId = item.get(chat);
			const messageId = item.get(message);
			return {
				version,
				account,
				chat: chatId,
				to: `message ${messageId}`,
				method: 'POST',
				url: path`/${account}/chats/${chatId}/messages/${messageId}/reactions`,
				body: { as: 'json', fields: { reaction: item.get(reaction) } },
			};
		}, ACTION),
	},
	fields: [chat.property, message.property, reaction.property],
};
