import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { field, path, requiredText } from '../../../shared/parameters';
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

const organization = field(
	{
		displayName: 'Organization ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1035',
		description: 'The LinkedIn ID of the company or school',
	},
	requiredText(),
	'Enter the LinkedIn ID of the company or school page.',
);

/** v2 topic → v1 `linkedin[topic]` (docs/unipile-v1.md#linkedin-options). */
const COMPANY_TOPICS = {
	CAREERS: 'careers',
	OTHER: 'other',
	REQUEST_A_DEMO: 'request_demo',
	SERVICE_REQUEST: 'service_request',
	SUPPORT: 'support',
} as const;
const TOPICS = Object.keys(COMPANY_TOPICS) as Array<keyof typeof COMPANY_TOPICS>;
const companyTopic = field(
	{
		displayName: 'Topic',
		name: 'companyTopic',
		type: 'options',
		default: 'SERVICE_REQUEST',
		description: 'What the conversation is about',
		options: [
			{ name: 'Careers', value: 'CAREERS' },
			{ name: 'Other', value: 'OTHER' },
			{ name: 'Request a Demo', value: 'REQUEST_A_DEMO' },
			{ name: 'Service Request', value: 'SERVICE_REQUEST' },
			{ name: 'Support', value: 'SUPPORT' },
		],
	},
	z.enum(TOPICS as [keyof typeof COMPANY_TOPICS], {
		errorMap: () => ({ message: `must be one of ${TOPICS.join(', ')}` }),
	}),
	'Pick a topic from the list.',
);

/**
 * Chat → Message Organization: the organization ID as the recipient, the topic in
 * `specifics.linkedin.classic.company_topic` on v2 (docs/unipile-v2.md#linkedin-specifics), as
 * `linkedin[topic]` on v1 (docs/unipile-v1.md#start-a-chat).
 */
export const messageOrganization: Operation = {
	option: {
		name: 'Message Organization',
		value: 'messageOrganization',
		action: 'Message a company page',
		description:
			'Start a LinkedIn chat with a company or school page on a topic. Returns chat_id and message_id.',
		routing: unipileSend(async (item, version) => {
			const account = accountOf(item, version);
			const inboxId = item.get(inbox);
			const organizationId = item.get(organization);
			const topic = item.get(companyTopic);
			const { text: message, files } = await messageContent(item, version);
			const common = {
				version,
				account,
				recipient: organizationId,
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
							users_ids: organizationId,
							text: message,
							specifics: { linkedin: { classic: { company_topic: topic } } },
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
						attendees_ids: organizationId,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
						'linkedin[topic]': COMPANY_TOPICS[topic],
						attachments: files.map(({ file }) => file),
					},
				},
			};
		}),
	},
	fields: [
		inbox.property,
		organization.property,
		companyTopic.property,
		text.property,
		attachments.property,
		sendingOptions,
		pacingNotice,
	],
};
