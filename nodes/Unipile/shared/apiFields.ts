import type { INode } from 'n8n-workflow';

/** The field a parameter comes from, by the node's operation where several fields send it. */
export type Label = string | ((operation: string) => string);

const RECIPIENTS: Record<string, string> = {
	messageApplicant: 'Applicant User ID',
	messageOrganization: 'Organization ID',
	startGroup: 'Member Profile URLs or User IDs',
};

/**
 * Unipile's request parameters (v2 JSON paths, v1 form fields and queries) and the node field each
 * comes from (the fields' display names; test/unipile/errors.test.ts checks that each exists).
 */
export const PARAMETERS: Array<[string[], Label]> = [
	[
		['specifics.linkedin.sales_navigator.subject', 'specifics.linkedin.recruiter.subject'],
		'Subject',
	],
	[['specifics.linkedin.recruiter.signature', 'linkedin[signature]'], 'Signature'],
	[['specifics.linkedin.classic.applicant.messaging_token', 'messaging_token'], 'Messaging Token'],
	[['specifics.linkedin.classic.applicant.id', 'linkedin[applicant_id]'], 'Applicant ID'],
	[['specifics.linkedin.classic.company_topic', 'company_topic', 'linkedin[topic]'], 'Topic'],
	[['linkedin[api]'], 'Inbox'],
	[
		['users_ids', 'attendees_ids'],
		(operation) => RECIPIENTS[operation] ?? 'Recipient Profile URL or User ID',
	],
	[['quote_id'], 'Message to Reply To'],
	[['chat_id'], (operation) => (operation === 'forward' ? 'Destination Chat' : 'Chat')],
	[['account_id'], 'Account'],
	[['attachments', 'voice_message', 'video_message'], 'Attachments'],
	[['subject'], (operation) => (operation === 'startGroup' ? 'Group Name' : 'Subject')],
	[['name'], 'Group Name'],
	[['text'], 'Text'],
	[['reaction'], 'Reaction'],
	[['limit'], 'Limit'],
	[['before'], 'Before'],
	[['after'], 'After'],
	[['service'], 'Service'],
];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether an error detail names the parameter. How Unipile's 400 `detail` names one is not
 * documented (docs/unipile-v2.md#errors): a path such as `specifics.linkedin.…`, `linkedin[…]` or
 * `users_ids` counts wherever it stands; a plain word such as `text` only as `text:` or quoted, so
 * that ordinary words of a sentence do not count.
 */
function names(detail: string, parameter: string): boolean {
	const key = escaped(parameter);
	const pattern = /[._[]/.test(parameter)
		? new RegExp(`(^|[^\\w[\\]])${key}(?![\\w[])`)
		: new RegExp(`(^|[^\\w.[\\]])(${key}\\s*:|(['"\`])${key}\\3)`);
	return pattern.test(detail);
}

const BY_LENGTH = PARAMETERS.flatMap(([parameters, label]) =>
	parameters.map((parameter) => [parameter, label] as const),
).sort(([a], [b]) => b.length - a.length);

/** The field that an API refusal's detail names, with the parameter it names; undefined if none. */
export function fieldNamedIn(
	detail: string | undefined,
	node: INode,
): { label: string; parameter: string } | undefined {
	if (!detail) return undefined;
	const found = BY_LENGTH.find(([parameter]) => names(detail, parameter));
	if (!found) return undefined;
	const [parameter, label] = found;
	const operation = String(node.parameters.operation ?? '');
	return { parameter, label: typeof label === 'string' ? label : label(operation) };
}
