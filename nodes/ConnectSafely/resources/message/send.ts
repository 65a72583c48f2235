import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { optionField } from '../../../shared/parameters';
import { optionalFields } from '../../../shared/descriptions';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	account,
	attachments,
	conversationUrn,
	message,
	recipientOf,
	recipientProperties,
	showFor,
	subject,
} from '../../shared/fields';
import { attachmentsOf, connectSafelySends, withAccount } from '../../shared/sending';

const show = showFor('message', 'send');

const messagingChannel = optionField(
	'additionalFields',
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
	},
	z.enum(['auto', 'linkedin_inbox', 'sales_navigator']).optional(),
	'Pick a channel from the list.',
);

/**
 * Message → Send: `POST /linkedin/conversations/send`, the current send endpoint
 * (docs/connectsafely.md#send-a-message).
 */
export const sendOperation: INodePropertyOptions = {
	name: 'Send',
	value: 'send',
	action: 'Send a LinkedIn message to a person',
	description:
		'Send a LinkedIn message to a person, given their profile ID, profile URL or profile URN; continues the conversation with them if there is one. Optional attachments.',
	routing: connectSafelySends.routing(async (item) => {
		const accountId = item.get(account);
		const recipient = recipientOf(item);
		const conversation = item.get(conversationUrn);
		const { uploaded, files } = await attachmentsOf(item);
		const channel = item.get(messagingChannel);
		const subjectLine = item.get(subject);
		return {
			account: accountId,
			url: '/linkedin/conversations/send',
			body: {
				...withAccount(accountId),
				...recipient,
				...(conversation ? { conversationUrn: conversation } : {}),
				message: item.get(message),
				...(subjectLine ? { subject: subjectLine } : {}),
				...(channel ? { messagingChannel: channel } : {}),
				...(uploaded.length ? { attachments: uploaded } : {}),
			},
			files,
			conversation,
			recipient: recipient.recipientProfileId ?? recipient.recipientProfileUrn,
		};
	}),
};

export const sendFields: INodeProperties[] = [
	...recipientProperties(show),
	message.property(show),
	attachments.property(show),
	optionalFields('additionalFields', show, [
		conversationUrn.option,
		messagingChannel.option,
		subject.option,
	]),
	sendingOptionsField(show),
];
