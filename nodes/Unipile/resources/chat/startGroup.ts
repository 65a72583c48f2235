import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { base64 } from '../../../shared/request';
import { pacingNotice } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	groupName,
	inbox,
	linkedinApi,
	members,
	sendingOptions,
	text,
} from '../../shared/fields';
import { recipientOf } from '../../shared/profiles';
import { messageContent, unipileSend } from '../../shared/sending';

/**
 * Chat → Start Group: `users_ids` as an array means a group (docs/unipile-v2.md#startchatrequest-body);
 * on v1 one `attendees_ids` part per member and the name as `subject` (docs/unipile-v1.md#start-a-chat).
 */
export const startGroup: Operation = {
	option: {
		name: 'Start Group',
		value: 'startGroup',
		action: 'Start a group chat',
		description:
			'Create a LinkedIn group chat with two or more connections, given their provider IDs or profile URLs, and send the first message. Returns chat_id and message_id.',
		routing: unipileSend(async (item, version) => {
			const account = accountOf(item, version);
			const inboxId = item.get(inbox);
			const inputs = item.get(members);
			const name = item.get(groupName);
			const { text: message, files } = await messageContent(item, version);
			const userIds: string[] = [];
			for (const input of inputs)
				userIds.push(await recipientOf(item, members, input, version, account, inboxId));
			const common = {
				version,
				account,
				to: `a group with ${userIds.join(', ')}`,
				text: message,
				method: 'POST' as const,
			};
			if (version === 'v2') {
				return {
					...common,
					url: path`/${account}/inboxes/${inboxId}/chats/send`,
					body: {
						as: 'json',
						fields: {
							users_ids: userIds,
							...(name ? { name } : {}),
							text: message,
							...(files.length
								? {
										attachments: files.map(({ file, sendMode }) => ({
											content: base64(file),
											content_type: file.mimeType,
											filename: file.fileName,
											send_mode: sendMode,
										})),
									}
								: {}),
						},
					},
				};
			}
			return {
				...common,
				url: '/chats',
				body: {
					as: 'multipart',
					fields: {
						account_id: account,
						attendees_ids: userIds,
						subject: name,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
						attachments: files.map(({ file }) => file),
					},
				},
			};
		}),
	},
	fields: [
		inbox.property,
		members.property,
		groupName.property,
		text.property,
		attachments.property,
		sendingOptions,
		pacingNotice,
	],
};
