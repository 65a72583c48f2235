import type { Operation } from '../../../shared/descriptions';
import { optionalFields } from '../../../shared/descriptions';
import { optionalText, optionField, path } from '../../../shared/parameters';
import { base64 } from '../../../shared/request';
import { pacingNotice } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	inbox,
	linkedinApi,
	recipient,
	sendingOptions,
	text,
} from '../../shared/fields';
import { recipientOf } from '../../shared/profiles';
import { messageContent, unipileSend } from '../../shared/sending';
import {
	productOptions,
	RECRUITER,
	SALES_NAVIGATOR,
	signature,
	subjectField,
} from '../../shared/subjects';

/** The pending invitation the recipient sent (docs/unipile-v2.md#start-a-chat-with-a-pending-relation-request). */
const pendingInvitation = optionField(
	'additionalFields',
	{
		displayName: 'Pending Invitation ID',
		name: 'invitationId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7449262477600571393',
		description:
			'Needed to write to someone whose invitation you have neither accepted nor declined: its ID, from Invitation > Get Many (type Received), or invitation_id from User > Get Profile on API v2',
	},
	optionalText(),
	'Map the ID of the invitation they sent, e.g. from Invitation > Get Many (type Received).',
);
const startAdditionalFields = optionalFields('additionalFields', [pendingInvitation.option]);

/** Shown for the inboxes whose starts take a subject on both versions. */
const productSubject = subjectField({ show: { inbox: [SALES_NAVIGATOR, RECRUITER] } });

/**
 * Chat → Start: a 1:1 chat and its first message. v2: from a Primary inbox, `users_ids` as one
 * string means 1:1 (docs/unipile-v2.md#start-a-chat-from-an-inbox), files base64 in `attachments`.
 * v1: multipart `POST /chats`, the inbox's product as `linkedin[api]`, files as `attachments` parts
 * (docs/unipile-v1.md#start-a-chat). A pending invitation from the recipient goes as
 * `specifics.linkedin.classic.relation_request_id` (docs/unipile-v2.md#start-a-chat-with-a-pending-relation-request)
 * or `linkedin[invitation_id]` (docs/unipile-v1.md#start-a-chat-with-a-pending-invitation). From
 * Sales Navigator or Recruiter, with that product's subject (docs/unipile-v2.md#inmail-subjects).
 */
export const start: Operation = {
	option: {
		name: 'Start',
		value: 'start',
		action: 'Start a chat',
		description:
			'Start a 1:1 LinkedIn chat with a connection, given their profile URL (linkedin.com/in/…), public identifier or provider ID, and send the first message. Returns chat_id and message_id. For a chat that already exists, use Message > Send. For someone whose invitation the account has not answered, set "Pending Invitation ID".',
		routing: unipileSend(async (item, version) => {
			const account = accountOf(item, version);
			const inboxId = item.get(inbox);
			const input = item.get(recipient);
			const { text: message, files } = await messageContent(item, version);
			const { specifics, form } = productOptions(item, version, inboxId, {
				subject: productSubject,
				inmail: false,
				invitation: item.get(pendingInvitation),
			});
			const userId = await recipientOf(item, recipient, input, version, account, inboxId);
			const common = {
				version,
				account,
				recipient: userId,
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
							users_ids: userId,
							text: message,
							...(specifics ? { specifics } : {}),
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
						attendees_ids: userId,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
						...form,
						attachments: files.map(({ file }) => file),
					},
				},
			};
		}),
	},
	fields: [
		inbox.property,
		recipient.property,
		productSubject.property,
		text.property,
		signature.property,
		attachments.property,
		startAdditionalFields,
		sendingOptions,
		pacingNotice,
	],
};
