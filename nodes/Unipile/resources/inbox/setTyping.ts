import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { field, path } from '../../../shared/parameters';
import { accountOf, chat } from '../../shared/fields';
import { ACTION } from '../../../shared/sendPipeline';
import { unipileSend } from '../../shared/sending';
import { notOnV1 } from '../../shared/transport';

const action = field(
	{
		displayName: 'Action',
		name: 'composingAction',
		type: 'options',
		default: 'typing',
		options: [
			{ name: 'Recording a Voice Note', value: 'recording' },
			{ name: 'Typing', value: 'typing' },
		],
	},
	z.enum(['recording', 'typing']),
	'Pick "Typing" or "Recording a Voice Note".',
);

/** Inbox → Set Typing: `POST …/composing?action=`, no body (docs/unipile-v2.md#typing-indicator). */
export const setTyping: Operation = {
	option: {
		name: 'Set Typing',
		value: 'setTyping',
		action: 'Show a typing indicator',
		description:
			'(API v2 only) Show the other people of a LinkedIn chat that you are typing or recording a voice note',
		routing: unipileSend((item, version) => {
			if (version === 'v1') {
				notOnV1(
					item,
					'Set Typing',
					'API v1 has no typing indicator. Remove this step, or use a v2 account.',
				);
			}
			const account = accountOf(item, version);
			const chatId = item.get(chat);
			return {
				version,
				account,
				chat: chatId,
				method: 'POST',
				url: path`/${account}/chats/${chatId}/composing`,
				qs: { action: item.get(action) },
			};
		}, ACTION),
	},
	fields: [chat.property, action.property],
};
