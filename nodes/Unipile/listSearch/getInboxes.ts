import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { path } from '../../shared/parameters';
import { unipileRequest, versionOf } from '../shared/transport';
import { selected } from './selected';

interface Inbox {
	id: string;
	description?: string | null;
	disabled?: boolean;
}

/** The LinkedIn product each Primary inbox starts chats for (docs/unipile-v2.md#list-inboxes). */
const PRODUCTS: Record<string, string> = {
	CLASSIC_PRIMARY: 'LinkedIn Classic',
	RECRUITER_PRIMARY: 'Recruiter',
	SALES_NAVIGATOR_PRIMARY: 'Sales Navigator',
};

/** "LinkedIn Classic (CLASSIC_PRIMARY)": the product first, then the ID the API takes. */
export const inboxLabel = (id: string, description?: string | null) =>
	`${PRODUCTS[id] ?? (description || id)} (${id})`;

/**
 * The inboxes that start chats: only a product's Primary inbox may, and not while messaging is
 * disabled for it (docs/unipile-v2.md#start-a-chat-from-an-inbox). v2:
 * `GET /v2/{account_id}/inboxes` (docs/unipile-v2.md#list-inboxes); v1 has no inbox route, the inbox
 * only picks the product (docs/unipile-v1.md#what-v1-lacks).
 */
export async function getInboxes(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	if ((await versionOf(this)) === 'v1') {
		return { results: Object.keys(PRODUCTS).map((id) => ({ name: inboxLabel(id), value: id })) };
	}
	const account = selected(this, 'account', 'Account');
	const page = await unipileRequest<{ data?: Inbox[] }>(this, 'GET', path`/${account}/inboxes`);
	return {
		results: (page.data ?? [])
			.filter((inbox) => inbox.id.endsWith('_PRIMARY') && !inbox.disabled)
			.map((inbox) => ({ name: inboxLabel(inbox.id, inbox.description), value: inbox.id })),
	};
}
