import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readParameters } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { attachmentsField, conversationLocator, messageField } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { holdAttachments, sendRouting } from '../../shared/sending';
import { SEND_URL } from './send';

const show = { resource: ['message'], operation: ['reply'] };

/**
 * POST /linkedin/conversations/send with `conversationUrn` and no recipient (connectsafely-api.md
 * §2.1: "Existing conversation URN (skips recipient lookup)"). Replies are not limited by the daily
 * new-conversation quota.
 */
export async function checkReply(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const { account, conversationUrn } = readParameters(this, {
		account: input.account,
		conversationUrn: input.conversation,
		message: input.message,
	});
	const { uploaded, files } = await input.checkAttachments(this);
	const body = {
		...(requestOptions.body as object),
		conversationUrn,
		...(uploaded.length ? { attachments: uploaded } : {}),
	};
	return holdAttachments(input.withAccount({ ...requestOptions, body }, account, 'body'), files);
}

export const replyOperation: INodePropertyOptions = {
	name: 'Reply',
	value: 'reply',
	action: 'Reply in a conversation',
	description: 'Send a message in an existing conversation, with optional attachments',
	routing: sendRouting(SEND_URL, checkReply),
};

export const replyFields: INodeProperties[] = [
	conversationLocator(show, 'The conversation to reply in'),
	messageField(show),
	attachmentsField(show),
	sendingOptionsField(show),
];
