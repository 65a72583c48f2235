import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sendingOptionsField } from '../../../shared/sendingOptions';
import { account, attachments, conversation, message, showFor } from '../../shared/fields';
import { attachmentsOf, connectSafelySends, withAccount } from '../../shared/sending';

const show = showFor('message', 'reply');

/**
 * Message → Reply: `POST /linkedin/conversations/send` with the conversation and no recipient
 * (docs/connectsafely.md#reply-in-a-conversation). Replies do not count against the daily limit
 * of new conversations.
 */
export const replyOperation: INodePropertyOptions = {
	name: 'Reply',
	value: 'reply',
	action: 'Reply in a LinkedIn conversation',
	description:
		'Send a LinkedIn message in an existing conversation, given its conversation URN (e.g. from Get Many Conversations or the trigger). Optional attachments.',
	routing: connectSafelySends.routing(async (item) => {
		const accountId = item.get(account);
		const conversationId = item.get(conversation);
		const { uploaded, files } = await attachmentsOf(item);
		return {
			account: accountId,
			url: '/linkedin/conversations/send',
			body: {
				...withAccount(accountId),
				conversationUrn: conversationId,
				message: item.get(message),
				...(uploaded.length ? { attachments: uploaded } : {}),
			},
			files,
			conversation: conversationId,
		};
	}),
};

export const replyFields: INodeProperties[] = [
	conversation.property(show),
	message.property(show),
	attachments.property(show),
	sendingOptionsField(show),
];
