import type { INodeProperties } from 'n8n-workflow';

import { getAllFields, getAllOperation } from './getAll';
import { getMessagesFields, getMessagesOperation } from './getMessages';

export const conversationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [getAllOperation, getMessagesOperation],
		default: 'getAll',
	},
	...getAllFields,
	...getMessagesFields,
];
