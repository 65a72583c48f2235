import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { BinaryFile } from '../../shared/binary';
import { checkFiles } from '../../shared/binary';
import { path } from '../../shared/parameters';
import type { ItemInputs } from '../../shared/preflight';
import type { Send } from '../../shared/sendPipeline';
import { MESSAGE, sendPipeline } from '../../shared/sendPipeline';
import { typingFirst } from '../../shared/sendingOptions';
import { retryAfterOf } from './errors';
import { attachments, text } from './fields';
import type { UnipileVersion } from './transport';
import { checkedVersion, notOnV1, unipileRequest } from './transport';

/** A Unipile send as an operation states it: its request, and where it goes. */
export interface UnipileSend extends Omit<Send, 'lane' | 'to'> {
	/** Where it goes, as errors name it; by default its chat or recipient. */
	to?: string;
	version: UnipileVersion;
	account: string;
	/** The existing chat it goes to: where "Skip If Already Sent" looks and typing shows. */
	chat?: string;
	/** Else its recipient, whose chats "Skip If Already Sent" looks in. */
	recipient?: string;
}

type Stated = UnipileSend & Send;

/** Attachments per message: 20 MB on v2, 15 MiB on v1 (docs/unipile-v2.md#attachment-size-limits). */
const MAX_ATTACHMENT_BYTES: Record<UnipileVersion, number> = {
	v2: 20 * 1024 * 1024,
	v1: 15 * 1024 * 1024,
};

/** How far back "Skip If Already Sent" pages at most, per list (chats, then each chat's messages). */
const MAX_SKIP_PAGES = 5;

interface Message {
	id?: string;
	text?: string | null;
	/** v2 a boolean, v1 0 or 1. */
	is_sender?: boolean | number;
	timestamp?: string;
}

interface Page<T> {
	data?: T[];
	items?: T[];
	next_cursor?: string | null;
	cursor?: string | null;
}

/** Typing lasts about as long as a person would take: 1 s + 40 ms per character, 8 s at most. */
function typingDelayMs(message: string) {
	return Math.min(8000, 1000 + 40 * message.length);
}

/**
 * Pages of a Unipile list, newest first, while `more` says the page reached back far enough: v2
 * `{data, next_cursor}`, v1 `{items, cursor}` (docs/unipile-v2.md#pagination, docs/unipile-v1.md#pagination).
 */
async function* pages<T>(
	context: IExecuteSingleFunctions,
	url: string,
	qs: IDataObject,
	more: (page: T[]) => boolean,
) {
	let cursor: string | undefined;
	for (let page = 0; page < MAX_SKIP_PAGES; page++) {
		const body = await unipileRequest<Page<T>>(context, 'GET', url, {
			qs: { ...qs, ...(cursor ? { cursor } : {}) },
		});
		const entries = body.data ?? body.items ?? [];
		yield entries;
		const next = body.next_cursor ?? body.cursor ?? undefined;
		if (!entries.length || !next || next === cursor || !more(entries)) return;
		cursor = next;
	}
}

const timeOf = (value: string | undefined) => Date.parse(value ?? '');

/**
 * The chats a send may repeat itself in: its chat, or the recipient's chats. v2:
 * `GET /v2/{account_id}/users/{user_id}/chat` (docs/unipile-v2.md#find-a-users-chat); v1 has no such
 * route: the account's chats with activity in the window, followed page by page
 * (docs/unipile-v1.md#list-chats).
 */
async function chatsOf(context: IExecuteSingleFunctions, send: Stated, since: number) {
	if (send.chat) return [send.chat];
	if (!send.recipient) return [];
	if (send.version === 'v2') {
		const found = await unipileRequest<{ data?: Array<{ chat_id?: string }> }>(
			context,
			'GET',
			path`/${send.account}/users/${send.recipient}/chat`,
		);
		return (found.data ?? []).map((match) => match.chat_id).filter((id): id is string => !!id);
	}
	type Chat = { id: string; attendee_provider_id?: string; timestamp?: string };
	const chats: string[] = [];
	for await (const page of pages<Chat>(
		context,
		'/chats',
		{ account_id: send.account, limit: 100, after: new Date(since).toISOString() },
		(entries) => timeOf(entries[entries.length - 1].timestamp) >= since,
	)) {
		for (const chat of page) if (chat.attendee_provider_id === send.recipient) chats.push(chat.id);
	}
	return chats;
}

