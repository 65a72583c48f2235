import type { Operation } from '../../../shared/descriptions';
import { optionalFields } from '../../../shared/descriptions';
import { pacingNotice } from '../../../shared/sendingOptions';
import {
	deprecatedNotice,
	message,
	recipientFields,
	recipientOf,
	sendingOptions,
	subject,
} from '../../shared/fields';
import { connectSafelySend, sendingAccount } from '../../shared/sending';

/**
 * Message → Send InMail: `POST /linkedin/messaging/send` with `messageType: "inmail"`
 * (docs/connectsafely.md#send-an-inmail). ConnectSafely marks it deprecated, but
 * /conversations/send has no InMail option: it is the only documented InMail route.
 */
export const sendInMail: Operation = {
	option: {
		name: 'Send InMail',
		value: 'sendInMail',
		action: 'Send an InMail',
		description:
			'Send a LinkedIn InMail, using one InMail credit, to a person who is not a connection. Uses a deprecated ConnectSafely endpoint, the only one documented for InMail.',
		routing: connectSafelySend(async (item) => {
			const accountId = await sendingAccount(item);
			const recipient = recipientOf(item);
			const subjectLine = item.get(subject);
			const text = item.get(message);
			return {
				account: accountId,
				recipient: recipient.recipientProfileId ?? recipient.recipientProfileUrn,
				text,
				method: 'POST',
				url: '/linkedin/messaging/send',
				body: {
					as: 'json',
					fields: {
						accountId,
						...recipient,
						message: text,
						...(subjectLine ? { subject: subjectLine } : {}),
						messageType: 'inmail',
					},
				},
			};
		}),
	},
	fields: [
		deprecatedNotice,
		...recipientFields,
		message.property,
		optionalFields('additionalFields', [
			{ ...subject.option, description: 'Subject line of the InMail' },
		]),
		sendingOptions,
		pacingNotice,
	],
};
