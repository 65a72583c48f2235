import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	accountOf,
	applicantId,
	applicantUser,
	attachments,
	inbox,
	linkedinApi,
	messagingToken,
	showFor,
	text,
} from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'messageApplicant');

/**
 * Chat → Message Applicant, without an InMail credit: v2 `specifics.linkedin.classic.applicant`
 * (docs/unipile-v2.md#linkedin-specifics), v1 `linkedin[applicant_id]` (docs/unipile-v1.md#start-a-chat).
 */
export const messageApplicantOperation: INodePropertyOptions = {
	name: 'Message Applicant',
	value: 'messageApplicant',
	action: 'Message an applicant to one of your LinkedIn job postings',
	description:
		'Start a LinkedIn chat with an applicant to one of your job postings, without an InMail credit. Returns chat_id and message_id.',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const inboxId = item.get(inbox);
		const userId = item.get(applicantUser);
		const id = item.get(applicantId);
		const { text: message, files } = await messageContent(item, version);
		const common = { version, account: accountId, recipient: userId, text: message, files };
		if (version === 'v1') {
			return {
				...common,
				url: '/chats',
				form: {
					account_id: accountId,
					attendees_ids: userId,
					text: message,
					'linkedin[api]': linkedinApi(item, inboxId),
					'linkedin[applicant_id]': id,
				},
			};
		}
		const token = item.get(messagingToken);
		if (!token) {
			item.fail(
				'The "Messaging Token" parameter is empty',
				`${messagingToken.hint} API v2 needs it.`,
			);
		}
		return {
			...common,
			url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
			json: {
				users_ids: userId,
				text: message,
				specifics: { linkedin: { classic: { applicant: { id, messaging_token: token } } } },
			},
		};
	}),
};

export const messageApplicantFields: INodeProperties[] = [
	inbox.property(show),
	applicantUser.property(show),
	applicantId.property(show),
	messagingToken.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
