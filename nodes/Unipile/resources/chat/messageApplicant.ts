import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	accountOf,
	applicantId,
	applicantUser,
	attachments,
	inbox,
	messagingToken,
	showFor,
	text,
} from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'messageApplicant');

/**
 * Chat → Message Applicant: Start with `specifics.linkedin.classic.applicant`, no InMail credit
 * (docs/unipile-v2.md#linkedin-specifics).
 */
export const messageApplicantOperation: INodePropertyOptions = {
	name: 'Message Applicant',
	value: 'messageApplicant',
	action: 'Message a job applicant',
	description:
		'Start a chat with an applicant to one of your job postings, without an InMail credit',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const inboxId = item.get(inbox);
		const userId = item.get(applicantUser);
		const applicant = { id: item.get(applicantId), messaging_token: item.get(messagingToken) };
		const content = await messageContent(item);
		return {
			account: accountId,
			recipient: userId,
			url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
			json: {
				users_ids: userId,
				text: content.text,
				specifics: { linkedin: { classic: { applicant } } },
			},
			files: content.files,
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
