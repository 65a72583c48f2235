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
	action: 'Start a chat',
	description: 'Start a 1:1 chat with a LinkedIn user and send the first message',
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
