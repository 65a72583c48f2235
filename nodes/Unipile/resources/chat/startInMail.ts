import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { accountOf, attachments, inbox, recipient, showFor, text } from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'startInMail');

/**
 * Chat → Start with InMail: Start with `specifics.linkedin.classic.inmail` (docs/unipile-v2.md#linkedin-specifics).
 * Some guides show an older `options` key; the spec's field is `specifics`.
 */
export const startInMailOperation: INodePropertyOptions = {
	name: 'Start with InMail',
	value: 'startInMail',
	action: 'Start a chat with an InMail',
	description: 'Message someone you are not connected to; uses one InMail credit',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const inboxId = item.get(inbox);
		const userId = item.get(recipient);
		const content = await messageContent(item);
		return {
			account: accountId,
			recipient: userId,
			url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
			json: {
				users_ids: userId,
				text: content.text,
				specifics: { linkedin: { classic: { inmail: true } } },
			},
			files: content.files,
		};
	}),
};

export const startInMailFields: INodeProperties[] = [
	inbox.property(show),
	recipient.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
