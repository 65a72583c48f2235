import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../shared/parameters';
import { field, optionalText } from '../../shared/parameters';
import type { ItemInputs } from '../../shared/preflight';
import type { UnipileVersion } from './transport';

/**
 * Subjects and signatures of chat starts, by LinkedIn product and API version
 * (docs/unipile-v2.md#inmail-subjects, docs/unipile-v1.md#inmail-subject, docs/unipile-v1.md#linkedin-options).
 */

export const SALES_NAVIGATOR = 'SALES_NAVIGATOR_PRIMARY';
export const RECRUITER = 'RECRUITER_PRIMARY';

const SUBJECT_HINT = 'Write a subject, e.g. Quick question about your Q3 hiring.';

/** The "Subject" field of a start; `show` limits the inboxes it is shown for. */
export const subjectField = (show?: INodeProperties['displayOptions']): Field<string> =>
	field(
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			placeholder: 'e.g. Quick question about your Q3 hiring',
			description:
				"The InMail's subject. Required from the Sales Navigator and Recruiter inboxes on API v2. API v2 takes none from LinkedIn Classic (CLASSIC_PRIMARY), so it is not sent there; API v1 sends it from every inbox.",
			...(show ? { displayOptions: show } : {}),
		},
		optionalText(),
		SUBJECT_HINT,
	);

export const signature = field(
	{
		displayName: 'Signature',
		name: 'signature',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Ana Silva, Talent Partner at Demo Corp',
		description: 'Recruiter only: the signature of the message, required by API v2',
		displayOptions: { show: { inbox: [RECRUITER] } },
	},
	optionalText(),
	'Write the signature, e.g. Ana Silva, Talent Partner at Demo Corp.',
);

/**
 * What a start from `inbox` adds for its product: v2 `specifics.linkedin`, v1 form fields. An
 * InMail is Classic's `inmail` option; a Sales Navigator or Recruiter start is one by itself. A
 * pending invitation from the recipient is Classic's `relation_request_id`, v1's
 * `linkedin[invitation_id]` (docs/unipile-v2.md#start-a-chat-with-a-pending-relation-request).
 */
export function productOptions(
	item: ItemInputs,
	version: UnipileVersion,
	inbox: string,
	{ subject, inmail, invitation }: { subject: Field<string>; inmail: boolean; invitation?: string },
): { specifics?: IDataObject; form: Record<string, string | undefined> } {
	const text = item.get(subject);
	const signed = inbox === RECRUITER ? item.get(signature) : '';
	if (version === 'v1') {
		return {
			form: {
				subject: text || undefined,
				'linkedin[inmail]':
					inmail && inbox !== SALES_NAVIGATOR && inbox !== RECRUITER ? 'true' : undefined,
				'linkedin[invitation_id]': invitation || undefined,
				'linkedin[signature]': signed || undefined,
			},
		};
	}
	const classic = {
		...(inmail && inbox !== SALES_NAVIGATOR && inbox !== RECRUITER ? { inmail: true } : {}),
		...(invitation ? { relation_request_id: invitation } : {}),
	};
	const withClassic = (linkedin: IDataObject): IDataObject => ({
		linkedin: Object.keys(classic).length ? { classic, ...linkedin } : linkedin,
	});
	const needed = (label: string, what: string, hint: string) =>
		item.fail(`The "${label}" parameter is empty: API v2 needs ${what}`, hint);
	if (inbox === SALES_NAVIGATOR) {
		if (!text)
			needed('Subject', 'a subject from Sales Navigator (SALES_NAVIGATOR_PRIMARY)', SUBJECT_HINT);
		return { specifics: withClassic({ sales_navigator: { subject: text } }), form: {} };
	}
	if (inbox === RECRUITER) {
		if (!text) needed('Subject', 'a subject from Recruiter (RECRUITER_PRIMARY)', SUBJECT_HINT);
		if (!signed)
			needed('Signature', 'a signature from Recruiter (RECRUITER_PRIMARY)', signature.hint);
		return {
			specifics: withClassic({ recruiter: { subject: text, signature: signed } }),
			form: {},
		};
	}
	return { specifics: Object.keys(classic).length ? withClassic({}) : undefined, form: {} };
}
