import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { field, path } from '../../../shared/parameters';
import { accountOf, chat, showFor } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';
import { notOnV1 } from '../../shared/transport';

const show = showFor('inbox', 'setTyping');

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
export const setTypingOperation: INodePropertyOptions = {
	name: 'Set Typing',
	value: 'setTyping',
	action: 'Show a typing indicator in a LinkedIn chat',
	description:
		'Show the other people of a LinkedIn chat that you are typing or recording a voice note',
	routing: unipileRead((item, version) => {
		if (version === 'v1') {
			notOnV1(
				item,
				'Set Typing',
				'API v1 has no typing indicator. Remove this step, or use a v2 account.',
			);
		}
		return {
			method: 'POST',
			url: path`/${accountOf(item, version)}/chats/${item.get(chat)}/composing`,
			qs: { action: item.get(action) },
		};
	}),
};

export const setTypingFields: INodeProperties[] = [chat.property(show), action.property(show)];
