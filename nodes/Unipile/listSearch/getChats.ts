import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { unipileRequest } from '../shared/transport';

interface Chats {
	data?: Array<{ id: string; name?: string | null; type?: string }>;
	next_cursor?: string | null;
}

/** GET /v2/{account_id}/chats — cursor pagination (unipile-api.md §2.2); filtered by name here. */
export async function getChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const account = this.getNodeParameter('account', '', { extractValue: true }) as string;
	if (!account) return { results: [] };
	const page = await unipileRequest<Chats>(this, 'GET', `/${encodeURIComponent(account)}/chats`, {
		qs: { limit: 50, ...(paginationToken ? { cursor: paginationToken } : {}) },
	});
	const needle = filter?.toLowerCase();
	return {
		results: (page.data ?? [])
			.map((chat) => ({ name: chat.name || `Chat ${chat.id}`, value: chat.id }))
			.filter((chat) => !needle || chat.name.toLowerCase().includes(needle)),
		paginationToken: page.next_cursor ?? undefined,
	};
}
