import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	inbox,
	linkedinApi,
	recipient,
	showFor,
	text,
} from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'start');

/**
 * Chat → Start: a 1:1 chat and its first message. v2: from a Primary inbox, `users_ids` as one
 * string means 1:1 (docs/unipile-v2.md#start-a-chat-from-an-inbox). v1: multipart `POST /chats`,
 * the inbox's product as `linkedin[api]` (docs/unipile-v1.md#start-a-chat).
 */
export const startOperation: INodePropertyOptions = {
	name: 'Start',
	value: 'start',
	action: 'Start a LinkedIn chat with one person and send the first message',
	description:
		'Start a 1:1 LinkedIn chat with a connection, given their LinkedIn provider ID, and send the first message. Returns chat_id and message_id. For a chat that already exists, use Message > Send.',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const inboxId = item.get(inbox);
		const userId = item.get(recipient);
		const { text: message, files } = await messageContent(item, version);
		const common = { version, account: accountId, recipient: userId, text: message, files };
		return version === 'v2'
			? {
					...common,
					url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
					json: { users_ids: userId, text: message },
				}
			: {
					...common,
					url: '/chats',
					form: {
						account_id: accountId,
						attendees_ids: userId,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
					},
				};
	}),
};

export const startFields: INodeProperties[] = [
	inbox.property(show),
	recipient.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
