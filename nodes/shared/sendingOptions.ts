import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

interface Features {
	/** Unipile: show a typing indicator before the send. */
	typing?: boolean;
	/** Unipile: wait and retry when the API rate-limits with retry-after. */
	rateLimitRetry?: boolean;
}

/**
 * The "Sending Options" collection of every send operation, read by `createDelivery()`. Defaults are
 * literals for n8n's linter and equal DEFAULT_SENDING (a test checks).
 */
export function sendingOptionsField(
	show: IDisplayOptions['show'],
	features: Features = {},
): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Max Delay (Seconds)',
			name: 'maxDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 20,
			description: 'Longest random wait between two sends of this run',
		},
		{
			displayName: 'Min Delay (Seconds)',
			name: 'minDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 10,
			description: 'Shortest random wait between two sends of this run',
		},
		{
			displayName: 'Pace Sends',
			name: 'pacing',
			type: 'boolean',
			default: true,
			description:
				'Whether to send items one after another with a random delay between them, as LinkedIn restricts accounts that message like bots. A single item is sent at once.',
		},
		{
			displayName: 'Skip If Already Sent',
			name: 'skipIfSent',
			type: 'boolean',
			default: false,
			description:
				'Whether to look at the conversation first and skip the send (output skipped: true) when we already sent the same text in it within the skip window',
		},
		{
			displayName: 'Skip Window (Hours)',
			name: 'skipWindowHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 24,
			description: 'How far back "Skip If Already Sent" looks for the same message',
		},
	];
	if (features.rateLimitRetry) {
		options.push({
			displayName: 'Max Rate Limit Wait (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'When the API rejects a send with a retry-after time, how long in total to wait and retry before failing the item',
		});
	}
	if (features.typing) {
		options.push({
			displayName: 'Show Typing First',
			name: 'typingFirst',
			type: 'boolean',
			default: false,
			description:
				'Whether to show a typing indicator, wait a moment in proportion to the message length, then send',
		});
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Sending Options',
		name: 'sendingOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options,
	};
}
