import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { mergeFields } from '../shared/descriptions';
import { getAccounts } from './listSearch/getAccounts';
import { getConversations } from './listSearch/getConversations';
import { attachmentDescription } from './resources/attachment';
import { conversationDescription } from './resources/conversation';
import { messageDescription } from './resources/message';
import { throwOnErrorStatus } from './shared/errors';
import { account } from './shared/fields';

/** Every field as the resource and operation files define it, before mergeFields. */
export const connectSafelyFields: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Attachment', value: 'attachment' },
			{ name: 'Conversation', value: 'conversation' },
			{ name: 'Message', value: 'message' },
		],
		default: 'message',
		// Runs first for every operation: error statuses become clear n8n errors.
		routing: { output: { postReceive: [throwOnErrorStatus] } },
	},
	...messageDescription,
	...attachmentDescription,
	...conversationDescription,
	account.property(),
];

export class ConnectSafely implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ConnectSafely',
		name: 'connectSafely',
		icon: {
			light: 'file:../../icons/connectsafely.svg',
			dark: 'file:../../icons/connectsafely.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send LinkedIn messages, InMails and attachments, and read conversations, through ConnectSafely',
		defaults: { name: 'ConnectSafely' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'connectSafelyApi', required: true }],
		// The credential's authenticate sets the base URL.
		requestDefaults: {
			headers: { Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
		},
		// one property per shared field: see mergeFields
		properties: mergeFields(connectSafelyFields),
	};

	methods = {
		listSearch: { getAccounts, getConversations },
	};
}
