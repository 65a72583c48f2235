import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	limitField,
	optionalFields,
	returnAllField,
	simplifyField,
} from '../../../shared/descriptions';
import { isoDateFilter } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { pick } from '../../../shared/pagination';
import { unipilePagination } from '../../shared/pagination';
import { ACCOUNT_PATH } from '../../shared/routing';

const show = { resource: ['chat'], operation: ['getAll'] };

const simplifyChat = (chat: IDataObject) =>
	pick(chat, [
		'id',
		'name',
		'type',
		'user_id',
		'unread_count',
		'is_archived',
		'last_message_timestamp',
		'provider',
	]);

/** GET /v2/{account_id}/chats, cursor-paginated (unipile-api.md §2.2). */
export const getAllChatsOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many chats',
	description: 'List the chats of the account, newest first',
	routing: {
		request: { method: 'GET', url: `${ACCOUNT_PATH}/chats` },
		send: { preSend: [input.validated({ account: input.account })], paginate: true },
		operations: { pagination: unipilePagination(simplifyChat) },
	},
};

export const getAllChatsFields: INodeProperties[] = [
	returnAllField(show),
	limitField(show),
	simplifyField(show),
	optionalFields('filters', show, [
		isoDateFilter('After', 'Only chats with activity after this time'),
		{
			displayName: 'Archived Only',
			name: 'isArchived',
			type: 'boolean',
			default: false,
			description: 'Whether to return only archived chats',
			routing: { send: { type: 'query', property: 'is_archived' } },
		},
		isoDateFilter('Before', 'Only chats with activity before this time'),
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			default: '1to1',
			options: [
				{ name: '1:1', value: '1to1' },
				{ name: 'Channel', value: 'channel' },
				{ name: 'Group', value: 'group' },
			],
			routing: { send: { type: 'query', property: 'type' } },
		},
		{
			displayName: 'Unread Only',
			name: 'isUnread',
			type: 'boolean',
			default: false,
			description: 'Whether to return only chats with unread messages',
			routing: { send: { type: 'query', property: 'is_unread' } },
		},
	]),
];
