import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryFile } from '../../shared/binary';
import { checkFiles, readFile } from '../../shared/binary';
import { path } from '../../shared/parameters';
import type { ItemInputs } from '../../shared/preflight';
import { sendPipeline } from '../../shared/sendPipeline';
import { account, attachments } from './fields';
import { connectSafelyRequest } from './transport';

/** One ConnectSafely send as an operation builds it (always a POST with a JSON body). */
interface ConnectSafelySend {
	/** The account ID, or '' for the key's default account. */
	account: string;
	url: string;
	body: IDataObject;
	/** Files to upload when the item is sent, added to `body.attachments`. */
	files: BinaryFile[];
	/** The conversation it goes to, when known: where "Skip If Already Sent" looks. */
	conversation?: string;
	/** Else the recipient, whose conversation "Skip If Already Sent" looks up. */
	recipient?: string;
}

interface Message {
	messageUrn?: string;
	text?: string | null;
	sentAt?: number | string;
	isSentByOwner?: boolean;
}

function timeOf(value: number | string | undefined): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
	return NaN;
}

/**
 * The conversation a send goes to: the one it names, or the recipient's existing conversation
 * (`GET /linkedin/conversations/exists/{profileId}`, docs/connectsafely.md#find-an-existing-conversation).
 */
async function conversationOf(
	context: IExecuteSingleFunctions,
	send: ConnectSafelySend,
): Promise<string | undefined> {
	if (send.conversation) return send.conversation;
	if (!send.recipient) return undefined;
	const found = await connectSafelyRequest<{
		hasConversation?: boolean;
		conversationUrn?: string | null;
	}>(context, 'GET', path`/linkedin/conversations/exists/${send.recipient}`, {
		qs: { accountId: send.account },
		ids: [{ label: 'Recipient', value: send.recipient }],
	});
	return found.hasConversation && found.conversationUrn ? found.conversationUrn : undefined;
}

/**
 * Uploads one file: the raw bytes as the body with the file's MIME type, never multipart
 * (`POST /linkedin/conversations/upload-attachment`, docs/connectsafely.md#upload-an-attachment).
 * Returns the `attachment` object a send takes back.
 */
async function uploadAttachment(
	context: IExecuteSingleFunctions,
	file: BinaryFile,
	accountId: string,
	fileName = file.fileName,
): Promise<IDataObject> {
	const response = await connectSafelyRequest<{ attachment?: IDataObject }>(
		context,
		'POST',
		'/linkedin/conversations/upload-attachment',
		{
			qs: { filename: fileName, accountId },
			body: await readFile(context, file),
			contentType: file.mimeType,
			ids: accountId ? [{ label: account.label, value: accountId }] : [],
		},
	);
	if (!response?.attachment || typeof response.attachment !== 'object') {
		throw new NodeOperationError(
			context.getNode(),
			`The upload of "${fileName}" returned no attachment, so nothing was sent`,
			{ itemIndex: context.getItemIndex() },
		);
	}
	return response.attachment;
}

/** The ConnectSafely send pipeline (nodes/shared/sendPipeline.ts). */
export const connectSafelySends = sendPipeline<ConnectSafelySend>({
	service: 'ConnectSafely',
	// The key's default account is one account per credential.
	lane(send) {
		const credential = this.getNode().credentials?.connectSafelyApi?.id ?? 'default';
		return `connectsafely:${send.account || `default:${credential}`}`;
	},
	// No retryAfter: a ConnectSafely 429 means a LinkedIn daily or weekly quota, so the item fails
	// with the reset time instead of waiting (docs/connectsafely.md#rate-limits).
	async prepare(send, base) {
		const uploaded = [...((send.body.attachments as IDataObject[] | undefined) ?? [])];
		for (const file of send.files) {
			uploaded.push({ file: await uploadAttachment(this, file, send.account) });
		}
		const body = uploaded.length ? { ...send.body, attachments: uploaded } : send.body;
		return { ...base, method: 'POST', url: send.url, body, json: true };
	},
	async findEarlierSend(send, since) {
		const text = send.body.message;
		if (typeof text !== 'string' || !text) return undefined;
		const conversationUrn = await conversationOf(this, send);
		if (!conversationUrn) return undefined;
		const page = await connectSafelyRequest<{ messages?: Message[] }>(
			this,
			'GET',
			path`/linkedin/conversations/${conversationUrn}/messages`,
			{
				qs: { count: 20, accountId: send.account },
				ids: [{ label: 'Conversation', value: conversationUrn }],
			},
		);
		const earlier = (page.messages ?? []).find(
			(entry) =>
				entry.isSentByOwner === true && entry.text === text && timeOf(entry.sentAt) >= since,
		);
		if (!earlier) return undefined;
		return {
			conversationUrn,
			messageUrn: earlier.messageUrn ?? null,
			sentAt: earlier.sentAt ?? null,
		};
	},
});

/** The "Attachments" field: uploaded attachments (sent as they are) and files (uploaded when sent). */
export async function attachmentsOf(item: ItemInputs) {
	const { files, uploaded } = item.get(attachments);
	const checked = await checkFiles(
		item,
		files.map((entry) => entry.binaryProperty),
		{ field: attachments.label },
	);
	return { uploaded: uploaded.map((file) => ({ file })), files: checked };
}

/** `accountId` in a body, only when an account is chosen. */
export const withAccount = (accountId: string) => (accountId ? { accountId } : {});
