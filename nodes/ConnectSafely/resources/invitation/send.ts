import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { field, optionalText, path } from '../../../shared/parameters';
import type { ItemInputs } from '../../../shared/preflight';
import { pacingNotice, sendingOptionsField } from '../../../shared/sendingOptions';
import { recipientBy, recipientFields, recipientOf, recipientProfileId } from '../../shared/fields';
import type { Kind } from '../../../shared/sendPipeline';
import { connectSafelySend, sendingAccount } from '../../shared/sending';
import { connectSafelyRequest } from '../../shared/transport';

/** Connection requests: paced in the account's lane like its messages. */
const INVITATION: Kind = {
	noun: 'connection request',
	paced: true,
	again: 'Running the workflow again skips whoever was invited: their relationship shows it.',
};

/** LinkedIn's limit on an invitation's note (docs/connectsafely.md#send-a-connection-request). */
const NOTE_MAX_LENGTH = 300;

const note = field(
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. Hi Ana, I enjoyed your talk on outbound sales and would like to connect.',
		description: `Optional personal note, at most ${NOTE_MAX_LENGTH} characters. Leave empty to send the invitation without one.`,
	},
	optionalText().superRefine((value, ctx) => {
		if (value.length > NOTE_MAX_LENGTH) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `is ${value.length} characters long, over LinkedIn's limit of ${NOTE_MAX_LENGTH}`,
			});
		}
	}),
	`Shorten the note to ${NOTE_MAX_LENGTH} characters or fewer, or leave it empty.`,
);

/** Only the pacing options: an invitation is skipped from the relationship instead. */
const sendingOptions = sendingOptionsField({ noSkip: true });

/** `GET /linkedin/relationship/{accountId}/{profileId}`'s answer (docs/connectsafely.md#relationship-status). */
interface Relationship extends IDataObject {
	connected?: boolean;
	invitationSent?: boolean;
}

/**
 * Why an invitation to this person is not a send: the account is connected with them, or its
 * invitation to them is pending. Read from the relationship, not from the API's error texts
 * (docs/connectsafely.md#already-connected-or-already-invited).
 */
async function alreadyRelated(item: ItemInputs, accountId: string, profileId: string) {
	const relationship = await connectSafelyRequest<Relationship>(
		item.context,
		'GET',
		path`/linkedin/relationship/${accountId}/${profileId}`,
		{ ids: [{ label: recipientProfileId.label, value: profileId }] },
	);
	if (relationship.connected === true) return { reason: 'already connected', relationship };
	if (relationship.invitationSent === true) return { reason: 'already invited', relationship };
	return undefined;
}

/**
 * Invitation → Send: `POST /linkedin/connect` `{accountId, profileId | profileUrn, customMessage?}`
 * (docs/connectsafely.md#send-a-connection-request), paced in the account's lane like its messages.
 * The pre-flight checks each person's relationship first: someone already connected or invited is
 * skipped without a request. ConnectSafely checks relationships by profile ID only, so a URN
 * recipient is not checked (ConnectSafely then refuses the request, and nothing is sent).
 */
export const send: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a connection request',
		description:
			'Send a LinkedIn connection request to a person, given their profile ID, profile URL or profile URN, with an optional note of up to 300 characters. Someone already connected or already invited is skipped (skipped: true, reason) without a request. ConnectSafely allows 90 a week per account.',
		routing: connectSafelySend(async (item) => {
			const accountId = await sendingAccount(item);
			const recipient = recipientOf(item);
			const customMessage = item.get(note);
			const profileId = recipient.recipientProfileId;
			const skip = profileId ? await alreadyRelated(item, accountId, profileId) : undefined;
			const person = profileId ? { profileId } : { profileUrn: recipient.recipientProfileUrn };
			return {
				account: accountId,
				recipient: profileId ?? recipient.recipientProfileUrn,
				method: 'POST',
				url: '/linkedin/connect',
				body: {
					as: 'json',
					fields: {
						accountId,
						...person,
						...(customMessage ? { customMessage } : {}),
					},
				},
				// A person listed twice, or invited by two executions at once: the later is skipped in its turn.
				once: {
					key: profileId ?? String(recipient.recipientProfileUrn),
					skip: { reason: 'already invited', ...person },
				},
				...(skip ? { skip } : {}),
			};
		}, INVITATION),
	},
	fields: [
		{ ...recipientBy.property, description: 'How to identify the person to invite' },
		...recipientFields.slice(1),
		note.property,
		sendingOptions,
		pacingNotice,
	],
};
