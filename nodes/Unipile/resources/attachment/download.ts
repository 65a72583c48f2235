import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { field, path, pathId, requiredText } from '../../../shared/parameters';
import { headerOf } from '../../../shared/errors';
import { accountOf, chat, message } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';
import type { UnipileVersion } from '../../shared/transport';
import { unipileRequest } from '../../shared/transport';

/**
 * An attachment as a message lists it: v2 `filename` and `is_unavailable`
 * (docs/unipile-v2.md#download-an-attachment), v1 `file_name` (files only) and `unavailable`
 * (docs/unipile-v1.md#download-an-attachment).
 */
export interface Attachment {
	id: string;
	mimetype?: string;
	type?: string;
	file_size?: number;
	filename?: string;
	file_name?: string;
	is_unavailable?: boolean;
	unavailable?: boolean;
}

export const fileNameOf = (attachment: Attachment): string | undefined =>
	attachment.filename || attachment.file_name || undefined;

export const isUnavailable = (attachment: Attachment): boolean =>
	attachment.is_unavailable === true || attachment.unavailable === true;

/**
 * A message's attachments, for this operation and its Attachment list (getAttachments): v2 through
 * its chat, v1 by the message ID alone.
 */
export async function attachmentsOf(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	version: UnipileVersion,
	ids: { account: string; chat: string; message: string },
): Promise<Attachment[]> {
	const url =
		version === 'v2'
			? path`/${ids.account}/chats/${ids.chat}/messages/${ids.message}`
			: path`/messages/${ids.message}`;
	const found = await unipileRequest<{ attachments?: Attachment[] }>(context, 'GET', url);
	return found.attachments ?? [];
}

const attachment = field(
	{
		displayName: 'Attachment',
		name: 'attachment',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The file, one of the attachments of the message above',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an attachment...',
				typeOptions: { searchListMethod: 'getAttachments', searchable: false },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. att_4f2a9c' },
		],
	},
	pathId(),
	"Pick the attachment from the list, or map its ID from the message's attachments, e.g. {{ $json.attachments[0].id }}.",
);

const outputField = field(
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the output binary field to put the file in',
	},
	requiredText(),
	'Enter the name of the output binary field, e.g. data.',
);

/** What the item's download becomes: the file's name and type (from its message) and where it goes. */
interface Download {
	property: string;
	fileName?: string;
	mimeType?: string;
	json: IDataObject;
}

/** Each item's download, by the item's context: the same object runs its preSend and postReceive. */
const downloads = new WeakMap<object, Download>();

/**
 * The body is the file (docs/unipile-v2.md#download-an-attachment,
 * docs/unipile-v1.md#download-an-attachment), its name and type from the message's attachment: the
 * answer's Content-Type is not confirmed, so it is only a fallback.
 */
async function toFile(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const download = downloads.get(this) as Download;
	const data = Buffer.from(response.body as Buffer);
	const answered = headerOf(response.headers, 'content-type')?.split(';')[0].trim();
	const mimeType =
		download.mimeType ||
		(answered && answered !== 'application/json' ? answered : 'application/octet-stream');
	const file = await this.helpers.prepareBinaryData(data, download.fileName, mimeType);
	return [
		{
			json: {
				...download.json,
				file_name: file.fileName ?? null,
				mime_type: mimeType,
				size: data.length,
			},
			binary: { [download.property]: file },
		},
	];
}

const read = unipileRead(async (item, version) => {
	const account = accountOf(item, version);
	const chatId = item.get(chat);
	const messageId = item.get(message);
	const attachmentId = item.get(attachment);
	const property = item.get(outputField);
	const attachments = await attachmentsOf(item.context, version, {
		account,
		chat: chatId,
		message: messageId,
	});
	const found = attachments.find((entry) => entry.id === attachmentId);
	if (!found) {
		return item.fail(
			`Message ${messageId} has no attachment "${attachmentId}"`,
			attachments.length
				? `Its attachments are: ${attachments.map((entry) => `${entry.id} (${fileNameOf(entry) ?? entry.type ?? 'file'})`).join(', ')}. Pick one from the "Attachment" list.`
				: 'This message has no attachments: check the "Message" field.',
		);
	}
	if (isUnavailable(found)) {
		item.fail(
			`The attachment "${fileNameOf(found) ?? attachmentId}" is no longer available: it was removed from LinkedIn's servers`,
			'Nothing can be downloaded for it. Remove this item, or skip attachments that are unavailable.',
		);
	}
	downloads.set(item.context, {
		property,
		fileName: fileNameOf(found),
		mimeType: found.mimetype,
		json: {
			chat_id: chatId,
			message_id: messageId,
			attachment_id: attachmentId,
			type: found.type ?? null,
		},
	});
	return version === 'v2'
		? {
				method: 'GET',
				url: path`/${account}/chats/${chatId}/messages/${messageId}/attachments/${attachmentId}`,
			}
		: { method: 'GET', url: path`/messages/${messageId}/attachments/${attachmentId}` };
});

/** The read, with its answer taken as bytes rather than JSON. */
const [build] = read.send?.preSend ?? [];
const routing: INodePropertyRouting = {
	...read,
	send: {
		...read.send,
		preSend: [
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				const built = await build.call(this, options);
				return {
					...built,
					json: false,
					encoding: 'arraybuffer' as const,
					headers: { ...built.headers, Accept: '*/*' },
				};
			},
		],
	},
	output: { postReceive: [toFile] },
};

/**
 * Attachment → Download: the message's attachment is read from the message first (its name, type,
 * and whether it is still there), then downloaded. v2
 * `GET /v2/{account_id}/chats/{chat_id}/messages/{message_id}/attachments/{attachment_id}`
 * (docs/unipile-v2.md#download-an-attachment); v1
 * `GET /api/v1/messages/{message_id}/attachments/{attachment_id}` (docs/unipile-v1.md#download-an-attachment).
 */
export const download: Operation = {
	option: {
		name: 'Download',
		value: 'download',
		action: 'Download an attachment',
		description:
			"Download a file someone sent in a LinkedIn message into a binary field, with its file name and MIME type, e.g. to store or forward what a prospect sent. Needs the chat, the message and the attachment's ID.",
		routing,
	},
	fields: [chat.property, message.property, attachment.property, outputField.property],
};
