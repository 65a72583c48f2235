import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sendingOptionsField } from '../../../shared/sendingOptions';
import { attachmentsField, inboxLocator, textField, userIdField } from '../../shared/descriptions';
import { sendRouting } from '../../shared/routing';
import { checkStart, START_URL } from './start';

const show = { resource: ['chat'], operation: ['messageOrganization'] };

/** The organization ID as `users_ids`, topic in `specifics.linkedin.classic.company_topic` (§2.3). */
export const messageOrganizationOperation: INodePropertyOptions = {
	name: 'Message Organization',
	value: 'messageOrganization',
	action: 'Message an organization',
	description: 'Start a chat with a company or school page on a topic',
	routing: sendRouting(START_URL, checkStart),
};

export const messageOrganizationFields: INodeProperties[] = [
	inboxLocator(show),
	{
		...userIdField(show, 'Organization ID'),
		placeholder: 'e.g. 1035',
		description: 'The LinkedIn ID of the company or school',
	},
	{
		displayName: 'Topic',
		name: 'companyTopic',
		type: 'options',
		default: 'SERVICE_REQUEST',
		description: 'What the conversation is about',
		displayOptions: { show },
		options: [
			{ name: 'Careers', value: 'CAREERS' },
			{ name: 'Other', value: 'OTHER' },
			{ name: 'Request a Demo', value: 'REQUEST_A_DEMO' },
			{ name: 'Service Request', value: 'SERVICE_REQUEST' },
			{ name: 'Support', value: 'SUPPORT' },
		],
		routing: { send: { type: 'body', property: 'specifics.linkedin.classic.company_topic' } },
	},
	textField(show),
	attachmentsField(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
