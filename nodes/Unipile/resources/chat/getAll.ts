import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { limit, returnAll, simplify } from '../../../shared/descriptions';
import { pick } from '../../../shared/pagination';
import { field, optionalDate, path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';
import type { UnipileVersion } from '../../shared/transport';
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
				displayName: 'LinkedIn Product',
				name: 'product',
				type: 'options',
				default: 'classic',
				description:
					"Only the chats of this product's inbox. API v1 has no such filter: the node reads the chats page by page and keeps this product's.",
				options: [
					{ name: 'LinkedIn Classic', value: 'classic' },
					{ name: 'Recruiter', value: 'recruiter' },
					{ name: 'Sales Navigator', value: 'sales_navigator' },
				],
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
			product: z.enum(['classic', 'recruiter', 'sales_navigator']).optional(),
			type: z.enum(['1to1', 'channel', 'group']).optional(),
		})
		.default({}),
	'Set "After" and "Before" to dates, e.g. 2026-01-31T09:00:00Z.',
);

type Product = 'classic' | 'recruiter' | 'sales_navigator';

/** Each LinkedIn product is a v2 inbox (docs/unipile-v2.md#list-chats) and a v1 folder (docs/unipile-v1.md#linkedin-folders). */
const PRODUCTS: Record<Product, { inbox: string; folder: string }> = {
	classic: { inbox: 'CLASSIC_PRIMARY', folder: 'INBOX_LINKEDIN_CLASSIC' },
	recruiter: { inbox: 'RECRUITER_PRIMARY', folder: 'INBOX_LINKEDIN_RECRUITER' },
	sales_navigator: { inbox: 'SALES_NAVIGATOR_PRIMARY', folder: 'INBOX_LINKEDIN_SALES_NAVIGATOR' },
};

/** v1: the chats of the product's folder, kept page by page (the list has no folder filter). */
function inFolder(context: IExecutePaginationFunctions, version: UnipileVersion) {
	if (version !== 'v1') return undefined;
	const { product } = context.getNodeParameter('filters', {}) as { product?: Product };
	if (!product || !PRODUCTS[product]) return undefined;
	const folder = PRODUCTS[product].folder;
	return (chat: IDataObject) =>
		Array.isArray(chat.folder) && (chat.folder as unknown[]).includes(folder);
}

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
			'folder',
		]),
};

/**
 * Chat → Get Many: the account's chats, newest first (docs/unipile-v2.md#list-chats,
 * docs/unipile-v1.md#list-chats; v1 has no type or archive filter). One LinkedIn product's chats:
 * v2 lists its inbox (`GET /v2/{account_id}/inboxes/{inbox_id}/chats`), v1 keeps the chats of its
 * folder from each page (docs/unipile-v1.md#linkedin-folders).
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
				const { after, before, isArchived, isUnread, product, type } = item.get(filters);
				// A switched-off filter is no filter: sending `false` would ask for read or unarchived chats only.
				if (version === 'v2') {
					return {
						method: 'GET',
						url: product
							? path`/${accountId}/inboxes/${PRODUCTS[product].inbox}/chats`
							: path`/${accountId}/chats`,
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
			{ noun: 'chats', simplify: simplified, only: inFolder },
		),
	},
	fields: [returnAll, limit, simplify, filters.property],
};
