import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { accountOf, attachments, inbox, recipient, showFor, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'start');

/**
 * Chat → Start: a 1:1 chat and its first message, from a Primary inbox
 * (docs/unipile-v2.md#start-a-chat-from-an-inbox). `users_ids` as one string means 1:1.
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
		const content = await messageContent(item);
		return {
			account: accountId,
			recipient: userId,
			url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
			json: { users_ids: userId, text: content.text },
			files: content.files,
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
