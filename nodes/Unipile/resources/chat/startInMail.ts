import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { base64 } from '../../../shared/request';
import { pacingNotice } from '../../../shared/sendingOptions';
import {
	accountOf,
	attachments,
	inbox,
	linkedinApi,
	recipient,
	sendingOptions,
	text,
} from '../../shared/fields';
import { recipientOf } from '../../shared/profiles';
import { messageContent, unipileSend } from '../../shared/sending';
import { productOptions, signature, subjectField } from '../../shared/subjects';

/** Always shown: v1 sends the subject of a Classic InMail too. */
const inMailSubject = subjectField();

/**
 * Chat → Start with InMail: Start with `specifics.linkedin.classic.inmail` on v2
 * (docs/unipile-v2.md#linkedin-specifics; some guides show an older `options` key, the spec's
 * field is `specifics`), `linkedin[inmail]=true` on v1 (docs/unipile-v1.md#start-a-chat). From the
 * Sales Navigator or Recruiter inbox the start is an InMail by itself, with that product's subject
 * (docs/unipile-v2.md#inmail-subjects, docs/unipile-v1.md#inmail-subject).
 */
export const startInMail: Operation = {
	option: {
		name: 'Start with InMail',
		value: 'startInMail',
		action: 'Send an InMail',
		description:
			'Start a LinkedIn chat with an InMail, with a subject, for a person who is not a connection, given their profile URL, public identifier or provider ID; uses one InMail credit. Returns chat_id and message_id.',
		routing: unipileSend(async (item, version) => {
			const account = accountOf(item, version);
			const inboxId = item.get(inbox);
			const input = item.get(recipient);
			const { specifics, form } = productOptions(item, version, inboxId, {
				subject: inMailSubject,
				inmail: true,
			});
			const { text: message, files } = await messageContent(item, version);
			const userId = await recipientOf(item, recipient, input, version, account, inboxId);
			const common = {
				version,
				account,
				recipient: userId,
				text: message,
				method: 'POST' as const,
			};
			if (version === 'v2') {
				return {
					...common,
					url: path`/${account}/inboxes/${inboxId}/chats/send`,
					body: {
						as: 'json',
						fields: {
							users_ids: userId,
							text: message,
							...(specifics ? { specifics } : {}),
							...(files.length
								? {
										attachments: files.map(({ file, sendMode }) => ({
											content: base64(file),
											content_type: file.mimeType,
											filename: file.fileName,
											send_mode: sendMode,
										})),
									}
								: {}),
						},
					},
				};
			}
			return {
				...common,
				url: '/chats',
				body: {
					as: 'multipart',
					fields: {
						account_id: account,
						attendees_ids: userId,
						text: message,
						'linkedin[api]': linkedinApi(item, inboxId),
						...form,
						attachments: files.map(({ file }) => file),
					},
				},
			};
		}),
	},
	fields: [
		inbox.property,
		recipient.property,
		inMailSubject.property,
		text.property,
		signature.property,
		attachments.property,
		sendingOptions,
		pacingNotice,
	],
};
