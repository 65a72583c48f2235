import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { limit, returnAll, simplify } from '../../../shared/descriptions';
import { pick } from '../../../shared/pagination';
import { field, optionalDate, optionalText, path } from '../../../shared/parameters';
import { accountOf, chat } from '../../shared/fields';
import { unipileList, unipileRead } from '../../shared/reads';

const filters = field(
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'After',
				name: 'after',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent after this time',
			},
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent before this time',
			},
			{
				displayName: 'Sender User ID',
				name: 'senderId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ACoAAB1cD2eF3gH4',
				description: 'Only messages from this user',
			},
		],
	},
	z.object({ after: optionalDate(), before: optionalDate(), senderId: optionalText() }).default({}),
	'Set "After" and "Before" to dates, e.g. 2026-01-31T09:00:00Z.',
);

const simplified = {
	v2: (message: IDataObject) => ({
		...pick(message, ['id', 'chat_id', 'text', 'sender_id', 'is_sender', 'timestamp', 'is_seen']),
		attachments: Array.isArray(message.attachments) ? message.attachments.length : 0,
	}),
	v1: (message: IDataObject) => ({
		...pick(message, ['id', 'chat_id', 'text', 'sender_id', 'is_sender', 'timestamp', 'seen']),
		attachments: Array.isArray(message.attachments) ? message.attachments.length : 0,
	}),
};

/**
 * Message → Get Many: a chat's messages, newest first (docs/unipile-v2.md#list-messages,
 * docs/unipile-v1.md#list-messages).
 */
export const getAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many messages',
		description:
			'List the messages of a LinkedIn chat, newest first: ID, text, sender_id, is_sender (true for ours) and timestamp of each',
		routing: unipileRead(
			(item, version) => {
				const accountId = accountOf(item, version);
				const chatId = item.get(chat);
				const { after, before, senderId } = item.get(filters);
				return version === 'v2'
					? {
							method: 'GET',
							url: path`/${accountId}/chats/${chatId}/messages`,
							qs: { after, before, user_id: senderId },
						}
					: {
							method: 'GET',
							url: path`/chats/${chatId}/messages`,
							qs: { after, before, sender_id: senderId },
						};
			},
			unipileList('messages', simplified),
		),
	},
	fields: [chat.property, returnAll, limit, simplify, filters.property],
};
