import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { createDelivery, type Request } from '../../shared/delivery';
import { retryAfterOf } from './errors';
import { encodeBody } from './input';
import { unipileRequest } from './transport';

interface Message {
	text?: string | null;
	is_sender?: boolean;
	timestamp?: string;
	id?: string;
}

/** A parameter's value, or '' when the operation does not have it. */
function parameter(context: IExecuteSingleFunctions, name: string): string {
	if (!(name in context.getNode().parameters)) return '';
	return String(context.getNodeParameter(name, '', { extractValue: true }) ?? '');
}

function textOf(request: Request): string {
	const body = request.body as IDataObject | undefined;
	return typeof body?.text === 'string' ? body.text : '';
}

/** Typing lasts about as long as a person would take: 1 s + 40 ms per character, 8 s at most. */
export function typingDelayMs(text: string) {
	return Math.min(8000, 1000 + 40 * text.length);
}

/**
 * Chats to look in: the destination (Forward) or chosen chat, else the recipient's existing chats
 * (GET /v2/{account_id}/users/{user_id}/chat, unipile-api.md §2.2).
 */
async function chatsToCheck(
	context: IExecutePaginationFunctions,
	account: string,
): Promise<string[]> {
	const chat = parameter(context, 'destinationChat') || parameter(context, 'chat');
	if (chat) return [chat];
	const userId = parameter(context, 'userId');
	if (!userId) return [];
	const found = await unipileRequest<{ data?: Array<{ chat_id?: string }> }>(
		context,
		'GET',
		`/${encodeURIComponent(account)}/users/${encodeURIComponent(userId)}/chat`,
	);
	return (found.data ?? []).map((match) => match.chat_id).filter((id): id is string => Boolean(id));
}

export const deliverUnipile = createDelivery({
	service: 'Unipile',
	retryAfter: retryAfterOf,
	async prepare(request) {
		return await encodeBody(this, request);
	},
	async beforeSend(request) {
		const account = parameter(this, 'account');
		const chat = parameter(this, 'chat');
		await unipileRequest(
			this,
			'POST',
			`/${encodeURIComponent(account)}/chats/${encodeURIComponent(chat)}/composing`,
			{
				qs: { action: 'typing' },
			},
		);
		await sleep(typingDelayMs(textOf(request)));
	},
	async findEarlierSend(request, windowHours) {
		const text = textOf(request);
		if (!text) return undefined;
		const account = parameter(this, 'account');
		const since = Date.now() - windowHours * 3600 * 1000;
		for (const chat of await chatsToCheck(this, account)) {
			const page = await unipileRequest<{ data?: Message[] }>(
				this,
				'GET',
				`/${encodeURIComponent(account)}/chats/${encodeURIComponent(chat)}/messages`,
				{ qs: { limit: 20 } },
			);
			const earlier = (page.data ?? []).find(
				(message) =>
					message.is_sender &&
					message.text === text &&
					Date.parse(message.timestamp ?? '') >= since,
			);
			if (earlier)
				return {
					chat_id: chat,
					message_id: earlier.id ?? null,
					timestamp: earlier.timestamp ?? null,
				};
		}
		return undefined;
	},
});

/**
 * Send responses carry `message_id` as a string, an array (files sent separately) or null
 * (unipile-api.md §2.3): output both the first ID and the full list.
 */
export async function normalizeSent(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const { message_id: raw, ...rest } = item.json;
		const ids = (Array.isArray(raw) ? raw : [raw]).filter(
			(id): id is string => typeof id === 'string' && id.length > 0,
		);
		return { json: { ...rest, message_id: ids[0] ?? null, message_ids: ids } };
	});
}
