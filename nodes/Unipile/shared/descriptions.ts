import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, listMode } from '../../shared/descriptions';

type Show = IDisplayOptions['show'];

/** The Unipile account every method call runs on (`/v2/{account_id}/…`). */
export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'account',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The connected LinkedIn account to act as',
	modes: [
		listMode('getAccounts', 'Select an account...'),
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. acc_1a2b3c4d',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^acc_.+', errorMessage: 'Unipile v2 account IDs start with acc_' },
				},
			],
		},
	],
};

export function chatLocator(
	show: Show,
	overrides: { name?: string; displayName?: string; description?: string } = {},
): INodeProperties {
	return {
		displayName: overrides.displayName ?? 'Chat',
		name: overrides.name ?? 'chat',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: overrides.description ?? 'The chat (conversation) to act on',
		displayOptions: { show },
		modes: [
			listMode('getChats', 'Select a chat...'),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 9f8e7d6c5b4a',
			},
		],
	};
}

/** Inbox to start chats from; only a product's Primary inbox may start one (unipile-api.md §2.3). */
export function inboxLocator(show: Show): INodeProperties {
	return {
		displayName: 'Inbox',
		name: 'inbox',
		type: 'resourceLocator',
		default: { mode: 'list', value: 'CLASSIC_PRIMARY', cachedResultName: 'CLASSIC_PRIMARY' },
		required: true,
		description: 'LinkedIn Classic starts chats from CLASSIC_PRIMARY',
		displayOptions: { show },
		modes: [
			listMode('getInboxes', 'Select an inbox...', false),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. CLASSIC_PRIMARY',
			},
		],
	};
}

export function userIdField(show: Show, displayName = 'Recipient User ID'): INodeProperties {
	return {
		displayName,
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ACoAAB1cD2eF3gH4',
		description: "The recipient's LinkedIn provider ID (from a profile or a chat participant)",
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'users_ids' } },
	};
}

export function textField(
	show: Show,
	description = 'Message text; may be empty when files are attached',
): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Hi Ana, thanks for connecting!',
		description,
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'text' } },
	};
}

export function messageIdField(
	show: Show,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7c3b9a1f2e4d',
		description,
		displayOptions: { show },
	};
}

/** Files from the item's binary properties, sent as base64 `attachments[]` (unipile-api.md §2.4). */
export function attachmentsField(show: Show): INodeProperties {
	return {
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description: 'Files to send with the message, 20 MB at most together',
		displayOptions: { show },
		options: [
			{
				displayName: 'File',
				name: 'files',
				values: [
					binaryPropertyField,
					{
						displayName: 'Send As',
						name: 'sendMode',
						type: 'options',
						default: 'native',
						options: [
							{
								name: 'File',
								value: 'file',
								description: 'A downloadable file',
							},
							{
								name: 'Native Media',
								value: 'native',
								description: 'Shown inline as LinkedIn would (picture, voice note, video)',
							},
						],
					},
				],
			},
		],
	};
}

/** A "Filters" date sent as an ISO 8601 query parameter of the same name (`after`, `before`). */
export function isoDateFilter(
	displayName: 'After' | 'Before',
	description: string,
): INodeProperties {
	const name = displayName.toLowerCase();
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description,
		routing: {
			send: { type: 'query', property: name, value: '={{ new Date($value).toISOString() }}' },
		},
	};
}
