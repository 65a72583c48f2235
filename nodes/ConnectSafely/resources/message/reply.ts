import type { Operation } from '../../../shared/descriptions';
import { pacingNotice } from '../../../shared/sendingOptions';
import { attachments, conversation, message, sendingOptions } from '../../shared/fields';
import { attachmentsOf, connectSafelySend, sendingAccount, upload } from '../../shared/sending';

/**
 * Message → Reply: `POST /linkedin/conversations/send` with the conversation and no recipient
 * (docs/connectsafely.md#reply-in-a-conversation), files uploaded when sent as in Message → Send.
 * Replies do not count against the daily limit of new conversations.
 */
export const reply: Operation = {
	option: {
		name: 'Reply',
		value: 'reply',
		action: 'Reply in a conversation',
		description:
			'Send a LinkedIn message in an existing conversation, given its conversation URN (e.g. from Get Many Conversations or the trigger). Optional attachments.',
		routing: connectSafelySend(async (item) => {
			const accountId = await sendingAccount(item);
			const conversationId = item.get(conversation);
			const { earlier, files } = await attachmentsOf(item);
			const text = item.get(message);
			const attached = [
				...earlier.map((attachment) => ({ file: attachment })),
				...files.map((file) => ({ file: upload(file) })),
			];
			return {
				account: accountId,
				conversation: conversationId,
				text,
				method: 'POST',
				url: '/linkedin/conversations/send',
				body: {
					as: 'json',
					fields: {
						accountId,
						conversationUrn: conversationId,
						message: text,
						...(attached.length ? { attachments: attached } : {}),
					},
				},
			};
		}),
	},
	fields: [
		conversation.property,
		message.property,
		attachments.property,
		sendingOptions,
		pacingNotice,
	],
};
