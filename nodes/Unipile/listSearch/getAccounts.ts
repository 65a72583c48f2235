import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { unipileRequest, versionOf } from '../shared/transport';

interface Account {
	id: string;
	name?: string;
	provider?: string;
	type?: string;
	status?: string;
}

const PAGE_SIZE = 50;

const nameOf = (account: Account) =>
	`${account.name ?? account.id} (${account.provider ?? account.type ?? 'account'}${account.status && account.status !== 'running' ? `, ${account.status}` : ''})`;

/**
 * The accounts of the key. v2: `GET /v2/accounts/`, offset paging, `search` by name or ID
 * (docs/unipile-v2.md#list-accounts). v1: `GET /api/v1/accounts`, cursor paging, filtered here to
 * LinkedIn accounts (`type: "LINKEDIN"`; a v1 key also holds WhatsApp, mail and other accounts:
 * docs/unipile-v1.md#list-accounts).
 */
export async function getAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if ((await versionOf(this)) === 'v1') {
		const page = await unipileRequest<{ items?: Account[]; cursor?: string | null }>(
			this,
			'GET',
			'/accounts',
			{ qs: { limit: PAGE_SIZE, ...(paginationToken ? { cursor: paginationToken } : {}) } },
		);
		const needle = filter?.toLowerCase();
		return {
			results: (page.items ?? [])
				.filter((account) => account.type === 'LINKEDIN')
				.filter((account) => !needle || nameOf(account).toLowerCase().includes(needle))
				.map((account) => ({ name: nameOf(account), value: account.id })),
			paginationToken: page.cursor ?? undefined,
		};
	}
	const offset = Number(paginationToken ?? 0);
	const page = await unipileRequest<{ data?: Account[]; has_more?: boolean }>(
		this,
		'GET',
		'/accounts/',
		{ qs: { limit: PAGE_SIZE, offset, ...(filter ? { search: filter } : {}) } },
	);
	return {
		results: (page.data ?? []).map((account) => ({ name: nameOf(account), value: account.id })),
		paginationToken: page.has_more ? String(offset + PAGE_SIZE) : undefined,
	};
}
