import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { limit, returnAll, simplify } from '../../../shared/descriptions';
import { pick } from '../../../shared/pagination';
import { field, optionalDate, path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';
import { notOnV1 } from '../../shared/transport';

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
				description: 'Only chats with activity after this time',
			},
			{
				displayName: 'Archived Only',
				name: 'isArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to return only archived chats (API v2 only)',
			},
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Only chats with activity before this time',
			},
			{
				displayName: 'Type',
				description: 'The kind of chat (API v2 only)',
				name: 'type',
				type: 'options',
				default: '1to1',
				options: [
					{ name: '1:1', value: '1to1' },
					{ name: 'Channel', value: 'channel' },
					{ name: 'Group', value: 'group' },
				],
			},
			{
				displayName: 'Unread Only',
				name: 'isUnread',
				type: 'boolean',
				default: false,
				description: 'Whether to return only chats with unread messages',
			},
		],
	},
	z
		.object({
			after: optionalDate(),
			before: optionalDate(),
			isArchived: z.boolean().optional(),
			isUnread: z.boolean().optional(),
			type: z.enum(['1to1', 'channel', 'group']).optional(),
		})
		.default({}),
	'Set "After" and "Before" to dates, e.g. 2026-01-31T09:00:00Z.',
);

const simplified = {
	v2: (chat: IDataObject) =>
		pick(chat, [
			'id',
			'name',
			'type',
			'user_id',
			'unread_count',
			'is_archived',
			'last_message_timestamp',
			'provider',
		]),
	v1: (chat: IDataObject) =>
		pick(chat, [
			'id',
			'name',
			'type',
			'attendee_provider_id',
			'unread_count',
			'archived',
			'timestamp',
			'account_type',
		]),
};

/**
 * Chat → Get Many: the account's chats, newest first (docs/unipile-v2.md#list-chats,
 * docs/unipile-v1.md#list-chats; v1 has no type or archive filter).
 */
export const getAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many chats',
		description:
			"List the account's LinkedIn chats, newest first: ID, name, the other person's user_id and unread_count of each",
		routing: unipileRead(
			(item, version) => {
				const accountId = accountOf(item, version);
				const { after, before, isArchived, isUnread, type } = item.get(filters);
				// A switched-off filter is no filter: sending `false` would ask for read or unarchived chats only.
				if (version === 'v2') {
					return {
						method: 'GET',
						url: path`/${accountId}/chats`,
						qs: {
							after,
							before,
							is_archived: isArchived || undefined,
							is_unread: isUnread || undefined,
							type,
						},
					};
				}
				if (type !== undefined || isArchived) {
					notOnV1(item, 'The "Type" and "Archived Only" filters', 'Remove them from "Filters".');
				}
				return {
					method: 'GET',
					url: '/chats',
					qs: {
						account_id: accountId,
						account_type: 'LINKEDIN',
						unread: isUnread || undefined,
						after,
						before,
					},
				};
			},
			{ noun: 'chats', simplify: simplified },
		),
	},
	fields: [returnAll, limit, simplify, filters.property],
};
