import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readParameters } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { attachmentsField, chatLocator, textField } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { ACCOUNT_PATH, sendRouting } from '../../shared/routing';

const show = { resource: ['message'], operation: ['send'] };

/** POST /v2/{account_id}/chats/{chat_id}/messages/send (unipile-api.md §2.2, §2.3). */
export const SEND_URL = `${ACCOUNT_PATH}/chats/{{ encodeURIComponent($parameter.chat) }}/messages/send`;

export async function checkSend(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	readParameters(this, { account: input.account, chat: input.chat });
	return await input.withAttachments(this, requestOptions);
}

export const sendOperation: INodePropertyOptions = {
	name: 'Send',
	value: 'send',
	action: 'Send a message',
	description: 'Send a message in an existing chat',
	routing: sendRouting(SEND_URL, checkSend),
};

export const sendFields: INodeProperties[] = [
	chatLocator(show),
	textField(show),
	attachmentsField(show),
	sendingOptionsField(show, { rateLimitRetry: true, typing: true }),
];
