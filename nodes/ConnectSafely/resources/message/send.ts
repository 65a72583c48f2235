import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { optionalFields } from '../../../shared/descriptions';
import { optionField } from '../../../shared/parameters';
import { pacingNotice } from '../../../shared/sendingOptions';
import {
	attachments,
	conversationUrn,
	message,
	recipientFields,
	recipientOf,
	sendingOptions,
	subject,
} from '../../shared/fields';
import { attachmentsOf, connectSafelySend, sendingAccount, upload } from '../../shared/sending';

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
 * Message → Send: `POST /linkedin/conversations/send`, the current send endpoint, JSON; each file
 * is uploaded when the item is sent and goes in `attachments` as `{file: <attachment>}`
 * (docs/connectsafely.md#send-a-message, docs/connectsafely.md#attachments-in-a-send).
 */
export const send: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message',
		description:
			'Send a LinkedIn message to a person, given their profile ID, profile URL or profile URN; continues the conversation with them if there is one. Optional attachments.',
		routing: connectSafelySend(async (item) => {
			const accountId = await sendingAccount(item);
			const recipient = recipientOf(item);
			const conversation = item.get(conversationUrn);
			const { earlier, files } = await attachmentsOf(item);
			const channel = item.get(messagingChannel);
			const subjectLine = item.get(subject);
			const text = item.get(message);
			const attached = [
				...earlier.map((attachment) => ({ file: attachment })),
				...files.map((file) => ({ file: upload(file) })),
			];
			return {
				account: accountId,
				conversation,
				recipient: recipient.recipientProfileId ?? recipient.recipientProfileUrn,
				text,
				method: 'POST',
				url: '/linkedin/conversations/send',
				body: {
					as: 'json',
					fields: {
						accountId,
						...recipient,
						...(conversation ? { conversationUrn: conversation } : {}),
						message: text,
						...(subjectLine ? { subject: subjectLine } : {}),
						...(channel ? { messagingChannel: channel } : {}),
						...(attached.length ? { attachments: attached } : {}),
					},
				},
			};
		}),
	},
	fields: [
		...recipientFields,
		message.property,
		attachments.property,
		optionalFields('additionalFields', [
			conversationUrn.option,
			messagingChannel.option,
			subject.option,
		]),
		sendingOptions,
		pacingNotice,
	],
};
