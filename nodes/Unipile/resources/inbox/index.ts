import type { INodeProperties } from 'n8n-workflow';

import { getAllInboxesOperation } from './getAll';
import { getInMailCreditsFields, getInMailCreditsOperation } from './getInMailCredits';
import { setTypingFields, setTypingOperation } from './setTyping';

export const inboxDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inbox'] } },
		options: [getInMailCreditsOperation, getAllInboxesOperation, setTypingOperation],
		default: 'setTyping',
	},
	...setTypingFields,
	...getInMailCreditsFields,
];
