import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryPropertyField } from '../../shared/descriptions';
import { field, optionField, optionalText, pathId, requiredText } from '../../shared/parameters';
import type { ItemInputs } from '../../shared/preflight';
import { sendingOptionsField } from '../../shared/sendingOptions';

/** The ConnectSafely fields, each once: what the user sees and how one item's value is checked. */

const ACCOUNT_ID = /^[0-9a-fA-F]{24}$/;
const PROFILE_URN = /^urn:li:fsd_profile:[^\s:,()]+$/;
const ANY_URN = /^urn:li:\S+$/;
/** linkedin.com/in/<slug> with any subdomain, query or trailing slash. */
const PROFILE_URL = /^(?:https?:\/\/)?(?:[\w-]+\.)?linkedin\.com\/in\/([^/?#\s]+)\/?(?:[?#].*)?$/i;

/**
 * The LinkedIn account to act as; empty = the key's default account, and `accountId` is left out of
 * the request (docs/connectsafely.md#accounts-and-accountid).
 */
export const account = field(
	{
		displayName: 'Account',
		name: 'account',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			'The connected LinkedIn account to act as. Leave empty to use the default account of the API key.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an account...',
				typeOptions: { searchListMethod: 'getAccounts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 60d21b4667d0d8992e610c85',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[0-9a-fA-F]{24}$',
							errorMessage: 'ConnectSafely account IDs are 24 hexadecimal characters',
						},
					},
				],
			},
		],
	},
	optionalText().refine(
		(value) => !value || ACCOUNT_ID.test(value),
		'must be a 24-character hex account ID, or empty for the default account',
	),
	'Pick the account from the list, enter its 24-character ID, or leave it empty to use the default account.',
);

const CONVERSATION_HINT =
	'Pick the conversation from the list, or map its conversationUrn from an earlier ConnectSafely node, e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-…).';
const URN_MESSAGE = 'must be a URN starting with urn:li:';

/** `urn:li:msg_conversation:(…)`, or a Sales Navigator `urn:li:salesNav_thread:…`. */
export const conversation = field(
	{
		displayName: 'Conversation',
		name: 'conversationUrn',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The conversation to act on. The list shows the conversations of the Account above, or of the default account when Account is empty.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a conversation...',
				typeOptions: { searchListMethod: 'getConversations', searchable: true },
			},
			{
				displayName: 'By URN',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoAABcdefgh,2-YTlk)',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^urn:li:.+',
							errorMessage: 'Conversation URNs start with urn:li:',
						},
					},
				],
			},
		],
	},
	pathId().refine((value) => ANY_URN.test(value), URN_MESSAGE),
	CONVERSATION_HINT,
);

const RECIPIENT_ID_LABEL = 'Recipient Profile ID or URL';
const RECIPIENT_URN_LABEL = 'Recipient Profile URN';

function safeDecode(value: string) {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/**
 * A vanity slug (`john-doe-123`); a whole profile URL is reduced to its slug, '' when empty. A URN
 * is refused with `urnMessage`.
 */
function profileSlug(urnMessage: string) {
	return optionalText().transform((value, ctx) => {
		if (!value) return '';
		if (/^urn:/i.test(value)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: urnMessage });
			return z.NEVER;
		}
		let slug = value;
		if (/linkedin\.com|^https?:/i.test(value)) {
			const match = PROFILE_URL.exec(value);
			if (!match) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: 'is not a LinkedIn profile URL like https://www.linkedin.com/in/john-doe-123/',
				});
				return z.NEVER;
			}
			slug = safeDecode(match[1]);
		}
		if (/[\s/?#]/.test(slug) || slug === '.' || slug === '..') {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'must be a profile ID such as john-doe-123, or a profile URL',
			});
			return z.NEVER;
		}
		return slug;
	});
}

export const recipientProfileId = field(
	{
		displayName: RECIPIENT_ID_LABEL,
		name: 'recipientProfileId',
		type: 'string',
		default: '',
		placeholder: 'e.g. john-doe-123 or https://www.linkedin.com/in/john-doe-123/',
		description:
			"The recipient's public profile ID (the part after linkedin.com/in/) or their whole profile URL",
		displayOptions: { show: { recipientBy: ['profileId'] } },
	},
	profileSlug(`holds a URN; put URNs in "${RECIPIENT_URN_LABEL}"`),
	'Enter the part after linkedin.com/in/, e.g. john-doe-123, or paste the whole profile URL.',
);

/**
 * The person a read is about (Relationship → Check, Profile → Get): ConnectSafely takes only the
 * vanity slug there (docs/connectsafely.md#relationship-status, docs/connectsafely.md#fetch-a-profile).
 */
export const profile = field(
	{
		displayName: 'Profile ID or URL',
		name: 'profileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. john-doe-123 or https://www.linkedin.com/in/john-doe-123/',
		description:
			"The person's public profile ID (the part after linkedin.com/in/) or their whole profile URL",
	},
	profileSlug(
		'holds a URN; ConnectSafely takes the profile ID here, the part after linkedin.com/in/',
	).refine((value) => value !== '', 'is empty'),
	'Enter the part after linkedin.com/in/, e.g. john-doe-123, or paste the whole profile URL.',
);

export const recipientProfileUrn = field(
	{
		displayName: RECIPIENT_URN_LABEL,
		name: 'recipientProfileUrn',
		type: 'string',
		default: '',
		placeholder: 'e.g. urn:li:fsd_profile:ACoAABcdefgh',
		description: "The recipient's profile URN, preferred by ConnectSafely when known",
		displayOptions: { show: { recipientBy: ['profileUrn'] } },
	},
	optionalText().refine(
		(value) => !value || PROFILE_URN.test(value),
		'must be a profile URN starting with urn:li:fsd_profile:',
	),
	'Map the URN from an earlier ConnectSafely node, e.g. urn:li:fsd_profile:ACoAABcdefgh.',
);

