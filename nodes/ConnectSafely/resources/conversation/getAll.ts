import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { limit, returnAll, simplify } from '../../../shared/descriptions';
import { pick } from '../../../shared/pagination';
import { field } from '../../../shared/parameters';
import { readRouting } from '../../../shared/readRouting';
import { account } from '../../shared/fields';
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
				displayName: 'Unread Only',
				name: 'unreadOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only conversations with unread messages',
			},
		],
	},
	z.object({ unreadOnly: z.boolean().optional() }).default({}),
	'Turn "Unread Only" on or off.',
);

interface Participant extends IDataObject {
	profileId?: string;
	name?: string;
}

/** The fields most workflows need; `participants` reduced to ID and name. */
function simplifyConversation(conversation: IDataObject): IDataObject {
	const participants = Array.isArray(conversation.participants)
		? (conversation.participants as Participant[]).map((participant) =>
				pick(participant, ['profileId', 'name']),
			)
		: [];
	const latest = conversation.latestMessage as IDataObject | undefined;
	return {
		...pick(conversation, [
			'conversationUrn',
			'conversationId',
			'lastActivityAt',
			'unreadCount',
			'source',
		]),
		participants,
		...(latest && typeof latest === 'object'
			? { latestMessage: pick(latest, ['text', 'sentAt', 'senderName', 'hasAttachment']) }
			: {}),
	};
}

/**
 * Conversation → Get Many: `GET /linkedin/conversations`, newest activity first, paged with
 * `count` + `nextCursor` (docs/connectsafely.md#list-conversations).
 */
export const getAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many conversations',
		description:
			"List the account's LinkedIn conversations, Sales Navigator threads included: conversationUrn, participants and the latest message of each",
		routing: readRouting(
			(item) => ({
				method: 'GET',
				url: '/linkedin/conversations',
				qs: { accountId: item.get(account), unreadOnly: item.get(filters).unreadOnly },
			}),
			connectSafelyPagination({
				itemsKey: 'conversations',
				cursor: 'nextCursor',
				noun: 'conversations',
				simplify: simplifyConversation,
			}),
		),
	},
	fields: [returnAll, limit, simplify, filters.property],
};
