import type { INodeProperties } from 'n8n-workflow';

import { forwardFields, forwardOperation } from './forward';
import { getAllMessagesFields, getAllMessagesOperation } from './getAll';
import { replyFields, replyOperation } from './reply';
import { sendFields, sendOperation } from './send';

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [forwardOperation, getAllMessagesOperation, replyOperation, sendOperation],
		default: 'send',
	},
	...sendFields,
	...replyFields,
	...forwardFields,
	...getAllMessagesFields,
];
