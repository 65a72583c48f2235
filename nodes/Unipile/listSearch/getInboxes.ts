import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { path } from '../../shared/parameters';
import { unipileRequest, versionOf } from '../shared/transport';

interface Inbox {
	id: string;
	description?: string | null;
	disabled?: boolean;
}

/** The Primary inboxes that start chats; v1 has no inbox route (docs/unipile-v1.md#what-v1-lacks). */
const V1_INBOXES = ['CLASSIC_PRIMARY', 'RECRUITER_PRIMARY', 'SALES_NAVIGATOR_PRIMARY'];

/** `GET /v2/{account_id}/inboxes` (docs/unipile-v2.md#list-inboxes). */
export async function getInboxes(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	if ((await versionOf(this)) === 'v1') {
		return { results: V1_INBOXES.map((id) => ({ name: `${id} (API v1)`, value: id })) };
	}
	const account = this.getNodeParameter('account', '', { extractValue: true }) as string;
	if (!account || account === '.' || account === '..') return { results: [] };
	const page = await unipileRequest<{ data?: Inbox[] }>(this, 'GET', path`/${account}/inboxes`);
	return {
		results: (page.data ?? [])
			.filter((inbox) => !inbox.disabled)
			.map((inbox) => ({
				name: inbox.description ? `${inbox.id} (${inbox.description})` : inbox.id,
				value: inbox.id,
			})),
	};
}
