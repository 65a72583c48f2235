import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { field, optionalText, path } from '../../../shared/parameters';
import { base64 } from '../../../shared/request';
import { pacingNotice } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	inbox,
	linkedinApi,
	sendingOptions,
	text,
} from '../../shared/fields';
import { recipientOf } from '../../shared/profiles';
import { messageContent, unipileSend } from '../../shared/sending';

const members = field(
	{
		displayName: 'Member Profile URLs or User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ACoAAB1cD2eF3gH4, https://www.linkedin.com/in/jane-doe/',
		description: "Members' LinkedIn provider IDs or profile URLs, separated by commas",
	},
	// Comma-separated text or an array, trimmed, empty entries dropped.
	z
		.union([z.string(), z.array(z.string())], { invalid_type_error: 'must be a list of IDs' })
		.transform((value) => (Array.isArray(value) ? value : value.split(',')))
		.transform((ids) => ids.map((id) => id.trim()).filter(Boolean))
		.refine((ids) => ids.length >= 2, 'needs at least two IDs'),
	"Enter the members' LinkedIn provider IDs or profile URLs separated by commas. For one person use Chat > Start.",
);

const groupName = field(
	{
		displayName: 'Group Name',
		name: 'groupName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Q3 Partnership',
		description: "Optional; LinkedIn names the group after its members if it's empty",
	},
	optionalText(),
	'Enter a group name, or leave it empty.',
);

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
