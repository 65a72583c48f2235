import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	COMPANY_TOPICS,
	companyTopic,
	inbox,
	linkedinApi,
	organization,
	showFor,
	text,
} from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'messageOrganization');

/**
 * Chat → Message Organization: the organization ID as the recipient, the topic in
 * `specifics.linkedin.classic.company_topic` on v2 (docs/unipile-v2.md#linkedin-specifics), in
 * as `linkedin[topic]` on v1 (docs/unipile-v1.md#start-a-chat).
 */
export const messageOrganizationOperation: INodePropertyOptions = {
	name: 'Message Organization',
	value: 'messageOrganization',
	action: 'Message a LinkedIn company or school page',
	description:
		'Start a LinkedIn chat with a company or school page on a topic. Returns chat_id and message_id.',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const inboxId = item.get(inbox);
		const organizationId = item.get(organization);
		const topic = item.get(companyTopic);
		const { text: message, files } = await messageContent(item, version);
		const common = { version, account: accountId, recipient: organizationId, text: message, files };
		return version === 'v2'
			? {
					...common,
					url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
					json: {
						users_ids: organizationId,
						text: message,
						specifics: { linkedin: { classic: { company_topic: topic } } },
					},
				}
			: {
					...common,
					url: '/chats',
					form: {
						account_id: accountId,
						attendees_ids: organizationId,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
						'linkedin[topic]': COMPANY_TOPICS[topic],
					},
				};
	}),
};

export const messageOrganizationFields: INodeProperties[] = [
	inbox.property(show),
	organization.property(show),
	companyTopic.property(show),
	text.property(show),
	attachments.property(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
