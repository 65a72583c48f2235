import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { optionalFields } from '../../../shared/descriptions';
import { readParameters } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { messageField, recipientFields, subjectOption } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { sendRouting } from '../../shared/sending';

const show = { resource: ['message'], operation: ['sendInMail'] };

/**
 * POST /linkedin/messaging/send with `messageType: 'inmail'` (connectsafely-api.md §2.6, seed
 * connectsafely-messaging-send). Deprecated by ConnectSafely in favour of /conversations/send, which
 * has no InMail option: it is the only documented InMail route.
 */
export async function checkInMail(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const { account } = readParameters(this, { account: input.account, message: input.message });
	const body = { ...(requestOptions.body as object), ...input.readRecipient(this) };
	return input.withAccount({ ...requestOptions, body }, account, 'body');
}

export const sendInMailOperation: INodePropertyOptions = {
	name: 'Send InMail',
	value: 'sendInMail',
	action: 'Send an InMail',
	description:
		'Message someone you are not connected to; uses an InMail credit. Uses a deprecated ConnectSafely endpoint, the only one documented for InMail.',
	routing: sendRouting('/linkedin/messaging/send', checkInMail, { messageType: 'inmail' }),
};

export const sendInMailFields: INodeProperties[] = [
	...recipientFields(show),
	messageField(show),
	optionalFields('additionalFields', show, [
		{ ...subjectOption, description: 'Subject line of the InMail' },
	]),
	sendingOptionsField(show),
];
