import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionalFields } from '../../../shared/descriptions';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	account,
	message,
	recipientOf,
	recipientProperties,
	showFor,
	subject,
} from '../../shared/fields';
import { connectSafelySends, withAccount } from '../../shared/sending';

const show = showFor('message', 'sendInMail');

/**
 * Message → Send InMail: `POST /linkedin/messaging/send` with `messageType: "inmail"`
 * (docs/connectsafely.md#send-an-inmail). ConnectSafely marks it deprecated, but
 * /conversations/send has no InMail option: it is the only documented InMail route.
 */
export const sendInMailOperation: INodePropertyOptions = {
	name: 'Send InMail',
	value: 'sendInMail',
	action: 'Send a LinkedIn InMail to someone you are not connected to',
	description:
		'Send a LinkedIn InMail, using one InMail credit, to a person who is not a connection. Uses a deprecated ConnectSafely endpoint, the only one documented for InMail.',
	routing: connectSafelySends.routing((item) => {
		const accountId = item.get(account);
		const recipient = recipientOf(item);
		const subjectLine = item.get(subject);
		return {
			account: accountId,
			url: '/linkedin/messaging/send',
			body: {
				...withAccount(accountId),
				...recipient,
				message: item.get(message),
				...(subjectLine ? { subject: subjectLine } : {}),
				messageType: 'inmail',
			},
			files: [],
			recipient: recipient.recipientProfileId ?? recipient.recipientProfileUrn,
		};
	}),
};

export const sendInMailFields: INodeProperties[] = [
	...recipientProperties(show),
	message.property(show),
	optionalFields('additionalFields', show, [
		{ ...subject.option, description: 'Subject line of the InMail' },
	]),
	sendingOptionsField(show),
];
