import type { Operation } from '../../../shared/descriptions';
import { optionalFields } from '../../../shared/descriptions';
import { pacingNotice } from '../../../shared/sendingOptions';
import {
	conversationUrn,
	deprecatedNotice,
	message,
	recipientFields,
	recipientOf,
	sendingOptions,
	subject,
} from '../../shared/fields';
import { connectSafelySend, sendingAccount } from '../../shared/sending';

/**
 * Message → Send With Typing Indicator: `POST /linkedin/messaging/send-with-typing`
 * (docs/connectsafely.md#send-with-typing-indicator), deprecated by ConnectSafely in favour of
 * /conversations/send, which shows no typing indicator. The indicator needs the URN of an
 * existing conversation.
 */
export const sendWithTyping: Operation = {
	option: {
		name: 'Send With Typing Indicator',
		value: 'sendWithTyping',
		action: 'Send a message with typing',
		description:
			'(Deprecated by ConnectSafely) Show "typing…" in an existing LinkedIn conversation, then send. No attachments.',
		routing: connectSafelySend(async (item) => {
			const accountId = await sendingAccount(item);
			const recipient = recipientOf(item);
			const conversation = item.get(conversationUrn);
			const subjectLine = item.get(subject);
			const text = item.get(message);
			return {
				account: accountId,
				conversation,
				recipient: recipient.recipientProfileId ?? recipient.recipientProfileUrn,
				text,
				method: 'POST',
				url: '/linkedin/messaging/send-with-typing',
				body: {
					as: 'json',
					fields: {
						accountId,
						...recipient,
						...(conversation ? { conversationUrn: conversation } : {}),
						message: text,
						...(subjectLine ? { subject: subjectLine } : {}),
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
			{
				...conversationUrn.option,
				description:
					'URN of the existing conversation with this recipient; LinkedIn shows the typing indicator only there',
			},
			subject.option,
		]),
		sendingOptions,
		pacingNotice,
	],
};
