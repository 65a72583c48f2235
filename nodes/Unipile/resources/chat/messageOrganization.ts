import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	companyTopic,
	inbox,
	organization,
	showFor,
	text,
} from '../../shared/fields';
import { messageContent, unipileSend } from '../../shared/sending';

const show = showFor('chat', 'messageOrganization');

/**
 * Chat → Message Organization: the organization ID as `users_ids`, the topic in
 * `specifics.linkedin.classic.company_topic` (docs/unipile-v2.md#linkedin-specifics).
 */
export const messageOrganizationOperation: INodePropertyOptions = {
	name: 'Message Organization',
	value: 'messageOrganization',
	action: 'Message an organization',
	description: 'Start a chat with a company or school page on a topic',
	routing: unipileSend(async (item, version) => {
		const accountId = accountOf(item, version);
		const inboxId = item.get(inbox);
		const organizationId = item.get(organization);
		const topic = item.get(companyTopic);
		const content = await messageContent(item);
		return {
			account: accountId,
			recipient: organizationId,
			url: path`/${accountId}/inboxes/${inboxId}/chats/send`,
			json: {
				users_ids: organizationId,
				text: content.text,
				specifics: { linkedin: { classic: { company_topic: topic } } },
			},
			files: content.files,
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
