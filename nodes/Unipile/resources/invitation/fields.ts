import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { optionalFields } from '../../../shared/descriptions';
import { field, optionalText, optionField, pathId, requiredText } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';

/** Characters (code points) LinkedIn takes in an invitation note (docs/unipile-v1.md#send-an-invitation). */
export const NOTE_LIMIT = 300;

export const note = field(
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. Hi Jane, I enjoyed your post on outbound. Happy to connect!',
		description: `Optional message sent with the invitation, at most ${NOTE_LIMIT} characters. Free LinkedIn accounts may send only a few notes a month.`,
	},
	optionalText().superRefine((value, context) => {
		const length = [...value].length;
		if (length > NOTE_LIMIT)
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be ${NOTE_LIMIT} characters or fewer (it has ${length})`,
			});
	}),
	`Shorten the note to ${NOTE_LIMIT} characters, or leave it empty.`,
);

export const invitationId = field(
	{
		displayName: 'Invitation ID',
		name: 'invitationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7449262477600571393',
		description: 'The ID of the invitation, as Invitation > Get Many outputs it',
	},
	pathId(),
	'Map the invitation ID, e.g. {{ $json.id }} from Invitation > Get Many.',
);

export const sharedSecret = field(
	{
		displayName: 'Shared Secret (API v1)',
		name: 'sharedSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.shared_secret }}',
		description:
			'API v1 needs the shared_secret of the received invitation (in the output of Invitation > Get Many, type Received); API v2 ignores it',
	},
	requiredText(),
	'Map shared_secret from Invitation > Get Many (type Received), e.g. {{ $json.shared_secret }}.',
);

export const invitationType = field(
	{
		displayName: 'Type',
		name: 'invitationType',
		type: 'options',
		default: 'sent',
		description: 'Which pending invitations to list',
		options: [
			{ name: 'Received', value: 'received', description: 'Invitations people sent the account' },
			{ name: 'Sent', value: 'sent', description: 'Invitations the account sent' },
		],
	},
	z.enum(['received', 'sent'], { errorMap: () => ({ message: 'must be "received" or "sent"' }) }),
	'Pick "Received" or "Sent".',
);

/** Numeric text from an expression counts as a number. */
const wholeNumber = (min: number, max: number, fallback: number) =>
	z.preprocess(
		(value) =>
			value === undefined || value === null || value === ''
				? fallback
				: typeof value === 'string'
					? Number(value)
					: value,
		z
			.number({ invalid_type_error: 'must be a whole number' })
			.refine(Number.isInteger, 'must be a whole number')
			.refine((value) => value >= min, `must be ${min} or more`)
			.refine((value) => value <= max, `must be ${max} or less`),
	);

/** A conservative default: LinkedIn takes roughly 100 to 250 a week (docs/unipile-v2.md#linkedin-invitation-limits). */
const WEEKLY_DEFAULT = 80;

export const maxPerWeek = optionField(
	'sendingOptions',
	{
		displayName: 'Max Invitations per Week',
		name: 'maxInvitationsPerWeek',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: WEEKLY_DEFAULT,
		description:
			"Invitations past this many in 7 days are not sent (output skipped: true, reason 'weekly invitation limit'). Counted from the account's pending sent invitations, with this run's. LinkedIn allows roughly 100 to 200 a week.",
	},
	wholeNumber(1, 1000, WEEKLY_DEFAULT),
	'Set "Max Invitations per Week" to a whole number from 1 to 1000.',
);

/**
 * Sending Options of Invitation → Send: pacing and rate-limit waits as for messages, and the weekly
 * limit. "Skip If Already Sent" does not apply: an invitation to someone already invited or
 * connected is skipped from their profile instead.
 */
const messageOptions = sendingOptionsField({ rateLimitRetry: true }).options as INodeProperties[];
export const invitationSendingOptions: INodeProperties = {
	...sendingOptionsField({ rateLimitRetry: true }),
	options: [
		...messageOptions.filter((option) => !['skipIfSent', 'skipWindowHours'].includes(option.name)),
		maxPerWeek.option,
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

/** Chat → Start: the pending invitation the recipient sent (docs/unipile-v2.md#start-a-chat-with-a-pending-relation-request). */
export const pendingInvitation = optionField(
	'additionalFields',
	{
		displayName: 'Pending Invitation ID',
		name: 'invitationId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7449262477600571393',
		description:
			'Needed to write to someone whose invitation you have neither accepted nor declined: its ID, from Invitation > Get Many (type Received), or invitation_id from User > Get Profile on API v2',
	},
	optionalText(),
	'Map the ID of the invitation they sent, e.g. from Invitation > Get Many (type Received).',
);
export const startAdditionalFields = optionalFields('additionalFields', [pendingInvitation.option]);
