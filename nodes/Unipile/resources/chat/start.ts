import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { sendingOptionsField } from '../../../shared/sendingOptions';
import { attachmentsField, inboxLocator, textField, userIdField } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { readParameters } from '../../../shared/parameters';
import { ACCOUNT_PATH, sendRouting } from '../../shared/routing';

const show = { resource: ['chat'], operation: ['start'] };

/** POST /v2/{account_id}/inboxes/{inbox_id}/chats/send (unipile-api.md §2.2, §2.3). */
export const START_URL = `${ACCOUNT_PATH}/inboxes/{{ encodeURIComponent($parameter.inbox) }}/chats/send`;

/** Checks shared by the 1:1 starts (plain, InMail, applicant, organization). */
export async function checkStart(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	readParameters(this, { account: input.account, inbox: input.inbox, userId: input.recipient });
	return await input.withAttachments(this, requestOptions);
}

export const startOperation: INodePropertyOptions = {
	name: 'Start',
	value: 'start',
	action: 'Start a chat',
	description: 'Start a 1:1 chat with a LinkedIn user and send the first message',
	routing: sendRouting(START_URL, checkStart),
};

export const startFields: INodeProperties[] = [
	inboxLocator(show),
	userIdField(show),
	textField(show),
	attachmentsField(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
