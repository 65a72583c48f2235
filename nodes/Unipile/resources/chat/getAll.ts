import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
} from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { limit, returnAll, simplify } from '../../../shared/descriptions';
import { pick } from '../../../shared/pagination';
import { field, optionalDate, path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { fixableError } from '../../../shared/errors';
import { unipileList, unipileRead } from '../../shared/reads';
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
function inFolder(context: IExecutePaginationFunctions) {
	const { product } = context.getNodeParameter('filters', {}) as { product?: Product };
	if (!product || !PRODUCTS[product]) return undefined;
	const folder = PRODUCTS[product].folder;
	return (chat: IDataObject) =>
		Array.isArray(chat.folder) && (chat.folder as unknown[]).includes(folder);
}

/** v1 gives at most 250 entries a page (docs/unipile-v1.md#pagination). */
const FILTERED_PAGE_SIZE = 250;
/** Pages read for one filtered list at most, as Return All reads at most 500 pages. */
const MAX_FILTERED_PAGES = 500;

/**
 * The context's pages with only the chats `keep` accepts (docs/unipile-v1.md#linkedin-folders): a
 * page left empty is followed by the next one, since an empty page ends a list; pages are as large
 * as the API allows, so fewer requests are made.
 */
function filteredPages(
	context: IExecutePaginationFunctions,
	keep: (chat: IDataObject) => boolean,
): IExecutePaginationFunctions {
	let read = 0;
	const seen = new Set<string>();
	const fail = (message: string, fix: string) =>
		fixableError(context.getNode(), message, fix, context.getItemIndex());
	return Object.create(context, {
		makeRoutingRequest: {
			value: async (request: DeclarativeRestApiSettings.ResultOptions) => {
				let options: DeclarativeRestApiSettings.ResultOptions['options'] = {
					...request.options,
					qs: { ...request.options.qs, limit: FILTERED_PAGE_SIZE },
				};
				for (;;) {
					if (++read > MAX_FILTERED_PAGES) {
						throw fail(
							`Stopped after ${MAX_FILTERED_PAGES} pages of chats, filtered here`,
							'Narrow the list with "After" or "Before" in "Filters", or set a smaller "Limit".',
						);
					}
					const [response] = await context.makeRoutingRequest({ ...request, options });
					const body = (response?.json ?? {}) as IDataObject;
					const entries = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
					const kept = entries.filter(keep);
					const next = body.cursor;
					if (kept.length || !entries.length || typeof next !== 'string' || !next) {
						return [{ ...response, json: { ...body, items: kept } }];
					}
					if (seen.has(next)) {
						throw fail(
							'The list of chats is incomplete: the API gave a page cursor it had given before',
							'The API is going round in circles, so the node stopped instead of returning a partial list. Try again later, or narrow the list with "Filters".',
						);
					}
					seen.add(next);
					options = { ...options, qs: { ...options.qs, cursor: next } };
				}
			},
		},
	}) as IExecutePaginationFunctions;
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

const chats = unipileList('chats', simplified);

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
			{
				v2: chats.v2,
				async v1(requestData) {
					const keep = inFolder(this);
					return await chats.v1.call(keep ? filteredPages(this, keep) : this, requestData);
				},
			},
		),
	},
	fields: [returnAll, limit, simplify, filters.property],
};
