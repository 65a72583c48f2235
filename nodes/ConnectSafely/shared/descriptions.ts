import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, listMode } from '../../shared/descriptions';
import { RECIPIENT_ID_LABEL, RECIPIENT_URN_LABEL } from './input';

type Show = IDisplayOptions['show'];

/**
 * The LinkedIn account to act as. Empty = ConnectSafely's default account, and `accountId` is left
 * out of the request (connectsafely-api.md §1).
 */
export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'account',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The connected LinkedIn account to act as. Leave empty to use the default account of the API key.',
	modes: [
		listMode('getAccounts', 'Select an account...'),
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 60d21b4667d0d8992e610c85',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[0-9a-fA-F]{24}$',
						errorMessage: 'ConnectSafely account IDs are 24 hexadecimal characters',
					},
				},
			],
		},
	],
};

/** An existing conversation, picked from the account's inbox or entered as its URN. */
export function conversationLocator(show: Show, description: string): INodeProperties {
	return {
		displayName: 'Conversation',
		name: 'conversationUrn',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			listMode('getConversations', 'Select a conversation...'),
			{
				displayName: 'By URN',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoAABcdefgh,2-YTlk)',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^urn:li:.+',
							errorMessage: 'Conversation URNs start with urn:li:',
						},
					},
				],
			},
		],
	};
}

/** The two ways to name a recipient; exactly one must be filled in (checked before sending). */
export function recipientFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: RECIPIENT_ID_LABEL,
			name: 'recipientProfileId',
			type: 'string',
			default: '',
			placeholder: 'e.g. john-doe-123 or https://www.linkedin.com/in/john-doe-123/',
			description: `The recipient's public profile ID (the part after linkedin.com/in/) or profile URL. Fill in this or "${RECIPIENT_URN_LABEL}", not both.`,
			displayOptions: { show },
		},
		{
			displayName: RECIPIENT_URN_LABEL,
			name: 'recipientProfileUrn',
			type: 'string',
			default: '',
			placeholder: 'e.g. urn:li:fsd_profile:ACoAABcdefgh',
			description: `The recipient's profile URN, preferred by ConnectSafely when known. Fill in this or "${RECIPIENT_ID_LABEL}", not both.`,
			displayOptions: { show },
		},
	];
}

export function messageField(show: Show): INodeProperties {
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Hi Ana, thanks for connecting!',
		description: 'The text to send',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'message' } },
	};
}

/**
 * Files from the item's binary properties (uploaded when the item is sent) and attachments an
 * Upload operation returned (sent as they are).
 */
export function attachmentsField(show: Show): INodeProperties {
	return {
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description:
			'Files to send with the message: binary fields of the item (uploaded when sent) or attachments an Upload operation returned. PNG, JPEG, GIF and WebP images show inline; other types arrive as downloadable files.',
		displayOptions: { show },
		options: [
			{
				displayName: 'File',
				name: 'files',
				values: [binaryPropertyField],
			},
			{
				// Defaults map the output of an Attachment → Upload node placed right before.
				displayName: 'Uploaded Attachment',
				name: 'uploaded',
				values: [
					{
						displayName: 'Asset URN',
						name: 'assetUrn',
						type: 'string',
						default: '={{ $json.assetUrn }}',
						placeholder: 'e.g. urn:li:digitalmediaAsset:D4E10AQF',
						description: 'The assetUrn returned by Attachment → Upload',
					},
					{
						displayName: 'Byte Size',
						name: 'byteSize',
						// A string field so that its default can be an expression; sent as a number.
						type: 'string',
						default: '={{ $json.byteSize }}',
						placeholder: 'e.g. 48213',
						description: 'The byteSize returned by Attachment → Upload',
					},
					{
						displayName: 'Media Type',
						name: 'mediaType',
						type: 'string',
						default: '={{ $json.mediaType }}',
						placeholder: 'e.g. image/png',
						description: 'The mediaType returned by Attachment → Upload',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '={{ $json.name }}',
						placeholder: 'e.g. photo.png',
						description: 'The name returned by Attachment → Upload',
					},
				],
			},
		],
	};
}

export const subjectOption: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
	placeholder: 'e.g. Quick question about your work',
	description: 'Subject line of the message',
	routing: { send: { type: 'body', property: 'subject' } },
};

export const conversationUrnOption: INodeProperties = {
	displayName: 'Conversation URN',
	name: 'conversationUrn',
	type: 'string',
	default: '',
	placeholder: 'e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoAABcdefgh,2-YTlk)',
	description:
		'URN of an existing conversation with this recipient; ConnectSafely then skips the recipient lookup',
};
