import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { optionalFields } from '../../../shared/descriptions';
import { readParameters } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	conversationUrnOption,
	messageField,
	recipientFields,
	subjectOption,
} from '../../shared/descriptions';
import * as input from '../../shared/input';
import { sendRouting } from '../../shared/sending';

const show = { resource: ['message'], operation: ['sendWithTyping'] };

/**
 * POST /linkedin/messaging/send-with-typing (connectsafely-api.md §2.5), deprecated by ConnectSafely
 * in favour of /conversations/send, which shows no typing indicator. The indicator needs the
 * conversation URN of an existing conversation.
 */
export async function checkWithTyping(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const { account } = readParameters(this, { account: input.account, message: input.message });
	const body = { ...(requestOptions.body as object), ...input.readRecipientAndConversation(this) };
	return input.withAccount({ ...requestOptions, body }, account, 'body');
}

export const sendWithTypingOperation: INodePropertyOptions = {
	name: 'Send With Typing Indicator',
	value: 'sendWithTyping',
	action: 'Send a message with a typing indicator',
	description:
		'Show "typing…" in an existing conversation, then send. Uses a deprecated ConnectSafely endpoint; no attachments.',
	routing: sendRouting('/linkedin/messaging/send-with-typing', checkWithTyping),
};

export const sendWithTypingFields: INodeProperties[] = [
	...recipientFields(show),
	messageField(show),
	optionalFields('additionalFields', show, [
		{
			...conversationUrnOption,
			description:
				'URN of the existing conversation with this recipient; LinkedIn shows the typing indicator only there',
		},
		subjectOption,
	]),
	sendingOptionsField(show),
];
