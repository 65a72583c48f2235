import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { limit, returnAll } from '../../../shared/descriptions';
import { field, optionalDate, path } from '../../../shared/parameters';
import { readRouting } from '../../../shared/readRouting';
import { account, conversation } from '../../shared/fields';
import { connectSafelyPagination } from '../../shared/pagination';

const filters = field(
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent after this time',
			},
		],
	},
	z.object({ since: optionalDate() }).default({}),
	'Set "Since" to a date, e.g. 2026-05-01T09:00:00Z.',
);

/**
 * Conversation → Get Messages: `GET /linkedin/conversations/{conversationUrn}/messages`, the URN
 * URL-encoded, older pages with `cursor` while `hasMore`, `since` in epoch milliseconds
 * (docs/connectsafely.md#get-conversation-messages).
 */
export const getMessages: Operation = {
	option: {
		name: 'Get Messages',
		value: 'getMessages',
		action: 'Get messages of a conversation',
		description:
			'List the messages of a LinkedIn conversation, given its conversation URN, newest first: text, sender and time of each',
		routing: readRouting(
			(item) => {
				const { since } = item.get(filters);
				return {
					method: 'GET',
					url: path`/linkedin/conversations/${item.get(conversation)}/messages`,
					qs: { accountId: item.get(account), since: since ? Date.parse(since) : undefined },
				};
			},
			connectSafelyPagination({ itemsKey: 'messages', cursor: 'cursor', noun: 'messages' }),
		),
	},
	fields: [
		{ ...conversation.property, description: 'The conversation to read' },
		returnAll,
		limit,
		filters.property,
	],
};
