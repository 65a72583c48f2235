import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readParameters } from '../../../shared/parameters';
import {
	limitField,
	optionalFields,
	returnAllField,
	simplifyField,
} from '../../../shared/descriptions';
import * as input from '../../shared/input';
import { pick } from '../../../shared/pagination';
import { connectSafelyPagination } from '../../shared/pagination';

const show = { resource: ['conversation'], operation: ['getAll'] };

interface Participant extends IDataObject {
	profileId?: string;
	name?: string;
}

/** The fields most workflows need; `participants` reduced to ID and name. */
export function simplifyConversation(conversation: IDataObject): IDataObject {
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

export async function checkGetAll(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const { account } = readParameters(this, { account: input.account });
	return input.withAccount(requestOptions, account, 'qs');
}

/**
 * GET /linkedin/conversations, newest activity first; `count` + `nextCursor` while `hasMore`
 * (connectsafely-api.md §2.4).
 */
export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many conversations',
	description: "List the conversations of the account's inbox, Sales Navigator threads included",
	routing: {
		request: { method: 'GET', url: '/linkedin/conversations' },
		send: { preSend: [checkGetAll], paginate: true },
		operations: {
			pagination: connectSafelyPagination({
				itemsKey: 'conversations',
				cursorParam: 'nextCursor',
				cursorField: 'nextCursor',
				simplify: simplifyConversation,
			}),
		},
	},
};

export const getAllFields: INodeProperties[] = [
	returnAllField(show),
	limitField(show),
	simplifyField(show),
	optionalFields('filters', show, [
		{
			displayName: 'Unread Only',
			name: 'unreadOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to return only conversations with unread messages',
			routing: { send: { type: 'query', property: 'unreadOnly' } },
		},
	]),
];
