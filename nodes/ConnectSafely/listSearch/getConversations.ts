import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { account } from '../shared/fields';
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
	// No account: the key's default account's conversations (docs/connectsafely.md#accounts-and-accountid).
	const picked = account.schema.safeParse(
		this.getNodeParameter(account.name, '', { extractValue: true }),
	);
	if (!picked.success) {
		// The editor shows the message under "Could not load list", split at dashes: none in it.
		throw new NodeOperationError(
			this.getNode(),
			'Select a valid Account first: ConnectSafely account IDs are 24 hexadecimal characters',
			{ description: account.hint },
		);
	}
	const accountId = picked.data;
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
