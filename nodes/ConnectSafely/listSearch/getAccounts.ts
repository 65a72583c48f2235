import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { connectSafelyRequest } from '../shared/transport';

interface Account {
	id: string;
	firstName?: string;
	lastName?: string;
	publicId?: string;
}

/**
 * GET /linkedin/accounts?q= — a bare array, database-only, searched by name, public ID, account ID
 * or profile URL (docs/connectsafely.md#list-accounts).
 */
export async function getAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const accounts = await connectSafelyRequest<Account[]>(this, 'GET', '/linkedin/accounts', {
		qs: { q: filter?.trim() },
	});
	return {
		results: (Array.isArray(accounts) ? accounts : []).map((account) => {
			const name = [account.firstName, account.lastName].filter(Boolean).join(' ') || account.id;
			return {
				name: account.publicId ? `${name} (${account.publicId})` : name,
				value: account.id,
				...(account.publicId
					? { url: `https://www.linkedin.com/in/${encodeURIComponent(account.publicId)}/` }
					: {}),
			};
		}),
	};
}
