import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { BinaryFile } from '../../shared/binary';
import { checkFiles, jsonWithFiles } from '../../shared/binary';
import type { ItemInputs } from '../../shared/preflight';
import { path } from '../../shared/parameters';
import { sendPipeline } from '../../shared/sendPipeline';
import { typingFirst } from '../../shared/sendingOptions';
import { retryAfterOf } from './errors';
import { attachments, text } from './fields';
import type { UnipileVersion } from './transport';
import { checkedVersion, unipileRequest } from './transport';

export interface Attachment {
	file: BinaryFile;
	sendMode: 'native' | 'file';
}

/** One Unipile send as an operation builds it (always a POST). */
export interface UnipileSend {
	account: string;
	/** Relative to the base URL of the credential's API version. */
	url: string;
	/** v2: a JSON body; files go in it as base64 `attachments` (docs/unipile-v2.md#attachments). */
	json: IDataObject;
	files: Attachment[];
	/** The existing chat it goes to: where "Skip If Already Sent" looks and typing shows. */
	chat?: string;
	/** Else its recipient, whose chats "Skip If Already Sent" looks in. */
	recipient?: string;
}

/** Attachments per message: 20 MB on v2 (docs/unipile-v2.md#attachments). */
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

interface Message {
	id?: string;
	text?: string | null;
	is_sender?: boolean;
	timestamp?: string;
}

/** Typing lasts about as long as a person would take: 1 s + 40 ms per character, 8 s at most. */
export function typingDelayMs(message: string) {
	return Math.min(8000, 1000 + 40 * message.length);
}

/**
 * The chats a send may repeat itself in: its chat, or the recipient's existing chats
 * (GET /v2/{account_id}/users/{user_id}/chat, docs/unipile-v2.md#find-a-users-chat).
 */
async function chatsOf(context: IExecuteSingleFunctions, send: UnipileSend): Promise<string[]> {
	if (send.chat) return [send.chat];
	if (!send.recipient) return [];
	const found = await unipileRequest<{ data?: Array<{ chat_id?: string }> }>(
		context,
		'GET',
		path`/${send.account}/users/${send.recipient}/chat`,
	);
	return (found.data ?? []).map((match) => match.chat_id).filter((id): id is string => Boolean(id));
}

/** Send responses carry `message_id` as a string, an array or null: output the first and all. */
async function normalizeSent(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const { message_id: raw, ...rest } = item.json;
		const ids = (Array.isArray(raw) ? raw : [raw]).filter(
			(id): id is string => typeof id === 'string' && id.length > 0,
		);
		return { json: { ...rest, message_id: ids[0] ?? null, message_ids: ids } };
	});
}

/** The Unipile send pipeline (nodes/shared/sendPipeline.ts). */
export const unipileSends = sendPipeline<UnipileSend>({
	service: 'Unipile',
	lane: (send) => `unipile:${send.account}`,
	async prepare(send, base) {
		const body = send.files.length
			? await jsonWithFiles(
					this,
					send.json,
					'attachments',
					send.files.map(({ file, sendMode }) => ({
						file,
						fields: { content_type: file.mimeType, filename: file.fileName, send_mode: sendMode },
					})),
				)
			: send.json;
		return {
			...base,
			method: 'POST',
			url: send.url,
			body,
			headers: { ...base.headers, 'Content-Type': 'application/json' },
		};
	},
	async showTyping(send) {
		if (!send.chat) return;
		await unipileRequest(this, 'POST', path`/${send.account}/chats/${send.chat}/composing`, {
			qs: { action: 'typing' },
		});
		await sleep(typingDelayMs(String(send.json.text ?? '')));
	},
	async findEarlierSend(send, since) {
		const message = send.json.text;
		if (typeof message !== 'string' || !message) return undefined;
		for (const chat of await chatsOf(this, send)) {
			const page = await unipileRequest<{ data?: Message[] }>(
				this,
				'GET',
				path`/${send.account}/chats/${chat}/messages`,
				{ qs: { limit: 20 } },
			);
			const earlier = (page.data ?? []).find(
				(entry) =>
					entry.is_sender && entry.text === message && Date.parse(entry.timestamp ?? '') >= since,
			);
			if (earlier) {
				return {
					chat_id: chat,
					message_id: earlier.id ?? null,
					timestamp: earlier.timestamp ?? null,
				};
			}
		}
		return undefined;
	},
	retryAfter: retryAfterOf,
	postReceive: [normalizeSent],
});

/** The routing of a Unipile send: `build` makes one item's request for the API version. */
export function unipileSend(
	build: (item: ItemInputs, version: UnipileVersion) => UnipileSend | Promise<UnipileSend>,
): INodePropertyRouting {
	return unipileSends.routing(async (item) => {
		const version = await checkedVersion(item);
		if (version === 'v1' && item.get(typingFirst)) {
			item.fail(
				'"Show Typing First" is not available on Unipile API v1',
				'Turn "Show Typing First" off in "Sending Options": API v1 has no typing indicator.',
			);
		}
		return await build(item, version);
	});
}

/** A message's text and files; it needs one or the other. */
export async function messageContent(
	item: ItemInputs,
): Promise<{ text: string; files: Attachment[] }> {
	const message = item.get(text);
	const entries = item.get(attachments);
	const files = await checkFiles(
		item,
		entries.map((entry) => entry.binaryProperty),
		{ field: attachments.label, maxTotalBytes: MAX_ATTACHMENT_BYTES },
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
