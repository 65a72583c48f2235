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

const show = showFor('chat', 'startInMail');

/**
 * Chat → Start with InMail: Start with `specifics.linkedin.classic.inmail` on v2
 * (docs/unipile-v2.md#linkedin-specifics; some guides show an older `options` key, the spec's
 * field is `specifics`), `linkedin[inmail]=true` on v1 (docs/unipile-v1.md#start-a-chat).
 */
export const startInMailOperation: INodePropertyOptions = {
	name: 'Start with InMail',
	value: 'startInMail',
	action: 'Send a LinkedIn InMail to someone you are not connected to',
	description:
		'Start a LinkedIn chat with an InMail, for a person who is not a connection; uses one InMail credit. Returns chat_id and message_id.',
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
					json: {
						users_ids: userId,
						text: message,
						specifics: { linkedin: { classic: { inmail: true } } },
					},
				}
			: {
					...common,
					url: '/chats',
					form: {
						account_id: accountId,
						attendees_ids: userId,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
						'linkedin[inmail]': 'true',
					},
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
