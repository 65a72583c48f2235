import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionalFields } from '../../../shared/descriptions';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	account,
	conversationUrn,
	message,
	recipientOf,
	recipientProperties,
	showFor,
	subject,
} from '../../shared/fields';
import { connectSafelySends, withAccount } from '../../shared/sending';

const show = showFor('message', 'sendWithTyping');

/**
 * Message → Send With Typing Indicator: `POST /linkedin/messaging/send-with-typing`
 * (docs/connectsafely.md#send-with-typing-indicator), deprecated by ConnectSafely in favour of
 * /conversations/send, which shows no typing indicator. The indicator needs the URN of an
 * existing conversation.
 */
export const sendWithTypingOperation: INodePropertyOptions = {
	name: 'Send With Typing Indicator',
	value: 'sendWithTyping',
	action: 'Send a LinkedIn message with a typing indicator',
	description:
		'Show "typing…" in an existing LinkedIn conversation, then send. Uses a deprecated ConnectSafely endpoint; no attachments.',
	routing: connectSafelySends.routing((item) => {
		const accountId = item.get(account);
		const recipient = recipientOf(item);
		const conversation = item.get(conversationUrn);
		const subjectLine = item.get(subject);
		return {
			account: accountId,
			url: '/linkedin/messaging/send-with-typing',
			body: {
				...withAccount(accountId),
				...recipient,
				...(conversation ? { conversationUrn: conversation } : {}),
				message: item.get(message),
				...(subjectLine ? { subject: subjectLine } : {}),
			},
			files: [],
			conversation,
			recipient: recipient.recipientProfileId ?? recipient.recipientProfileUrn,
		};
	}),
};

export const sendWithTypingFields: INodeProperties[] = [
	...recipientProperties(show),
	message.property(show),
	optionalFields('additionalFields', show, [
		{
			...conversationUrn.option,
			description:
				'URN of the existing conversation with this recipient; LinkedIn shows the typing indicator only there',
		},
		subject.option,
	]),
	sendingOptionsField(show),
];
