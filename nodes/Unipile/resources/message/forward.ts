import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	accountOf,
	comment,
	destinationChat,
	messageToForward,
	showFor,
	sourceChat,
} from '../../shared/fields';
import { unipileSend } from '../../shared/sending';
import { notOnV1 } from '../../shared/transport';

const show = showFor('message', 'forward');

/**
 * Message → Forward, to another chat with an optional comment (docs/unipile-v2.md#forward-a-message).
 * API v2 only: v1 forwards WhatsApp messages only (docs/unipile-v1.md#what-v1-lacks).
 */
export const forwardOperation: INodePropertyOptions = {
	name: 'Forward',
	value: 'forward',
	action: 'Forward a LinkedIn message to another chat',
	description:
		'Forward a LinkedIn message from one chat to another, optionally with a comment. Returns the new message_id and chat_id.',
	routing: unipileSend((item, version) => {
		if (version === 'v1') {
			notOnV1(
				item,
				'Forward',
				'Unipile v1 forwards WhatsApp messages only. Send the text again with Message → Send in the destination chat.',
			);
		}
		const accountId = accountOf(item, version);
		const from = item.get(sourceChat);
		const messageId = item.get(messageToForward);
		const to = item.get(destinationChat);
		const words = item.get(comment);
		return {
			version,
			account: accountId,
			chat: to,
			text: words,
			url: path`/${accountId}/chats/${from}/messages/${messageId}/forward`,
			json: { chat_id: to, ...(words ? { text: words } : {}) },
			files: [],
		};
	}),
};

export const forwardFields: INodeProperties[] = [
	sourceChat.property(show),
	messageToForward.property(show),
	destinationChat.property(show),
	comment.property(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
