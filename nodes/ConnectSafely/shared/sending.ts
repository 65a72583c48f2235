import type { IDataObject, IExecutePaginationFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { BinaryFile } from '../../shared/binary';
import { createDelivery, heldUntilSend, sendRoutingWith } from '../../shared/delivery';
import { connectSafelyRequest, uploadAttachment } from './transport';

interface Message {
	messageUrn?: string;
	text?: string | null;
	sentAt?: number | string;
	isSentByOwner?: boolean;
}

/** Files checked by a send's preSend, read and uploaded by `prepare`. */
const pendingUploads = heldUntilSend<BinaryFile[]>();

export function holdAttachments(
	request: IHttpRequestOptions,
	files: BinaryFile[],
): IHttpRequestOptions {
	return files.length ? pendingUploads.hold(request, files) : request;
}

function text(body: IDataObject, key: string): string | undefined {
	const value = body[key];
	return typeof value === 'string' && value ? value : undefined;
}

function timeOf(value: number | string | undefined): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
	return NaN;
}

/**
 * The conversation a send goes to: its Conversation URN, or the recipient's existing conversation
 * (`GET /linkedin/conversations/exists/{profileId}`, connectsafely-api.md §2.6).
 */
async function conversationOf(
	context: IExecutePaginationFunctions,
	body: IDataObject,
	accountId: string | undefined,
): Promise<string | undefined> {
	const known = text(body, 'conversationUrn');
	if (known) return known;
	const recipient = text(body, 'recipientProfileId') ?? text(body, 'recipientProfileUrn');
	if (!recipient) return undefined;
	const found = await connectSafelyRequest<{
		hasConversation?: boolean;
		conversationUrn?: string | null;
	}>(context, 'GET', `/linkedin/conversations/exists/${encodeURIComponent(recipient)}`, {
		qs: { accountId },
		ids: [{ label: 'Recipient Profile ID or URL', value: recipient }],
	});
	return found.hasConversation && found.conversationUrn ? found.conversationUrn : undefined;
}

export const deliverConnectSafely = createDelivery({
	service: 'ConnectSafely',
	// No retryAfter: a ConnectSafely 429 means a LinkedIn daily/weekly quota, so the item fails
	// with the reset time instead of waiting (connectsafely-api.md §5.1).
	async prepare(request) {
		const files = pendingUploads.get(request);
		if (!files) return request;
		const body = request.body as IDataObject;
		const accountId = text(body, 'accountId');
		const attachments = [...((body.attachments as IDataObject[] | undefined) ?? [])];
		for (const file of files) {
			const data = await this.helpers.getBinaryDataBuffer(file.property);
			attachments.push({ file: await uploadAttachment(this, { ...file, data }, accountId) });
		}
		return { ...request, body: { ...body, attachments } };
	},
	async findEarlierSend(request, windowHours) {
		const body = (request.body ?? {}) as IDataObject;
		const message = text(body, 'message');
		if (!message) return undefined;
		const accountId = text(body, 'accountId');
		const conversationUrn = await conversationOf(this, body, accountId);
		if (!conversationUrn) return undefined;
		const page = await connectSafelyRequest<{ messages?: Message[] }>(
			this,
			'GET',
			`/linkedin/conversations/${encodeURIComponent(conversationUrn)}/messages`,
			{ qs: { count: 20, accountId }, ids: [{ label: 'Conversation', value: conversationUrn }] },
		);
		const since = Date.now() - windowHours * 3600 * 1000;
		const earlier = (page.messages ?? []).find(
			(entry) =>
				entry.isSentByOwner === true && entry.text === message && timeOf(entry.sentAt) >= since,
		);
		if (!earlier) return undefined;
		return {
			conversationUrn,
			messageUrn: earlier.messageUrn ?? null,
			sentAt: earlier.sentAt ?? null,
		};
	},
});

/** Routing of a send: the shared delivery (nodes/shared/delivery.ts). */
export const sendRouting = sendRoutingWith(deliverConnectSafely);
