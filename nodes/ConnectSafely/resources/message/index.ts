import type { INodeProperties } from 'n8n-workflow';

import { replyFields, replyOperation } from './reply';
import { sendFields, sendOperation } from './send';
import { sendInMailFields, sendInMailOperation } from './sendInMail';
import { sendWithTypingFields, sendWithTypingOperation } from './sendWithTyping';

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [replyOperation, sendOperation, sendInMailOperation, sendWithTypingOperation],
		default: 'send',
	},
	...sendFields,
	...replyFields,
	...sendInMailFields,
	...sendWithTypingFields,
];
