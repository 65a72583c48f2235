import type { INodeProperties } from 'n8n-workflow';

/**
 * The message events offered, by their v2 `trigger_events` name (docs/unipile-v2.md#webhook-events),
 * with the v1 `events` name of the same event (docs/unipile-v1.md#webhooks).
 */
export const EVENTS = [
	{ name: 'Message Deleted', value: 'message.delete', v1: 'message_deleted' },
	{ name: 'Message Delivered', value: 'message.receipt.delivery', v1: 'message_delivered' },
	{ name: 'Message Edited', value: 'message.update', v1: 'message_edited' },
	{ name: 'Message Read', value: 'message.receipt.read', v1: 'message_read' },
	{ name: 'Message Received', value: 'message.new', v1: 'message_received' },
	{ name: 'Reaction Added', value: 'message.reaction.new', v1: 'message_reaction' },
] as const;

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Activating this workflow registers a webhook at Unipile. On API v2 that may need a Service API key: set it in the credential ("Service API Key") if your account key is refused.',
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
		options: EVENTS.map(({ name, value }) => ({ name, value })),
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
					'Whether to accept v2 calls without a valid Unipile signature. Only for an endpoint created by hand in the Unipile dashboard: anyone who knows the URL can then start this workflow.',
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
