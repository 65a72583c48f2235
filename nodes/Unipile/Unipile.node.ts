import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { nodeProperties, subtitleOf, titleOf } from '../shared/descriptions';
import { getAccounts } from './listSearch/getAccounts';
import { getAttachments } from './listSearch/getAttachments';
import { getChats } from './listSearch/getChats';
import { getInboxes } from './listSearch/getInboxes';
import { getMessages } from './listSearch/getMessages';
import { attachment } from './resources/attachment';
import { chat } from './resources/chat';
import { inbox } from './resources/inbox';
import { invitation } from './resources/invitation';
import { message } from './resources/message';
import { user } from './resources/user';
import { throwOnErrorStatus } from './shared/errors';
import { account } from './shared/fields';

const resources = [chat, inbox, message, user, invitation, attachment];

export class Unipile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unipile',
		name: 'unipile',
		icon: { light: 'file:../../icons/unipile.svg', dark: 'file:../../icons/unipile.dark.svg' },
		group: ['output'],
		version: 1,
		// The operation's action as a title, e.g. "Send Message".
		subtitle: subtitleOf(resources, (_, option) => titleOf(option.action ?? option.name)),
		description:
			'Send and manage LinkedIn messages, connection requests and profiles through Unipile (API v2 or v1)',
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
		properties: nodeProperties(resources, {
			defaultResource: 'message',
			common: [account.property],
			// Runs first for every operation: error statuses become clear n8n errors.
			routing: { output: { postReceive: [throwOnErrorStatus] } },
		}),
	};

	methods = {
		listSearch: { getAccounts, getAttachments, getChats, getInboxes, getMessages },
	};
}
