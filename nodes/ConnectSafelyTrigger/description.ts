import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'ConnectSafely has no API to register webhooks: in the ConnectSafely dashboard, create a webhook with this node\'s Production URL, then copy its signing secret (shown once) into the credential\'s "Webhook Signing Secret". Unsigned or wrongly signed calls are refused.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'Starts on every message that arrives on the connected LinkedIn accounts. ConnectSafely does not say who started a conversation, so this node cannot tell replies to your messages from new messages: to react only to replies, compare conversation_id with the conversations you sent to (for example in an IF node).',
		name: 'scopeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'To test: the dashboard sends to one URL per webhook. Either create a second webhook there with this node\'s Test URL (it has its own signing secret: put it in a second credential while testing), click "Listen for test event" and send a message to the account; or activate the workflow and watch its Executions. A test event never holds back the live delivery of the same message.',
		name: 'testNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Ignore Accounts',
				name: 'ignoreAccounts',
				type: 'string',
				default: '',
				placeholder: 'e.g. 65fa1c0d2e3f4a5b6c7d8e9f, 60d21b4667d0d8992e610c85',
				description:
					'ConnectSafely account IDs whose incoming messages start nothing, separated by commas',
			},
			{
				displayName: 'Only These Accounts',
				name: 'onlyAccounts',
				type: 'string',
				default: '',
				placeholder: 'e.g. 65fa1c0d2e3f4a5b6c7d8e9f',
				description:
					'ConnectSafely account IDs whose incoming messages start the workflow, separated by commas; the others start nothing. Empty: every account.',
			},
			{
				displayName: 'Timestamp Window (Minutes)',
				name: 'timestampWindow',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description:
					'How far an X-Webhook-Timestamp header, when a call carries one, may be from now; 0 ignores the header. ConnectSafely does not document it: the signature is what proves a call.',
			},
		],
	},
];
