import type { INodeProperties } from 'n8n-workflow';

import { uploadFields, uploadOperation } from './upload';

export const attachmentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attachment'] } },
		options: [uploadOperation],
		default: 'upload',
	},
	...uploadFields,
];
