import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { unipileRequest } from '../shared/transport';

interface Inboxes {
	data?: Array<{ id: string; description?: string | null; disabled?: boolean }>;
}

/** GET /v2/{account_id}/inboxes (unipile-api.md §2.2). */
export async function getInboxes(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	const account = this.getNodeParameter('account', '', { extractValue: true }) as string;
	if (!account) return { results: [] };
	const page = await unipileRequest<Inboxes>(
		this,
		'GET',
		`/${encodeURIComponent(account)}/inboxes`,
	);
	return {
		results: (page.data ?? [])
			.filter((inbox) => !inbox.disabled)
			.map((inbox) => ({
				name: inbox.description ? `${inbox.id} (${inbox.description})` : inbox.id,
				value: inbox.id,
			})),
	};
}
