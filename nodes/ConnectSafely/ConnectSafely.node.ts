import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { nodeProperties, subtitleOf } from '../shared/descriptions';
import { getAccounts } from './listSearch/getAccounts';
import { getConversations } from './listSearch/getConversations';
import { attachment } from './resources/attachment';
import { conversation } from './resources/conversation';
import { invitation } from './resources/invitation';
import { message } from './resources/message';
import { profile } from './resources/profile';
import { relationship } from './resources/relationship';
import { throwOnErrorStatus } from './shared/errors';
import { account } from './shared/fields';

const resources = [attachment, conversation, invitation, message, profile, relationship];

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
		// By name, e.g. "Invitation: Send".
		subtitle: subtitleOf(resources, (resource, option) => `${resource.name}: ${option.name}`),
		description:
			'Send LinkedIn messages, InMails, attachments and connection requests, check relationships, get profiles and read conversations, through ConnectSafely',
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
		properties: nodeProperties(resources, {
			defaultResource: 'message',
			common: [account.property],
			// Runs first for every operation: error statuses become clear n8n errors.
			routing: { output: { postReceive: [throwOnErrorStatus] } },
		}),
	};

	methods = {
		listSearch: { getAccounts, getConversations },
	};
}
