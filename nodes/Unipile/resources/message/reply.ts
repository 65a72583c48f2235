import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readParameters, requiredText } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import {
	attachmentsField,
	chatLocator,
	messageIdField,
	textField,
} from '../../shared/descriptions';
import { sendRouting } from '../../shared/routing';
import { checkSend, SEND_URL } from './send';

const show = { resource: ['message'], operation: ['reply'] };

/** Send with `quote_id`: the new message embeds the quoted one (unipile-api.md §2.3). */
async function checkReply(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	readParameters(this, {
		messageId: {
			label: 'Message to Reply To',
			schema: requiredText(),
			hint: 'Map the message ID, e.g. {{ $json.message_id }} from the trigger or Get Many Messages.',
		},
	});
	return await checkSend.call(this, requestOptions);
}

export const replyOperation: INodePropertyOptions = {
	name: 'Reply',
	value: 'reply',
	action: 'Reply to a message',
	description: 'Send a message that quotes an earlier message of the chat',
	routing: sendRouting(SEND_URL, checkReply),
};

export const replyFields: INodeProperties[] = [
	chatLocator(show),
	{
		...messageIdField(show, 'Message to Reply To', 'ID of the message to quote'),
		routing: { send: { type: 'body', property: 'quote_id' } },
	},
	textField(show),
	attachmentsField(show),
	sendingOptionsField(show, { rateLimitRetry: true, typing: true }),
];
