import type { INodeProperties } from 'n8n-workflow';

/** Message events of the v2 `trigger_events` enum (unipile-api.md §2.6). */
export const EVENT_OPTIONS = [
	{ name: 'Message Deleted', value: 'message.delete' },
	{ name: 'Message Delivered', value: 'message.receipt.delivery' },
	{ name: 'Message Edited', value: 'message.update' },
	{ name: 'Message Read', value: 'message.receipt.read' },
	{ name: 'Message Received', value: 'message.new' },
	{ name: 'Reaction Added', value: 'message.reaction.new' },
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Activating this workflow registers a webhook endpoint at Unipile, which may need a Service API key: set it in the credential ("Service API Key") if your account key is refused.',
		name: 'serviceKeyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['message.receipt.read'],
		description: 'The events that start the workflow',
		options: EVENT_OPTIONS,
	},
	{
		displayName: 'Account IDs',
		name: 'accountIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. acc_1a2b3c4d, acc_5e6f7a8b',
		description: 'Only events of these accounts, separated by commas; empty for every account',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Skip Signature Check',
				name: 'skipSignatureCheck',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept calls without a valid Unipile signature. Only for an endpoint created by hand in the Unipile dashboard: anyone who knows the URL can then start this workflow.',
			},
		],
	},
	{
		displayName:
			'Signature checks are off: anyone who knows this webhook URL can start the workflow',
		name: 'unsignedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '/options.skipSignatureCheck': [true] } },
	},
];
