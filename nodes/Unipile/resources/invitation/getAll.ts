import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { limit, returnAll, simplify } from '../../../shared/descriptions';
import { fixableError } from '../../../shared/errors';
import { cursorPagination, limitOf } from '../../../shared/pagination';
import { field, path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';

const invitationType = field(
	{
		displayName: 'Type',
		name: 'invitationType',
		type: 'options',
		default: 'sent',
		description: 'Which pending invitations to list',
		options: [
			{ name: 'Received', value: 'received', description: 'Invitations people sent the account' },
			{ name: 'Sent', value: 'sent', description: 'Invitations the account sent' },
		],
	},
	z.enum(['received', 'sent'], { errorMap: () => ({ message: 'must be "received" or "sent"' }) }),
	'Pick "Received" or "Sent".',
);

const PAGE_SIZE = 100;
const MAX_PAGES = 500;

const objectOf = (value: unknown) =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
const textOf = (value: unknown) => (typeof value === 'string' && value ? value : null);
const urlOf = (publicId: string | null) =>
	publicId ? `https://www.linkedin.com/in/${publicId}/` : null;

/** One invitation, the same on both versions; `shared_secret` is what v1 needs to answer it. */
const simplified = {
	v2(entry: IDataObject): IDataObject {
		const user = objectOf(entry.user);
		const publicId = textOf(user.public_identifier);
		return {
			id: entry.id,
			type: entry.type,
			created_at: textOf(entry.created_at),
			message: textOf(entry.message),
			provider_id: textOf(user.id),
			name: textOf(user.display_name),
			public_identifier: publicId,
			profile_url: textOf(user.profile_url) ?? urlOf(publicId),
			headline: textOf(user.description),
			shared_secret: null,
		};
	},
	v1(entry: IDataObject): IDataObject {
		const received = entry.object === 'InvitationReceived';
		const inviter = objectOf(entry.inviter);
		const publicId = textOf(
			received ? inviter.inviter_public_identifier : entry.invited_user_public_id,
		);
		return {
			id: entry.id,
			type: received ? 'received' : 'sent',
			created_at: textOf(entry.parsed_datetime),
			message: textOf(entry.invitation_text),
			provider_id: textOf(received ? inviter.inviter_id : entry.invited_user_id),
			name: textOf(received ? inviter.inviter_name : entry.invited_user),
			public_identifier: publicId,
			profile_url: urlOf(publicId),
			headline: textOf(received ? inviter.inviter_description : entry.invited_user_description),
			shared_secret: textOf(objectOf(entry.specifics).shared_secret),
		};
	},
};

const v1Pages = cursorPagination({
	itemsKey: 'items',
	sizeParam: 'limit',
	pageSize: PAGE_SIZE,
	cursorParam: 'cursor',
	nextCursor: (page) => (typeof page.cursor === 'string' ? page.cursor : undefined),
	simplify: simplified.v1,
	noun: 'invitations',
});

/**
 * v2 pages relation requests by `offset` ("Pagination for this endpoint works with the offset
 * parameter"); the end is an empty page (docs/unipile-v2.md#list-relation-requests).
 */
async function v2Pages(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const max = limitOf(this);
	const shape = this.getNodeParameter('simplify', false) ? simplified.v2 : undefined;
	const pairedItem = { item: this.getItemIndex() };
	const results: INodeExecutionData[] = [];
	for (let page = 1, offset = 0; results.length < max; page++) {
		if (page > MAX_PAGES) {
			throw fixableError(
				this.getNode(),
				`Return All stopped after ${MAX_PAGES} pages (${results.length} invitations)`,
				'Turn off "Return All" and set a "Limit".',
				this.getItemIndex(),
			);
		}
		const qs = {
			...requestData.options.qs,
			offset,
			limit: Math.min(PAGE_SIZE, max - results.length),
		};
		const [response] = await this.makeRoutingRequest({
			...requestData,
			options: { ...requestData.options, qs },
		});
		const data = (response?.json ?? {}).data;
		const entries = Array.isArray(data) ? (data as IDataObject[]) : [];
		for (const entry of entries.slice(0, max - results.length))
			results.push({ json: shape ? shape(entry) : entry, pairedItem });
		if (!entries.length) break;
		offset += entries.length;
	}
	return results;
}

/**
 * Invitation → Get Many: pending invitations, sent or received. v2 `GET
 * /v2/{account_id}/users/me/relation-requests?type=` (docs/unipile-v2.md#list-relation-requests);
 * v1 `GET /api/v1/users/invite/sent` or `/received` (docs/unipile-v1.md#list-invitations).
 */
export const getAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many invitations',
		description:
			"List the account's pending LinkedIn invitations, sent or received, newest first: its ID, type, created_at, message, and the other person's provider_id, name, profile_url (and shared_secret on API v1, needed to accept or decline)",
		routing: unipileRead(
			(item, version) => {
				const account = accountOf(item, version);
				const type = item.get(invitationType);
				return version === 'v2'
					? { method: 'GET', url: path`/${account}/users/me/relation-requests`, qs: { type } }
					: { method: 'GET', url: path`/users/invite/${type}`, qs: { account_id: account } };
			},
			{ v2: v2Pages, v1: v1Pages },
		),
	},
	fields: [invitationType.property, returnAll, limit, simplify],
};
