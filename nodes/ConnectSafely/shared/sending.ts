import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryFile } from '../../shared/binary';
import { checkFiles } from '../../shared/binary';
import { path } from '../../shared/parameters';
import type { ItemInputs } from '../../shared/preflight';
import { toHttpOptions } from '../../shared/request';
import type { Send } from '../../shared/sendPipeline';
import { MESSAGE, sendPipeline } from '../../shared/sendPipeline';
import { account, attachments } from './fields';
import { connectSafelyCall, connectSafelyRequest } from './transport';

/** A file of the item to upload when its send goes, its place in the body taken by the upload's answer. */
export class Upload {
	constructor(readonly file: BinaryFile) {}
}

/**
 * In a send's body, a file uploaded when the send goes: `POST /linkedin/conversations/upload-attachment`
 * with the file as the raw body, then the `attachment` object it returns in this place
 * (docs/connectsafely.md#upload-an-attachment).
 */
export const upload = (file: BinaryFile) => new Upload(file);

/** A ConnectSafely send as an operation states it. */
export interface ConnectSafelySend extends Omit<Send, 'lane' | 'to'> {
	/** Where it goes, as errors name it; by default its conversation or recipient. */
	to?: string;
	/** The account it acts as (`sendingAccount`). */
	account: string;
	/** The conversation it goes to, when known: where "Skip If Already Sent" looks. */
	conversation?: string;
	/** Else the recipient, whose conversation "Skip If Already Sent" looks up. */
	recipient?: string;
}

type Stated = ConnectSafelySend & Send;

interface Message {
	messageUrn?: string;
	text?: string | null;
	sentAt?: number | string;
	isSentByOwner?: boolean;
}

/** Pages of a conversation "Skip If Already Sent" reads at most. */
const MAX_SKIP_PAGES = 5;

function timeOf(value: number | string | undefined): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
	return NaN;
}

/**
 * The conversation a send goes to: the one it names, or the recipient's existing conversation
 * (`GET /linkedin/conversations/exists/{profileId}`, docs/connectsafely.md#find-an-existing-conversation).
 */
async function conversationOf(context: IExecuteSingleFunctions, send: Stated) {
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

/** Uploads one file, the raw bytes as the body with the file's MIME type; returns the `attachment`. */
async function uploaded(context: IExecuteSingleFunctions, file: BinaryFile, accountId: string) {
	const request = {
		method: 'POST' as const,
		url: '/linkedin/conversations/upload-attachment',
		qs: { filename: file.fileName, accountId },
		body: { as: 'raw' as const, file },
	};
	const response = await connectSafelyCall<{ attachment?: IDataObject }>(
		context,
		toHttpOptions(context, request, {}),
		accountId ? [{ label: account.label, value: accountId }] : [],
	);
	if (!response?.attachment || typeof response.attachment !== 'object') {
		throw new NodeOperationError(
			context.getNode(),
			`The upload of "${file.fileName}" returned no attachment, so nothing was sent`,
			{ itemIndex: context.getItemIndex() },
		);
	}
	return response.attachment;
}

/** The ConnectSafely send pipeline (nodes/shared/sendPipeline.ts). */
const connectSafelySends = sendPipeline<Stated>({
	service: 'ConnectSafely',
	// No retryAfter: a ConnectSafely 429 means a LinkedIn daily or weekly quota, so the item fails
	// with the reset time instead of waiting (docs/connectsafely.md#rate-limits).
	async prepare(send) {
		if (send.body?.as !== 'json') return send;
		const attached = send.body.fields.attachments;
		if (!Array.isArray(attached)) return send;
		const files: IDataObject[] = [];
		for (const entry of attached as IDataObject[]) {
			files.push(
				entry.file instanceof Upload
					? { ...entry, file: await uploaded(this, entry.file.file, send.account) }
					: entry,
			);
		}
		return { ...send, body: { as: 'json', fields: { ...send.body.fields, attachments: files } } };
	},
	async findEarlierSend(send, since) {
		const conversationUrn = await conversationOf(this, send);
		if (!conversationUrn) return undefined;
		let cursor: string | undefined;
		for (let page = 0; page < MAX_SKIP_PAGES; page++) {
			const body = await connectSafelyRequest<{
				messages?: Message[];
				hasMore?: boolean;
				cursor?: string | number | null;
			}>(this, 'GET', path`/linkedin/conversations/${conversationUrn}/messages`, {
				qs: { count: 50, accountId: send.account, ...(cursor ? { cursor } : {}) },
				ids: [{ label: 'Conversation', value: conversationUrn }],
			});
			const messages = body.messages ?? [];
			const earlier = messages.find(
				(entry) =>
					entry.isSentByOwner === true && entry.text === send.text && timeOf(entry.sentAt) >= since,
			);
			if (earlier) {
				return {
					conversationUrn,
					messageUrn: earlier.messageUrn ?? null,
					sentAt: earlier.sentAt ?? null,
				};
			}
			const oldest = timeOf(messages[messages.length - 1]?.sentAt);
			const next = body.cursor === null || body.cursor === undefined ? '' : String(body.cursor);
			if (!body.hasMore || !next || next === cursor || !(oldest >= since)) return undefined;
			cursor = next;
		}
		return undefined;
	},
	sentId(json) {
		const sent = json.sentMessage as IDataObject | undefined;
		const id = sent?.messageUrn ?? json.assetUrn ?? json.recipientProfileUrn ?? json.profileUrn;
		return typeof id === 'string' ? id : undefined;
	},
});

/** The default account of a run's key, resolved once per run. */
const defaults = new WeakMap<object, Promise<string>>();

/**
 * The account a send acts as: the one picked, or the key's default account, asked once per run
 * (`GET /linkedin/account/status` without `accountId`, docs/connectsafely.md#the-default-account).
 * Sends name it in `accountId`, so the account that acts is the one paced, whichever way it was
 * given and whichever credential holds the key.
 */
export async function sendingAccount(item: ItemInputs): Promise<string> {
	const picked = item.get(account);
	if (picked) return picked;
	const key = item.context.getExecuteData() ?? item.context;
	let resolved = defaults.get(key);
	if (!resolved) {
		resolved = connectSafelyRequest<{ id?: string }>(
			item.context,
			'GET',
			'/linkedin/account/status',
		).then((status) => status.id ?? '');
		defaults.set(key, resolved);
	}
	const id = await resolved;
	if (!id) {
		item.fail(
			"The key's default account has no ID",
			'Pick the account in "Account": ConnectSafely did not say which account is the default.',
		);
	}
	return id;
}

/** The routing of a ConnectSafely operation that sends; paced per LinkedIn account. */
export function connectSafelySend(
	build: (item: ItemInputs) => ConnectSafelySend | Promise<ConnectSafelySend>,
	kind = MESSAGE,
) {
	return connectSafelySends.routing(async (item) => {
		const send = await build(item);
		const to =
			send.to ??
			(send.conversation ? `conversation ${send.conversation}` : `recipient ${send.recipient}`);
		return { ...send, lane: `connectsafely:${send.account}`, to };
	}, kind);
}

/** The "Attachments" field: uploaded attachments (sent as they are) and files (uploaded when sent). */
export async function attachmentsOf(item: ItemInputs) {
	const { files, uploaded: earlier } = item.get(attachments);
	const checked = await checkFiles(
		item,
		files.map((entry) => entry.binaryProperty),
		{ field: attachments.label },
	);
	return { earlier, files: checked };
}
