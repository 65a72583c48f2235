import { z } from 'zod';

import { binaryPropertyField } from '../../shared/descriptions';
import { field, optionalText, pathId, requiredText } from '../../shared/parameters';
import { sendingOptionsField } from '../../shared/sendingOptions';
import type { ItemInputs } from '../../shared/preflight';
import type { UnipileVersion } from './transport';
import { notOnV1 } from './transport';

/** The Unipile fields, each once: what the user sees and how one item's value is checked. */

/** The account every call acts as (v2: `/v2/{account_id}/…`; v1: `account_id`). */
export const account = field(
	{
		displayName: 'Account',
		name: 'account',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The connected LinkedIn account to act as',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an account...',
				typeOptions: { searchListMethod: 'getAccounts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. acc_1a2b3c4d',
			},
		],
	},
	pathId(),
	'Pick the account from the list, or enter its ID from the Unipile dashboard.',
);

/** The account, checked for the API version: v2 account IDs start with acc_. */
export function accountOf(item: ItemInputs, version: UnipileVersion): string {
	const id = item.get(account);
	if (version === 'v2' && !id.startsWith('acc_')) {
		item.fail(
			'The "Account" parameter must be a Unipile v2 account ID (acc_…)',
			'Pick the account from the list. An ID without acc_ is a v1 account: set "API Version" to v1 in the credential.',
		);
	}
	return id;
}

export const chat = field(
	{
		displayName: 'Chat',
		name: 'chat',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The chat (conversation) to act on',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a chat...',
				typeOptions: { searchListMethod: 'getChats', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 9f8e7d6c5b4a' },
		],
	},
	pathId(),
	'Pick the chat from the list, or map its ID (chat_id) from an earlier node.',
);

/** Only a product's Primary inbox may start a chat (docs/unipile-v2.md#start-a-chat-from-an-inbox). */
export const inbox = field(
	{
		displayName: 'Inbox',
		name: 'inbox',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: 'CLASSIC_PRIMARY',
			cachedResultName: 'LinkedIn Classic (CLASSIC_PRIMARY)',
		},
		required: true,
		description:
			'The LinkedIn product to write from: only its Primary inbox starts chats (LinkedIn Classic: CLASSIC_PRIMARY)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an inbox...',
				typeOptions: { searchListMethod: 'getInboxes', searchable: false },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. CLASSIC_PRIMARY' },
		],
	},
	pathId().refine(
		(id) => id.endsWith('_PRIMARY'),
		'must be a Primary inbox (…_PRIMARY): only a Primary inbox starts chats',
	),
	'Pick the inbox from the list, which offers only Primary inboxes, e.g. LinkedIn Classic (CLASSIC_PRIMARY).',
);

/** v1 starts chats with `linkedin[api]`: the product that the v2 inbox stands for (docs/unipile-v1.md#start-a-chat). */
export function linkedinApi(item: ItemInputs, inboxId: string): string {
	const products: Record<string, string> = {
		CLASSIC_PRIMARY: 'classic',
		RECRUITER_PRIMARY: 'recruiter',
		SALES_NAVIGATOR_PRIMARY: 'sales_navigator',
	};
	const product = products[inboxId];
	if (!product) {
		notOnV1(
			item,
			`The inbox "${inboxId}"`,
			'Pick CLASSIC_PRIMARY, SALES_NAVIGATOR_PRIMARY or RECRUITER_PRIMARY: on API v1 the inbox only chooses the LinkedIn product that starts the chat.',
		);
	}
	return product;
}

/** A profile URL or public identifier is resolved to the provider ID before anything is sent (shared/profiles.ts). */
export const recipient = field(
	{
		displayName: 'Recipient Profile URL or User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://www.linkedin.com/in/jane-doe/ or ACoAAB1cD2eF3gH4',
		description:
			"The recipient's LinkedIn profile URL (linkedin.com/in/…), its public identifier, or their provider ID (ACo…, e.g. from a chat participant or User > Get Profile)",
	},
	requiredText(),
	"Map the recipient's profile URL (linkedin.com/in/…) or LinkedIn provider ID.",
);

export const text = field(
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Hi Ana, thanks for connecting!',
		description:
			'The message text. May be empty when files are attached; for Forward, an optional comment.',
	},
	optionalText(),
	'Write the message in "Text".',
);

/** One message of the chat above, picked from its messages or by ID (Get, React, Download). */
export const message = field(
	{
		displayName: 'Message',
		name: 'message',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The message, one of the chat above',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a message...',
				typeOptions: { searchListMethod: 'getMessages', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 7c3b9a1f2e4d' },
		],
	},
	pathId(),
	'Pick the message from the list, or map its ID (message_id) from the trigger or Message > Get Many.',
);

interface FileEntry {
	binaryProperty: string;
	sendMode: 'native' | 'file';
}

/** Files from the item's binary fields (docs/unipile-v2.md#attachments). */
export const attachments = field(
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description: 'Files to send with the message (their size limit depends on the API version)',
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
						description: '(API v2 only) How LinkedIn shows the file; API v1 sends every file as is',
						options: [
							{ name: 'File', value: 'file', description: 'A downloadable file' },
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
	},
	z
		.object({
			files: z
				.array(
					z.object({
						binaryProperty: optionalText(),
						sendMode: z.enum(['native', 'file']).default('native'),
					}),
				)
				.default([]),
		})
		.default({ files: [] })
		.transform(({ files }): FileEntry[] => files),
	'Enter the binary field of each file, e.g. data.',
);

/** "Sending Options" of the Unipile sends; Message → Send and Reply can show typing first. */
export const sendingOptions = sendingOptionsField({ rateLimitRetry: true });
export const sendingOptionsWithTyping = sendingOptionsField({ rateLimitRetry: true, typing: true });
