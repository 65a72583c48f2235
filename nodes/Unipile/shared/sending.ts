import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { BinaryFile } from '../../shared/binary';
import { checkFiles, jsonWithFiles } from '../../shared/binary';
import { filePart, MultipartBody } from '../../shared/multipart';
import type { ItemInputs } from '../../shared/preflight';
import { path } from '../../shared/parameters';
import { sendPipeline } from '../../shared/sendPipeline';
import { typingFirst } from '../../shared/sendingOptions';
import { retryAfterOf } from './errors';
import { attachments, text } from './fields';
import type { UnipileVersion } from './transport';
import { checkedVersion, notOnV1, unipileRequest } from './transport';

export interface Attachment {
	file: BinaryFile;
	sendMode: 'native' | 'file';
}

/** Multipart fields: one part per value, an array gives one part per entry. */
export type FormFields = Record<string, string | string[] | undefined>;

/** One Unipile send as an operation builds it (always a POST). */
interface UnipileSend {
	version: UnipileVersion;
	account: string;
	/** Relative to the base URL of the credential's API version. */
	url: string;
	/** v2: a JSON body; files go in it as base64 `attachments` (docs/unipile-v2.md#attachments). */
	json?: IDataObject;
	/** v1: multipart fields; files go as `attachments` parts (docs/unipile-v1.md#attachments-and-size-limits). */
	form?: FormFields;
	files: Attachment[];
	/** The message text, where "Skip If Already Sent" compares. */
	text: string;
	/** The existing chat it goes to: where "Skip If Already Sent" looks and typing shows. */
	chat?: string;
	/** Else its recipient, whose chats "Skip If Already Sent" looks in. */
	recipient?: string;
}

/** Attachments per message: 20 MB on v2, 15 MiB on v1 (docs/unipile-v2.md#attachment-size-limits). */
const MAX_ATTACHMENT_BYTES: Record<UnipileVersion, number> = {
	v2: 20 * 1024 * 1024,
	v1: 15 * 1024 * 1024,
};

interface Message {
	id?: string;
	text?: string | null;
	/** v2 a boolean, v1 0 or 1. */
	is_sender?: boolean | number;
	timestamp?: string;
}

/** Typing lasts about as long as a person would take: 1 s + 40 ms per character, 8 s at most. */
function typingDelayMs(message: string) {
	return Math.min(8000, 1000 + 40 * message.length);
}

/**
 * The chats a send may repeat itself in: its chat, or the recipient's existing chats. v2:
 * `GET /v2/{account_id}/users/{user_id}/chat` (docs/unipile-v2.md#find-a-users-chat); v1 has no
 * such route: the account's 250 most recent chats with that attendee (docs/unipile-v1.md#list-chats).
 */
async function chatsOf(context: IExecuteSingleFunctions, send: UnipileSend): Promise<string[]> {
	if (send.chat) return [send.chat];
	if (!send.recipient) return [];
	if (send.version === 'v1') {
		const page = await unipileRequest<{
			items?: Array<{ id: string; attendee_provider_id?: string }>;
		}>(context, 'GET', '/chats', { qs: { account_id: send.account, limit: 250 } });
		return (page.items ?? [])
			.filter((chat) => chat.attendee_provider_id === send.recipient)
			.map((chat) => chat.id);
	}
	const found = await unipileRequest<{ data?: Array<{ chat_id?: string }> }>(
		context,
		'GET',
		path`/${send.account}/users/${send.recipient}/chat`,
	);
	return (found.data ?? []).map((match) => match.chat_id).filter((id): id is string => Boolean(id));
}

/** The multipart body of a v1 send: its fields, then each file as an `attachments` part. */
function multipart(context: IExecuteSingleFunctions, send: UnipileSend): MultipartBody {
	const body = new MultipartBody();
	for (const [name, value] of Object.entries(send.form ?? {})) {
		for (const entry of Array.isArray(value) ? value : [value]) {
			if (entry !== undefined && entry !== '') body.append(name, entry);
		}
	}
	for (const { file } of send.files) body.append('attachments', filePart(context, file));
	return body;
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
		if (send.version === 'v1') {
			// No Content-Type: n8n's client sets multipart/form-data with the boundary.
			return { ...base, method: 'POST', url: send.url, body: multipart(this, send), json: false };
		}
		const json = send.json ?? {};
		const body = send.files.length
			? await jsonWithFiles(
					this,
					json,
					'attachments',
					send.files.map(({ file, sendMode }) => ({
						file,
						fields: { content_type: file.mimeType, filename: file.fileName, send_mode: sendMode },
					})),
				)
			: json;
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
		await sleep(typingDelayMs(send.text));
	},
	async findEarlierSend(send, since) {
		if (!send.text) return undefined;
		for (const chat of await chatsOf(this, send)) {
			const url =
				send.version === 'v1'
					? path`/chats/${chat}/messages`
					: path`/${send.account}/chats/${chat}/messages`;
			const page = await unipileRequest<{ data?: Message[]; items?: Message[] }>(this, 'GET', url, {
				qs: { limit: 20 },
			});
			const earlier = (page.data ?? page.items ?? []).find(
				(entry) =>
					Boolean(entry.is_sender) &&
					entry.text === send.text &&
					Date.parse(entry.timestamp ?? '') >= since,
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
			notOnV1(
				item,
				'"Show Typing First"',
				'Turn "Show Typing First" off in "Sending Options": API v1 has no typing indicator.',
			);
		}
		return await build(item, version);
	});
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
