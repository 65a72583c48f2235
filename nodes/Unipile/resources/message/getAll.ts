import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	limitField,
	optionalFields,
	returnAllField,
	simplifyField,
} from '../../../shared/descriptions';
import { chatLocator, isoDateFilter } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { pick } from '../../../shared/pagination';
import { unipilePagination } from '../../shared/pagination';
import { ACCOUNT_PATH } from '../../shared/routing';

const show = { resource: ['message'], operation: ['getAll'] };

const simplifyMessage = (message: IDataObject) => ({
	...pick(message, ['id', 'chat_id', 'text', 'sender_id', 'is_sender', 'timestamp', 'is_seen']),
	attachments: Array.isArray(message.attachments) ? message.attachments.length : 0,
});

/** GET /v2/{account_id}/chats/{chat_id}/messages, newest first, cursor-paginated (§2.2). */
export const getAllMessagesOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many messages',
	description: 'List the messages of a chat, newest first',
	routing: {
		request: {
			method: 'GET',
			url: `${ACCOUNT_PATH}/chats/{{ encodeURIComponent($parameter.chat) }}/messages`,
		},
		send: {
			preSend: [input.validated({ account: input.account, chat: input.chat })],
			paginate: true,
		},
		operations: { pagination: unipilePagination(simplifyMessage) },
	},
};

export const getAllMessagesFields: INodeProperties[] = [
	chatLocator(show),
	returnAllField(show),
	limitField(show),
	simplifyField(show),
	optionalFields('filters', show, [
		isoDateFilter('After', 'Only messages sent after this time'),
		isoDateFilter('Before', 'Only messages sent before this time'),
		{
			displayName: 'Sender User ID',
			name: 'senderId',
			type: 'string',
			default: '',
			placeholder: 'e.g. ACoAAB1cD2eF3gH4',
			description: 'Only messages from this user',
			routing: { send: { type: 'query', property: 'user_id' } },
		},
	]),
];
