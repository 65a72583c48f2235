import type { INodeProperties } from 'n8n-workflow';

import { getAllChatsFields, getAllChatsOperation } from './getAll';
import { messageApplicantFields, messageApplicantOperation } from './messageApplicant';
import { messageOrganizationFields, messageOrganizationOperation } from './messageOrganization';
import { startFields, startOperation } from './start';
import { startGroupFields, startGroupOperation } from './startGroup';
import { startInMailFields, startInMailOperation } from './startInMail';

export const chatDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			getAllChatsOperation,
			messageApplicantOperation,
			messageOrganizationOperation,
			startOperation,
			startGroupOperation,
			startInMailOperation,
		],
		default: 'start',
	},
	...startFields,
	...startGroupFields,
	...startInMailFields,
	...messageApplicantFields,
	...messageOrganizationFields,
	...getAllChatsFields,
];