/** Send responses carry `message_id` as a string, an array or null: output the first and all. */
async function normalizeSent(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		if (!('message_id' in item.json)) return item;
		const { message_id: raw, ...rest } = item.json;
		const ids = (Array.isArray(raw) ? raw : [raw]).filter(
			(id): id is string => typeof id === 'string' && id.length > 0,
		);
		return { json: { ...rest, message_id: ids[0] ?? null, message_ids: ids } };
	});
}

/** The Unipile send pipeline (nodes/shared/sendPipeline.ts). */
const unipileSends = sendPipeline<Stated>({
	service: 'Unipile',
	async showTyping(send) {
		if (!send.chat) return;
		await unipileRequest(this, 'POST', path`/${send.account}/chats/${send.chat}/composing`, {
			qs: { action: 'typing' },
		});
		await sleep(typingDelayMs(send.text ?? ''));
	},
	async findEarlierSend(send, since) {
		for (const chat of await chatsOf(this, send, since)) {
			const url =
				send.version === 'v1'
					? path`/chats/${chat}/messages`
					: path`/${send.account}/chats/${chat}/messages`;
			for await (const page of pages<Message>(
				this,
				url,
				{ limit: 50 },
				(entries) => timeOf(entries[entries.length - 1].timestamp) >= since,
			)) {
				const earlier = page.find(
					(entry) =>
						Boolean(entry.is_sender) &&
						entry.text === send.text &&
						timeOf(entry.timestamp) >= since,
				);
				if (earlier) {
					return {
						chat_id: chat,
						message_id: earlier.id ?? null,
						timestamp: earlier.timestamp ?? null,
					};
				}
			}
		}
		return undefined;
	},
	retryAfter: retryAfterOf,
	sentId: (json) => [json.message_id, json.chat_id].find((id) => typeof id === 'string') as string,
	postReceive: [normalizeSent],
});

/**
 * The routing of a Unipile operation that sends: `build` states one item's request for the
 * credential's API version, checked before anything is sent.
 */
export function unipileSend(
	build: (item: ItemInputs, version: UnipileVersion) => UnipileSend | Promise<UnipileSend>,
	kind = MESSAGE,
) {
	return unipileSends.routing(async (item) => {
		const version = await checkedVersion(item);
		if (kind.paced && version === 'v1' && item.get(typingFirst)) {
			notOnV1(
				item,
				'"Show Typing First"',
				'Turn "Show Typing First" off in "Sending Options": API v1 has no typing indicator.',
			);
		}
		const send = await build(item, version);
		const to = send.to ?? (send.chat ? `chat ${send.chat}` : `recipient ${send.recipient}`);
		return { ...send, lane: `unipile:${send.account}`, to };
	}, kind);
}

export interface Attachment {
	file: BinaryFile;
	sendMode: 'native' | 'file';
}

/** A message's text and files; it needs one or the other. */
export async function messageContent(
	item: ItemInputs,
	version: UnipileVersion,
): Promise<{ text: string; files: Attachment[] }> {
	const message = item.get(text);
	const entries = item.get(attachments);
	const files = await checkFiles(
		item,
		entries.map((entry) => entry.binaryProperty),
		{ field: attachments.label, maxTotalBytes: MAX_ATTACHMENT_BYTES[version] },
	);
	if (!message && !files.length) {
		item.fail(
			'The "Text" parameter is empty and no file is attached',
			'Write a message in "Text", or add a file under "Attachments".',
		);
	}
	return {
		text: message,
		files: files.map((file, index) => ({ file, sendMode: entries[index].sendMode })),
	};
}
