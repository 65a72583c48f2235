import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { z } from 'zod';

import type { BinaryFile } from '../../shared/binary';
import { checkBinaryFiles } from '../../shared/binary';
import { invalidInput } from '../../shared/errors';
import type { ParameterSpec } from '../../shared/parameters';
import { readParameters, requiredText } from '../../shared/parameters';

const ACCOUNT_ID = /^[0-9a-fA-F]{24}$/;
const PROFILE_URN = /^urn:li:fsd_profile:[^\s:,()]+$/;
const ANY_URN = /^urn:li:\S+$/;
/** linkedin.com/in/<slug> with any subdomain, query or trailing slash. */
const PROFILE_URL = /^(?:https?:\/\/)?(?:[\w-]+\.)?linkedin\.com\/in\/([^/?#\s]+)\/?(?:[?#].*)?$/i;

const optionalText = () => z.string({ invalid_type_error: 'must be text' }).trim().optional();

export const RECIPIENT_ID_LABEL = 'Recipient Profile ID or URL';
export const RECIPIENT_URN_LABEL = 'Recipient Profile URN';

/** Empty = the API's default account (connectsafely-api.md §1); otherwise a 24-hex account ID. */
export const account = {
	label: 'Account',
	schema: optionalText().refine(
		(value) => !value || ACCOUNT_ID.test(value),
		'must be a 24-character hex account ID, or empty for the default account',
	),
	hint: 'Pick the account from the list, enter its 24-character ID, or leave it empty to use the default account.',
} satisfies ParameterSpec;

function safeDecode(value: string) {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** A vanity slug (`john-doe-123`); a full profile URL is accepted and reduced to its slug. */
export const recipientProfileId = {
	label: RECIPIENT_ID_LABEL,
	schema: optionalText().transform((value, ctx) => {
		if (!value) return '';
		if (/^urn:/i.test(value)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `holds a URN; put URNs in "${RECIPIENT_URN_LABEL}"`,
			});
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
		if (/[\s/?#]/.test(slug)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'must be a profile ID such as john-doe-123, or a profile URL',
			});
			return z.NEVER;
		}
		return slug;
	}),
	hint: 'Enter the part after linkedin.com/in/, e.g. john-doe-123, or paste the whole profile URL.',
} satisfies ParameterSpec;

export const recipientProfileUrn = {
	label: RECIPIENT_URN_LABEL,
	schema: optionalText().refine(
		(value) => !value || PROFILE_URN.test(value),
		'must be a profile URN starting with urn:li:fsd_profile:',
	),
	hint: 'Map the URN from an earlier ConnectSafely node, e.g. urn:li:fsd_profile:ACoAABcdefgh.',
} satisfies ParameterSpec;

const CONVERSATION_HINT =
	'Pick the conversation from the list, or map its conversationUrn from an earlier ConnectSafely node, e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-…).';
const URN_MESSAGE = 'must be a URN starting with urn:li:';

/** A conversation URN: `urn:li:msg_conversation:(…)` or a Sales Navigator `urn:li:salesNav_thread:…`. */
export const conversation = {
	label: 'Conversation',
	schema: requiredText().refine((value) => ANY_URN.test(value), URN_MESSAGE),
	hint: CONVERSATION_HINT,
} satisfies ParameterSpec;

/** The optional "Conversation URN" of a send (skips the recipient lookup). */
export const optionalConversation = {
	label: 'Conversation URN',
	schema: optionalText().refine((value) => !value || ANY_URN.test(value), URN_MESSAGE),
	hint: CONVERSATION_HINT,
} satisfies ParameterSpec;

export const message = {
	label: 'Message',
	schema: requiredText(),
	hint: 'Write the message text in "Message".',
} satisfies ParameterSpec;

/** Reads the specs whose parameters are set (optional collection fields may be absent). */
export function readPresent<S extends Record<string, ParameterSpec>>(
	context: IExecuteSingleFunctions,
	spec: S,
): Partial<ReturnType<typeof readParameters<S>>> {
	const present = Object.fromEntries(
		Object.entries(spec).filter(([name]) => context.getNodeParameter(name, null) !== null),
	) as S;
	return readParameters(context, present);
}

/** `accountId` in the body (POST) or the query (GET, upload), only when an account is chosen. */
export function withAccount(
	requestOptions: IHttpRequestOptions,
	accountId: unknown,
	where: 'body' | 'qs',
): IHttpRequestOptions {
	if (typeof accountId !== 'string' || !accountId) return requestOptions;
	const target = { ...((requestOptions[where] as IDataObject | undefined) ?? {}), accountId };
	return { ...requestOptions, [where]: target };
}

/** Exactly one of the two recipient fields, validated; returns the body fields to send. */
export function readRecipient(context: IExecuteSingleFunctions): IDataObject {
	const { recipientProfileId: id, recipientProfileUrn: urn } = readParameters(context, {
		recipientProfileId,
		recipientProfileUrn,
	});
	if (id && urn) {
		throw invalidInput(
			context,
			`Both "${RECIPIENT_ID_LABEL}" and "${RECIPIENT_URN_LABEL}" are set`,
			'Fill in only one of them: the profile ID or URL (e.g. john-doe-123), or the profile URN (e.g. urn:li:fsd_profile:ACoAABcdefgh).',
		);
	}
	if (!id && !urn) {
		throw invalidInput(
			context,
			`No recipient: "${RECIPIENT_ID_LABEL}" and "${RECIPIENT_URN_LABEL}" are both empty`,
			'Fill in one of them: the profile ID or URL (e.g. https://www.linkedin.com/in/john-doe-123/), or the profile URN (e.g. urn:li:fsd_profile:ACoAABcdefgh).',
		);
	}
	return id ? { recipientProfileId: id } : { recipientProfileUrn: urn };
}

/** The recipient of a send (exactly one of ID/URL and URN) and its optional Conversation URN. */
export function readRecipientAndConversation(context: IExecuteSingleFunctions): IDataObject {
	const recipient = readRecipient(context);
	const { 'additionalFields.conversationUrn': conversationUrn } = readPresent(context, {
		'additionalFields.conversationUrn': optionalConversation,
	});
	return conversationUrn ? { ...recipient, conversationUrn } : recipient;
}

interface FileEntry {
	binaryProperty?: string;
}

/** The upload response's `attachment` object, as `/conversations/send` takes it back (§2.1, §2.2). */
const uploadedAttachment = z.object({
	assetUrn: requiredText().regex(
		ANY_URN,
		'must be the Asset URN that Attachment → Upload returned',
	),
	byteSize: z.coerce
		.number({ invalid_type_error: 'must be a number' })
		.int('must be a whole number of bytes')
		.positive('must be the file size in bytes'),
	mediaType: requiredText(),
	name: requiredText(),
});

const uploadedAttachments = {
	label: 'Attachments → Uploaded Attachment',
	schema: z.array(uploadedAttachment),
	hint: "Map the fields from an Attachment → Upload node's output; their defaults read $json.assetUrn, $json.byteSize, $json.mediaType and $json.name.",
} satisfies ParameterSpec;

interface FileEntry {
	binaryProperty?: string;
}

/**
 * The "Attachments" field: attachments uploaded earlier (sent as they are) and binary files (checked
 * here, uploaded when the item is sent). A missing binary property or a bad upload object fails here.
 */
export async function checkAttachments(
	context: IExecuteSingleFunctions,
): Promise<{ uploaded: IDataObject[]; files: BinaryFile[] }> {
	const { 'attachments.uploaded': uploaded = [] } = readPresent(context, {
		'attachments.uploaded': uploadedAttachments,
	});
	const entries = (context.getNodeParameter('attachments.files', []) as FileEntry[]) ?? [];
	const files = await checkBinaryFiles(
		context,
		entries.map((entry) => entry.binaryProperty ?? ''),
		{ field: 'Attachments' },
	);
	return { uploaded: uploaded.map((file) => ({ file })), files };
}
