import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readParameters, requiredText } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { chatLocator, messageIdField } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { ACCOUNT_PATH, sendRouting } from '../../shared/routing';

const show = { resource: ['message'], operation: ['forward'] };

/** POST /v2/{account_id}/chats/{chat_id}/messages/{message_id}/forward `{chat_id, text?}` (§2.2). */
const FORWARD_URL = `${ACCOUNT_PATH}/chats/{{ encodeURIComponent($parameter.chat) }}/messages/{{ encodeURIComponent($parameter.messageId) }}/forward`;

async function checkForward(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	readParameters(this, {
		account: input.account,
		chat: { ...input.chat, label: 'Source Chat' },
		messageId: { label: 'Message', schema: requiredText() },
		destinationChat: { ...input.chat, label: 'Destination Chat' },
	});
	return requestOptions;
}

export const forwardOperation: INodePropertyOptions = {
	name: 'Forward',
	value: 'forward',
	action: 'Forward a message',
	description: 'Forward a message to another chat, optionally with a comment',
	routing: sendRouting(FORWARD_URL, checkForward),
};

export const forwardFields: INodeProperties[] = [
	chatLocator(show, { displayName: 'Source Chat', description: 'The chat that holds the message' }),
	messageIdField(show, 'Message', 'ID of the message to forward'),
	{
		...chatLocator(show, {
			name: 'destinationChat',
			displayName: 'Destination Chat',
			description: 'The chat to forward the message to',
		}),
		routing: { send: { type: 'body', property: 'chat_id' } },
	},
	{
		// Its own name: RoutingNode evaluates every property named like a parameter (mergeFields).
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. FYI, see below',
		description: 'Optional comment sent with the forwarded message',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'text', value: '={{ $value || undefined }}' } },
	},
	sendingOptionsField(show, { rateLimitRetry: true }),
];
