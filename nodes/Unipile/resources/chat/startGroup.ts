import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	groupName,
	inbox,
	linkedinApi,
	members,
	showFor,
	text,
} from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'startGroup');

/**
 * Chat → Start Group: `users_ids` as an array means a group (docs/unipile-v2.md#startchatrequest-body);
 * on v1 one `attendees_ids` part per member and the name as `subject` (docs/unipile-v1.md#start-a-chat).
 */
export const startGroupOperation: INodePropertyOptions = {
	name: 'Start Group',
	value: 'startGroup',
	action: 'Start a LinkedIn group chat with several people',
	description:
		'Create a LinkedIn group chat with two or more connections, given their provider IDs, and send the first message. Returns chat_id and message_id.',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const inboxId = item.get(inbox);
		const userIds = item.get(members);
		const name = item.get(groupName);
		const { text: message, files } = await messageContent(item, version);
		const common = { version, account: accountId, text: message, files };
		return version === 'v2'
			? {
					...common,
					url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
					json: { users_ids: userIds, ...(name ? { name } : {}), text: message },
				}
			: {
					...common,
					url: '/chats',
					form: {
						account_id: accountId,
						attendees_ids: userIds,
						subject: name,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
					},
				};
	}),
};

export const startGroupFields: INodeProperties[] = [
	inbox.property(show),
	members.property(show),
	groupName.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
