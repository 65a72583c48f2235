import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { mergeFields } from '../shared/descriptions';
import { getAccounts } from './listSearch/getAccounts';
import { getChats } from './listSearch/getChats';
import { getInboxes } from './listSearch/getInboxes';
import { chatDescription } from './resources/chat';
import { inboxDescription } from './resources/inbox';
import { messageDescription } from './resources/message';
import { throwOnErrorStatus } from './shared/errors';
import { account } from './shared/fields';

/** Every field as the resource and operation files define it, before mergeFields. */
export const unipileFields: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Chat', value: 'chat' },
			{ name: 'Inbox', value: 'inbox' },
			{ name: 'Message', value: 'message' },
		],
		default: 'message',
		// Runs first for every operation: error statuses become clear n8n errors.
		routing: { output: { postReceive: [throwOnErrorStatus] } },
	},
	...chatDescription,
	...messageDescription,
	...inboxDescription,
	account.property(),
];

export class Unipile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unipile',
		name: 'unipile',
		icon: { light: 'file:../../icons/unipile.svg', dark: 'file:../../icons/unipile.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and manage LinkedIn messages through Unipile (API v2 or v1)',
		defaults: { name: 'Unipile' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'unipileApi', required: true }],
		// The credential sets the base URL of its API version (credentials/UnipileApi.credentials.ts).
		requestDefaults: {
			headers: { Accept: 'application/json' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		// one property per shared field: see mergeFields
		properties: mergeFields(unipileFields),
	};

	methods = {
		listSearch: { getAccounts, getChats, getInboxes },
	};
}
