import type { Operation } from '../../../shared/descriptions';
import { field, optionalText, path, requiredText } from '../../../shared/parameters';
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
import { messageContent, unipileSend } from '../../shared/sending';

const applicantUser = field(
	{
		displayName: 'Applicant User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ACoAAB1cD2eF3gH4',
		description: "The applicant's LinkedIn provider ID",
	},
	requiredText(),
	"Map the applicant's LinkedIn provider ID from the applicant record.",
);

const APPLICANT_HINT =
	'Map it from the applicant returned by GET /linkedin/jobs/{job_id}/applicants/{applicant_id}.';
const applicantId = field(
	{
		displayName: 'Applicant ID',
		name: 'applicantId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1234567890',
		description: 'The ID of the job applicant',
	},
	requiredText(),
	APPLICANT_HINT,
);
const messagingToken = field(
	{
		displayName: 'Messaging Token',
		name: 'messagingToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: 'e.g. 2-MTYzOTA5...',
		description:
			'(API v2 only) The "messaging_token" of the job applicant; API v1 does not need it and it is not sent there',
	},
	optionalText(),
	APPLICANT_HINT,
);

/**
 * Chat → Message Applicant, without an InMail credit: v2 `specifics.linkedin.classic.applicant`
 * (docs/unipile-v2.md#linkedin-specifics), v1 `linkedin[applicant_id]` (docs/unipile-v1.md#start-a-chat).
 */
export const messageApplicant: Operation = {
	option: {
		name: 'Message Applicant',
		value: 'messageApplicant',
		action: 'Message a job applicant',
		description:
			'Start a LinkedIn chat with an applicant to one of your job postings, without an InMail credit. Returns chat_id and message_id.',
		routing: unipileSend(async (item, version) => {
			const account = accountOf(item, version);
			const inboxId = item.get(inbox);
			const userId = item.get(applicantUser);
			const id = item.get(applicantId);
			const { text: message, files } = await messageContent(item, version);
			const common = {
				version,
				account,
				recipient: userId,
				text: message,
				method: 'POST' as const,
			};
			if (version === 'v1') {
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
							'linkedin[applicant_id]': id,
							attachments: files.map(({ file }) => file),
						},
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
				url: path`/${account}/inboxes/${inboxId}/chats/send`,
				body: {
					as: 'json',
					fields: {
						users_ids: userId,
						text: message,
						specifics: { linkedin: { classic: { applicant: { id, messaging_token: token } } } },
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
		}),
	},
	fields: [
		inbox.property,
		applicantUser.property,
		applicantId.property,
		messagingToken.property,
		text.property,
		attachments.property,
		sendingOptions,
		pacingNotice,
	],
};
