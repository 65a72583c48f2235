import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { limitField, returnAllField } from '../../../shared/descriptions';
import { field, optionalDate, path } from '../../../shared/parameters';
import { readRouting } from '../../../shared/readRouting';
import { account, conversation, showFor } from '../../shared/fields';
import { connectSafelyPagination } from '../../shared/pagination';

const show = showFor('conversation', 'getMessages');

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
export const getMessagesOperation: INodePropertyOptions = {
	name: 'Get Messages',
	value: 'getMessages',
	action: 'Get the messages of a LinkedIn conversation',
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
};

export const getMessagesFields: INodeProperties[] = [
	{ ...conversation.property(show), description: 'The conversation to read' },
	returnAllField(show),
	limitField(show),
	filters.property(show),
];
