import type { INodeProperties } from 'n8n-workflow';

/** A v1 webhook's `source`: which kind of events it can carry (docs/unipile-v1.md#webhooks). */
export type V1Source = 'messaging' | 'users' | 'account_status';

interface TriggerEventOption {
	name: string;
	/** What the node stores and outputs as `event`: the v2 name where there is one. */
	value: string;
	/** The v2 `trigger_events` it registers (docs/unipile-v2.md#webhook-events). */
	v2: readonly string[];
	/** The v1 webhook that carries it, and the event name within it where the source has several. */
	v1: { source: V1Source; event?: string };
}

/** The events offered, sorted by name. */
export const EVENTS: readonly TriggerEventOption[] = [
	{
		name: 'Account Status',
		value: 'account.status',
		v2: [
			'account.status.disconnected',
			'account.status.errored',
			'account.status.paused',
			'account.status.running',
		],
		v1: { source: 'account_status' },
	},
	{
		name: 'Message Deleted',
		value: 'message.delete',
		v2: ['message.delete'],
		v1: { source: 'messaging', event: 'message_deleted' },
	},
	{
		name: 'Message Delivered',
		value: 'message.receipt.delivery',
		v2: ['message.receipt.delivery'],
		v1: { source: 'messaging', event: 'message_delivered' },
	},
	{
		name: 'Message Edited',
		value: 'message.update',
		v2: ['message.update'],
		v1: { source: 'messaging', event: 'message_edited' },
	},
	{
		name: 'Message Read',
		value: 'message.receipt.read',
		v2: ['message.receipt.read'],
		v1: { source: 'messaging', event: 'message_read' },
	},
	{
		name: 'Message Received',
		value: 'message.new',
		v2: ['message.new'],
		v1: { source: 'messaging', event: 'message_received' },
	},
	{
		name: 'New Relation',
		value: 'relation.new',
		v2: ['relation.request.accept'],
		v1: { source: 'users', event: 'new_relation' },
	},
	{
		name: 'Reaction Added',
		value: 'message.reaction.new',
		v2: ['message.reaction.new'],
		v1: { source: 'messaging', event: 'message_reaction' },
	},
];

/**
 * The canvas subtitle: the selected events by name ("Message Read, New Relation"), a value this
 * version does not know as it is.
 */
export const SUBTITLE = `={{ $parameter["events"].map((event) => (${JSON.stringify(
	Object.fromEntries(EVENTS.map(({ name, value }) => [value, name])),
)})[event] ?? event).join(", ") }}`;

const accountDescription =
	'Only events of these LinkedIn accounts; none selected for every account of the key';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Activating this workflow registers a webhook at Unipile. On API v2 only, that may need a Service API key: set it in the credential ("Service API Key") if your account key is refused. API v1 needs none.',
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
		displayName:
			'New Relation may arrive hours after the invitation was accepted: Unipile learns of new relations by checking LinkedIn periodically.',
		name: 'relationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { events: ['relation.new'] } },
	},
	{
		displayName: 'Account IDs',
		name: 'accountIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. acc_1a2b3c4d, acc_5e6f7a8b',
		description: `${accountDescription}, separated by commas`,
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Account Names or IDs',
		name: 'accounts',
		type: 'multiOptions',
		default: [],
		typeOptions: { loadOptionsMethod: 'getAccounts' },
		description: `${accountDescription}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions: { show: { '@version': [1.1] } },
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
