import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { optionalFields } from '../../../shared/descriptions';
import { readParameters } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	attachmentsField,
	conversationUrnOption,
	messageField,
	recipientFields,
	subjectOption,
} from '../../shared/descriptions';
import * as input from '../../shared/input';
import { holdAttachments, sendRouting } from '../../shared/sending';

const show = { resource: ['message'], operation: ['send'] };

/** POST /linkedin/conversations/send — the current send endpoint (connectsafely-api.md §2.1). */
export const SEND_URL = '/linkedin/conversations/send';

/** Recipient (exactly one of ID/URL and URN), message, optional conversation, attachments. */
export async function checkSend(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const { account } = readParameters(this, { account: input.account, message: input.message });
	const recipient = input.readRecipientAndConversation(this);
	const { uploaded, files } = await input.checkAttachments(this);
	const body = {
		...(requestOptions.body as object),
		...recipient,
		...(uploaded.length ? { attachments: uploaded } : {}),
	};
	return holdAttachments(input.withAccount({ ...requestOptions, body }, account, 'body'), files);
}

export const sendOperation: INodePropertyOptions = {
	name: 'Send',
	value: 'send',
	action: 'Send a message',
	description: 'Send a message to a LinkedIn profile, with optional attachments',
	routing: sendRouting(SEND_URL, checkSend),
};

export const sendFields: INodeProperties[] = [
	...recipientFields(show),
	messageField(show),
	attachmentsField(show),
	optionalFields('additionalFields', show, [
		conversationUrnOption,
		{
			displayName: 'Messaging Channel',
			name: 'messagingChannel',
			type: 'options',
			default: 'auto',
			description: 'Which LinkedIn inbox sends the message',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description: 'Sales Navigator for accounts that have it, otherwise the LinkedIn inbox',
				},
				{
					name: 'LinkedIn Inbox',
					value: 'linkedin_inbox',
					description: 'The standard LinkedIn inbox, even on a Sales Navigator account',
				},
				{
					name: 'Sales Navigator',
					value: 'sales_navigator',
					description: 'Sales Navigator; fails if the account has no Sales Navigator',
				},
			],
			routing: { send: { type: 'body', property: 'messagingChannel' } },
		},
		subjectOption,
	]),
	sendingOptionsField(show),
];