export const message = field(
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Hi Ana, thanks for connecting!',
		description: 'The text to send',
	},
	requiredText(),
	'Write the message text in "Message".',
);

export const subject = optionField(
	'additionalFields',
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		placeholder: 'e.g. Quick question about your work',
		description: 'Subject line of the message',
	},
	optionalText(),
	'Enter a subject, or leave it empty.',
);

export const conversationUrn = optionField(
	'additionalFields',
	{
		displayName: 'Conversation URN',
		name: 'conversationUrn',
		type: 'string',
		default: '',
		placeholder: 'e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoAABcdefgh,2-YTlk)',
		description:
			'URN of an existing conversation with this recipient; ConnectSafely then skips the recipient lookup',
	},
	optionalText().refine((value) => !value || ANY_URN.test(value), URN_MESSAGE),
	CONVERSATION_HINT,
);

/** How the recipient is given: one field shows, for the way picked. */
export const recipientBy = field(
	{
		displayName: 'Recipient By',
		name: 'recipientBy',
		type: 'options',
		default: 'profileId',
		description: 'How to identify the person to write to',
		options: [
			{
				name: 'Profile ID or URL',
				value: 'profileId',
				description: 'The part after linkedin.com/in/, or the whole profile URL',
			},
			{ name: 'Profile URN', value: 'profileUrn', description: 'A URN like urn:li:fsd_profile:…' },
		],
	},
	z.enum(['profileId', 'profileUrn']).default('profileId'),
	'Pick "Profile ID or URL" or "Profile URN".',
);

/** The recipient, as body fields: the one field "Recipient By" shows. */
export function recipientOf(item: ItemInputs) {
	if (item.get(recipientBy) === 'profileUrn') {
		const urn = item.get(recipientProfileUrn);
		if (!urn)
			item.fail(`The "${RECIPIENT_URN_LABEL}" parameter is empty`, recipientProfileUrn.hint);
		return { recipientProfileUrn: urn };
	}
	const id = item.get(recipientProfileId);
	if (!id) {
		item.fail(
			`The "${RECIPIENT_ID_LABEL}" parameter is empty`,
			`${recipientProfileId.hint} To give a profile URN instead, set "Recipient By" to Profile URN.`,
		);
	}
	return { recipientProfileId: id };
}

/** The recipient fields, for the operations that take a recipient. */
export const recipientFields = [
	recipientBy.property,
	recipientProfileId.property,
	recipientProfileUrn.property,
];

/** The upload response's `attachment`, as `/conversations/send` takes it back (docs/connectsafely.md#send-a-message). */
const uploaded = z.object({
	assetUrn: requiredText().refine(
		(value) => ANY_URN.test(value),
		'must be the Asset URN that Attachment → Upload returned',
	),
	byteSize: z.coerce
		.number({ invalid_type_error: 'must be a number' })
		.int('must be a whole number of bytes')
		.positive('must be the file size in bytes'),
	mediaType: requiredText(),
	name: requiredText(),
});

/**
 * Files from the item's binary fields (uploaded when the item is sent) and attachments an Upload
 * operation returned (sent as they are).
 */
export const attachments = field(
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description:
			'Files to send with the message: binary fields of the item (uploaded when sent) or attachments an Upload operation returned. PNG, JPEG, GIF and WebP images show inline; other types arrive as downloadable files.',
		options: [
			{ displayName: 'File', name: 'files', values: [binaryPropertyField] },
			{
				// Defaults map the output of an Attachment → Upload node placed right before.
				displayName: 'Uploaded Attachment',
				name: 'uploaded',
				values: [
					{
						displayName: 'Asset URN',
						name: 'assetUrn',
						type: 'string',
						default: '={{ $json.assetUrn }}',
						placeholder: 'e.g. urn:li:digitalmediaAsset:D4E10AQF',
						description: 'The assetUrn returned by Attachment → Upload',
					},
					{
						displayName: 'Byte Size',
						name: 'byteSize',
						// A string field so that its default can be an expression; sent as a number.
						type: 'string',
						default: '={{ $json.byteSize }}',
						placeholder: 'e.g. 48213',
						description: 'The byteSize returned by Attachment → Upload',
					},
					{
						displayName: 'Media Type',
						name: 'mediaType',
						type: 'string',
						default: '={{ $json.mediaType }}',
						placeholder: 'e.g. image/png',
						description: 'The mediaType returned by Attachment → Upload',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '={{ $json.name }}',
						placeholder: 'e.g. photo.png',
						description: 'The name returned by Attachment → Upload',
					},
				],
			},
		],
	},
	z
		.object({
			files: z.array(z.object({ binaryProperty: optionalText() })).default([]),
			uploaded: z.array(uploaded).default([]),
		})
		.default({}),
	"Map the fields from an Attachment → Upload node's output (their defaults read $json.assetUrn, $json.byteSize, $json.mediaType and $json.name), and name each file's binary field, e.g. data.",
);

/**
 * Shown once Send InMail or Send With Typing Indicator is picked: their `/linkedin/messaging/*`
 * endpoints are deprecated by ConnectSafely (docs/connectsafely.md#send-an-inmail).
 */
export const deprecatedNotice: INodeProperties = {
	displayName:
		'ConnectSafely marks this endpoint deprecated: it may stop working. Message → Send is the current way to send a message; it has no InMail or typing indicator option, so this operation stays for those.',
	name: 'deprecatedNotice',
	type: 'notice',
	default: '',
};

/** "Sending Options" of the ConnectSafely sends (no retry-after waits: its 429s are daily quotas). */
export const sendingOptions = sendingOptionsField();
