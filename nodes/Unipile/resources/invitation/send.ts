import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { field, optionalText, optionField, path } from '../../../shared/parameters';
import { pacingNotice, readSending, sendingOptionsField } from '../../../shared/sendingOptions';
import { accountOf, recipient } from '../../shared/fields';
import type { Profile } from '../../shared/profiles';
import { profileOf } from '../../shared/profiles';
import { MESSAGE } from '../../../shared/sendPipeline';
import { unipileSend } from '../../shared/sending';
import { plannedInRun, weeklyRoom } from './weekly';

/** Characters (code points) LinkedIn takes in an invitation note (docs/unipile-v1.md#send-an-invitation). */
const NOTE_LIMIT = 300;

const note = field(
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

const maxPerWeek = optionField(
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

/** Pacing and rate-limit waits as for messages, and the weekly limit; skips come from the profile. */
const invitationSendingOptions = sendingOptionsField({
	rateLimitRetry: true,
	noSkip: true,
	more: [maxPerWeek.option],
});

/** Paced and pre-flighted like a message; errors count invitations. */
const INVITATION = {
	...MESSAGE,
	noun: 'invitation',
	again: 'Running the workflow again skips whoever was invited: their profile shows it.',
};

/** Why an invitation to this person is not sent, from their profile. */
function skipReason(person: Profile): string | undefined {
	if (person.is_connected) return 'already connected';
	if (person.pending_invitation === 'sent') return 'already invited';
	if (person.pending_invitation === 'received') return 'invited you';
	return undefined;
}

/** v2 answers the request itself (its `id`), v1 `invitation_id`: output both as `invitation_id`. */
async function withInvitationId(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) =>
		item.json.invitation_id === undefined && item.json.object === 'RelationRequest'
			? { ...item, json: { invitation_id: item.json.id, ...item.json } }
			: item,
	);
}

/**
 * Invitation → Send: a connection request. v2 `POST /v2/{account_id}/users/me/relation-requests`
 * `{user_id, message?}` (docs/unipile-v2.md#send-a-relation-request); v1 `POST /api/v1/users/invite`
 * JSON `{provider_id, account_id, message?}` (docs/unipile-v1.md#send-an-invitation). Both take a
 * provider ID only: the pre-flight reads the profile (which also says whether the person is
 * connected or invited already, docs/unipile-v2.md#get-a-user-profile), and counts the week's
 * invitations (./weekly.ts); an item it skips makes no request (docs/sending.md#skips).
 */
export const send: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send an invitation',
		description:
			"Send a LinkedIn connection request (invitation) to a person, given their profile URL (linkedin.com/in/…), public identifier or provider ID, with an optional note of up to 300 characters. Returns invitation_id. Does not send, and returns skipped: true with a reason ('already connected', 'already invited', 'invited you', 'weekly invitation limit'), when the person is connected or invited already or the account's weekly limit is reached.",
		routing: {
			...unipileSend(async (item, version) => {
				// Pacing options first: a bad one fails before the profile is read.
				readSending(item);
				const account = accountOf(item, version);
				const input = item.get(recipient);
				const message = item.get(note);
				const max = item.get(maxPerWeek);
				const person = await profileOf(item, recipient, input, version, account);
				if (person.is_self) {
					item.fail(
						`The "${recipient.label}" parameter is the account itself (${person.provider_id})`,
						'Map the profile of the person to invite.',
					);
				}
				const userId = person.provider_id;
				const request =
					version === 'v2'
						? {
								url: path`/${account}/users/me/relation-requests`,
								body: {
									as: 'json' as const,
									fields: { user_id: userId, ...(message ? { message } : {}) },
								},
							}
						: {
								url: '/users/invite',
								body: {
									as: 'json' as const,
									fields: {
										provider_id: userId,
										account_id: account,
										...(message ? { message } : {}),
									},
								},
							};
				const who: IDataObject = {
					provider_id: userId,
					name: person.name,
					profile_url: person.profile_url,
				};
				let skip: ({ reason: string } & IDataObject) | undefined;
				const reason =
					skipReason(person) ??
					(plannedInRun(item, account, userId) ? 'already invited' : undefined);
				if (reason) {
					skip = {
						reason,
						...who,
						...(reason === 'invited you' ? { invitation_id: person.invitation_id } : {}),
					};
				} else {
					const week = await weeklyRoom(item, version, account, userId, max);
					if (!week.fits)
						skip = {
							reason: 'weekly invitation limit',
							...who,
							sent_this_week: week.count,
							max_per_week: max,
						};
				}
				return {
					version,
					account,
					to: `${person.name ?? 'recipient'} (${userId})`,
					method: 'POST' as const,
					...request,
					// Two executions inviting this person at once: the second is skipped in its turn.
					once: { key: userId, skip: { reason: 'already invited', ...who } },
					...(skip ? { skip } : {}),
				};
			}, INVITATION),
			output: { postReceive: [withInvitationId] },
		},
	},
	fields: [recipient.property, note.property, invitationSendingOptions, pacingNotice],
};
