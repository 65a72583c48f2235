import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { path } from '../../shared/parameters';
import { unipileRequest, versionOf } from '../shared/transport';
import { selected } from './selected';

interface Message {
	id: string;
	text?: string | null;
	timestamp?: string;
	/** v2 a boolean, v1 0 or 1. */
	is_sender?: boolean | number;
	attachments?: unknown[];
}

const MAX_TEXT = 60;

/** "2026-01-31 09:00 · You: Happy to share more" */
function nameOf(message: Message): string {
	const when = (message.timestamp ?? '').slice(0, 16).replace('T', ' ');
	const who = message.is_sender ? 'You' : 'Them';
	const text = (message.text ?? '').replace(/\s+/g, ' ').trim();
	const shown =
		text.length > MAX_TEXT
			? `${text.slice(0, MAX_TEXT - 1)}…`
			: text || `(${message.attachments?.length ? 'attachment' : 'no text'})`;
	return `${when ? `${when} · ` : ''}${who}: ${shown}`;
}

/**
 * The messages of the chosen chat, newest first, filtered by text here. v2:
 * `GET /v2/{account_id}/chats/{chat_id}/messages` (docs/unipile-v2.md#list-messages); v1:
 * `GET /api/v1/chats/{chat_id}/messages` (docs/unipile-v1.md#list-messages).
 */
export async function getMessages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const account = selected(this, 'account', 'Account');
	const chat = selected(this, 'chat', 'Chat');
	const qs = { limit: 50, ...(paginationToken ? { cursor: paginationToken } : {}) };
	const page =
		(await versionOf(this)) === 'v1'
			? await unipileRequest<{ items?: Message[]; cursor?: string | null }>(
					this,
					'GET',
					path`/chats/${chat}/messages`,
					{ qs },
				).then((body) => ({ messages: body.items ?? [], next: body.cursor }))
			: await unipileRequest<{ data?: Message[]; next_cursor?: string | null }>(
					this,
					'GET',
					path`/${account}/chats/${chat}/messages`,
					{ qs },
				).then((body) => ({ messages: body.data ?? [], next: body.next_cursor }));
	const needle = filter?.toLowerCase();
	return {
		results: page.messages
			.filter((entry) => !needle || (entry.text ?? '').toLowerCase().includes(needle))
			.map((entry) => ({ name: nameOf(entry), value: entry.id })),
		paginationToken: page.next ?? undefined,
	};
}
