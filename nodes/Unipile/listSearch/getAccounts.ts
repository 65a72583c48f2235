import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { unipileRequest } from '../shared/transport';

interface Accounts {
	data?: Array<{ id: string; name?: string; provider?: string; status?: string }>;
	has_more?: boolean;
}

const PAGE_SIZE = 50;

/** GET /v2/accounts/ — offset pagination, `search` by name or ID (unipile-api.md §2.2). */
export async function getAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const page = await unipileRequest<Accounts>(this, 'GET', '/accounts/', {
		qs: { limit: PAGE_SIZE, offset, ...(filter ? { search: filter } : {}) },
	});
	return {
		results: (page.data ?? []).map((account) => ({
			name: `${account.name ?? account.id} (${account.provider ?? 'account'}${account.status && account.status !== 'running' ? `, ${account.status}` : ''})`,
			value: account.id,
		})),
		paginationToken: page.has_more ? String(offset + PAGE_SIZE) : undefined,
	};
}
