import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { path } from '../../shared/parameters';
import { unipileRequest, versionOf } from '../shared/transport';
import { selected } from './selected';

interface Chat {
	id: string;
	name?: string | null;
}

/**
 * The chats of the chosen account, newest first, filtered by name here. v2:
 * `GET /v2/{account_id}/chats` (docs/unipile-v2.md#list-chats); v1: `GET /api/v1/chats?account_id=`
 * (docs/unipile-v1.md#list-chats).
 */
export async function getChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const account = selected(this, 'account', 'Account');
	const cursor = paginationToken ? { cursor: paginationToken } : {};
	const page =
		(await versionOf(this)) === 'v1'
			? await unipileRequest<{ items?: Chat[]; cursor?: string | null }>(this, 'GET', '/chats', {
					qs: { account_id: account, limit: 50, ...cursor },
				}).then((body) => ({ chats: body.items ?? [], next: body.cursor }))
			: await unipileRequest<{ data?: Chat[]; next_cursor?: string | null }>(
					this,
					'GET',
					path`/${account}/chats`,
					{ qs: { limit: 50, ...cursor } },
				).then((body) => ({ chats: body.data ?? [], next: body.next_cursor }));
	const needle = filter?.toLowerCase();
	return {
		results: page.chats
			.map((chat) => ({ name: chat.name || `Chat ${chat.id}`, value: chat.id }))
			.filter((chat) => !needle || chat.name.toLowerCase().includes(needle)),
		paginationToken: page.next ?? undefined,
	};
}
