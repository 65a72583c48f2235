import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { chatLocator } from '../../shared/descriptions';
import * as input from '../../shared/input';
import { ACCOUNT_PATH } from '../../shared/routing';

const show = { resource: ['inbox'], operation: ['setTyping'] };

/**
 * POST /v2/{account_id}/chats/{chat_id}/composing?action=typing|recording, no body (unipile-api.md
 * §2.2). The seed's curl for this (PATCH …/chats/{id} {"read_status":true}) is "Update a Chat".
 */
export const setTypingOperation: INodePropertyOptions = {
	name: 'Set Typing',
	value: 'setTyping',
	action: 'Show a typing indicator',
	description: 'Show the other participants that you are typing or recording a voice note',
	routing: {
		request: {
			method: 'POST',
			url: `${ACCOUNT_PATH}/chats/{{ encodeURIComponent($parameter.chat) }}/composing`,
		},
		send: { preSend: [input.validated({ account: input.account, chat: input.chat })] },
	},
};

export const setTypingFields: INodeProperties[] = [
	chatLocator(show),
	{
		displayName: 'Action',
		name: 'composingAction',
		type: 'options',
		default: 'typing',
		options: [
			{ name: 'Recording a Voice Note', value: 'recording' },
			{ name: 'Typing', value: 'typing' },
		],
		displayOptions: { show },
		routing: { send: { type: 'query', property: 'action' } },
	},
];
