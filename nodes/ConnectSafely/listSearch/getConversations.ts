import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { connectSafelyRequest } from '../shared/transport';

interface Conversations {
	conversations?: Array<{
		conversationUrn: string;
		participants?: Array<{ name?: string }>;
		latestMessage?: { text?: string };
	}>;
	nextCursor?: string | null;
	hasMore?: boolean;
}

/** GET /linkedin/conversations of the chosen account, named by participants (docs/connectsafely.md#list-conversations); filtered here. */
export async function getConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const accountId = this.getNodeParameter('account', '', { extractValue: true }) as string;
	const qs: IDataObject = { accountId, count: 50, nextCursor: paginationToken };
	const page = await connectSafelyRequest<Conversations>(this, 'GET', '/linkedin/conversations', {
		qs,
	});
	const needle = filter?.trim().toLowerCase();
	const results = (page.conversations ?? []).map((conversation) => {
		const names = (conversation.participants ?? [])
			.map((participant) => participant.name)
			.filter(Boolean);
		const snippet = conversation.latestMessage?.text?.slice(0, 40);
		const name = names.length ? names.join(', ') : conversation.conversationUrn;
		return { name: snippet ? `${name}: ${snippet}` : name, value: conversation.conversationUrn };
	});
	return {
		results: needle
			? results.filter((result) => result.name.toLowerCase().includes(needle))
			: results,
		paginationToken: page.hasMore && page.nextCursor ? page.nextCursor : undefined,
	};
}
