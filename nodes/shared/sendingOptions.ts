import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { ItemInputs } from './preflight';
import { optionField } from './parameters';

/** Numeric text from an expression counts as a number; anything else must be one. */
const number = (min: number, max: number, unit: string) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
		z
			.number({ invalid_type_error: `must be a number of ${unit}` })
			.refine(Number.isFinite, `must be a number of ${unit}`)
			.refine((value) => value >= min, `must be ${min} or more`)
			.refine((value) => value <= max, `must be ${max} or less`),
	);
const flag = () => z.boolean({ invalid_type_error: 'must be true or false' });
const withDefault = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, fallback: T) =>
	z.preprocess((value) => value ?? fallback, schema);

const option = <T>(
	property: INodeProperties,
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	hint: string,
) => optionField('sendingOptions', property, withDefault(schema, property.default as T), hint);

const pacing = option(
	{
		displayName: 'Pace Sends',
		name: 'pacing',
		type: 'boolean',
		default: true,
		description:
			'Whether to space the sends of each LinkedIn account by a random delay, across runs and executions, as LinkedIn restricts accounts that message like bots',
	},
	flag(),
	'Turn "Pace Sends" on or off.',
);
const minDelay = option(
	{
		displayName: 'Pacing Delay From (Seconds)',
		name: 'minDelay',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: 10,
		description:
			'Shortest random wait between the end of one send of an account and the start of the next',
	},
	number(0, 3600, 'seconds'),
	'Set "Pacing Delay From (Seconds)" to a number from 0 to 3600 (Unipile recommends 10 to 20).',
);
const maxDelay = option(
	{
		displayName: 'Pacing Delay To (Seconds)',
		name: 'maxDelay',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: 20,
		description:
			'Longest random wait between the end of one send of an account and the start of the next',
	},
	number(0, 3600, 'seconds'),
	'Set "Pacing Delay To (Seconds)" to a number from 0 to 3600, at least "Pacing Delay From (Seconds)".',
);
const skipIfSent = option(
	{
		displayName: 'Skip If Already Sent',
		name: 'skipIfSent',
		type: 'boolean',
		default: true,
		description:
			'Whether to look at the conversation first and skip the send (output skipped: true) when this account already sent the same text in it within the skip window, so running a workflow again sends only what did not go out',
	},
	flag(),
	'Turn "Skip If Already Sent" on or off.',
);
const skipWindowHours = option(
	{
		displayName: 'Skip Window (Hours)',
		name: 'skipWindowHours',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 720 },
		default: 24,
		description: 'How far back "Skip If Already Sent" looks for the same message',
	},
	number(0, 720, 'hours'),
	'Set "Skip Window (Hours)" to a number from 0 to 720.',
);
const maxRateLimitWait = option(
	{
		displayName: 'Max Rate Limit Wait (Seconds)',
		name: 'maxRateLimitWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: 60,
		description:
			'When the API refuses a send with a retry-after time, how long in total to wait and retry (3 attempts at most) before failing the item',
	},
	number(0, 3600, 'seconds'),
	'Set "Max Rate Limit Wait (Seconds)" to a number from 0 to 3600.',
);
export const typingFirst = option(
	{
		displayName: 'Show Typing First',
		name: 'typingFirst',
		type: 'boolean',
		default: false,
		// Unipile only; v1 has no typing indicator (docs/unipile-v1.md#what-v1-lacks).
		description:
			'Whether to show a typing indicator, wait a moment in proportion to the message length, then send (API v2 only)',
	},
	flag(),
	'Turn "Show Typing First" on or off.',
);

interface Features {
	/** Unipile: show a typing indicator before the send. */
	typing?: boolean;
	/** Unipile: wait and retry when the API rate-limits with retry-after. */
	rateLimitRetry?: boolean;
	/** Invitations: no "Skip If Already Sent", as they are skipped from the relationship instead. */
	noSkip?: boolean;
	/** Options of the operation's own, e.g. a weekly limit. */
	more?: INodeProperties[];
}

/** The "Sending Options" collection of a send operation. */
export function sendingOptionsField(features: Features = {}): INodeProperties {
	const options = [pacing, minDelay, maxDelay];
	if (!features.noSkip) options.push(skipIfSent, skipWindowHours);
	if (features.rateLimitRetry) options.push(maxRateLimitWait);
	if (features.typing) options.push(typingFirst);
	return {
		displayName: 'Sending Options',
		name: 'sendingOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...options.map((entry) => entry.option), ...(features.more ?? [])].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** Says under the send fields why a run of several items takes minutes (pacing is on by default). */
export const pacingNotice: INodeProperties = {
	displayName:
		'Sends of each LinkedIn account are spaced by a random 10–20 s by default, across runs and workflows, so 10 items take about 3 minutes. Change it in "Sending Options" (Pace Sends, Pacing Delay).',
	name: 'pacingNotice',
	type: 'notice',
	default: '',
};

export interface Sending {
	/** Random gap between two sends of an account; undefined when pacing is off. */
	gap?: { minSeconds: number; maxSeconds: number };
	skipWindowHours?: number;
	maxRateLimitWait: number;
	typingFirst: boolean;
}

/** One item's Sending Options, validated: a bad delay stops the run before anything is sent. */
export function readSending(item: ItemInputs): Sending {
	const min = item.get(minDelay);
	const max = item.get(maxDelay);
	if (max < min) {
		item.fail(
			`The "Pacing Delay To (Seconds)" parameter (${max}) is below "Pacing Delay From (Seconds)" (${min})`,
			maxDelay.hint,
		);
	}
	return {
		gap: item.get(pacing) ? { minSeconds: min, maxSeconds: max } : undefined,
		skipWindowHours: item.get(skipIfSent) ? item.get(skipWindowHours) : undefined,
		maxRateLimitWait: item.get(maxRateLimitWait),
		typingFirst: item.get(typingFirst),
	};
}
