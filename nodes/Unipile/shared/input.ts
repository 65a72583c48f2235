import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { z } from 'zod';

import type { BinaryFile } from '../../shared/binary';
import type { Request } from '../../shared/delivery';
import { heldUntilSend } from '../../shared/delivery';
import { checkBinaryFiles, jsonWithFiles } from '../../shared/binary';
import { invalidInput } from '../../shared/errors';
import type { ParameterSpec } from '../../shared/parameters';
import { readParameters, requiredText } from '../../shared/parameters';

/** LinkedIn allows 20 MB of attachments per message (seed: unipile-v2-linkedin-send-messages). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const account: ParameterSpec = {
	label: 'Account',
	schema: requiredText().regex(/^acc_.+/, 'must be a Unipile v2 account ID (acc_…)'),
	hint: 'Pick the account from the list, or enter its ID from the Unipile v2 dashboard.',
};

export const chat: ParameterSpec = {
	label: 'Chat',
	schema: requiredText(),
	hint: 'Pick the chat from the list, or map its ID (chat_id) from an earlier node.',
};

export const recipient: ParameterSpec = {
	label: 'Recipient User ID',
	schema: requiredText(),
	hint: "Map the recipient's LinkedIn provider ID, e.g. from a search or a chat participant.",
};

export const inbox: ParameterSpec = { label: 'Inbox', schema: requiredText() };

interface FileEntry {
	binaryProperty?: string;
	sendMode?: 'native' | 'file';
}

interface Attachment {
	file: BinaryFile;
	fields: IDataObject;
}

/**
 * Attachments checked by a send's preSend, encoded only when that item is sent (`encodeBody`), so a
 * run of many items never holds every file at once.
 */
const pendingAttachments = heldUntilSend<Attachment[]>();

/** `attachments[]` items: MessageFile objects with base64 `content` (unipile-api.md §2.4). */
async function checkAttachments(context: IExecuteSingleFunctions): Promise<Attachment[]> {
	const entries = (context.getNodeParameter('attachments.files', []) as FileEntry[]) ?? [];
	const files = await checkBinaryFiles(
		context,
		entries.map((entry) => entry.binaryProperty ?? ''),
		{ field: 'Attachments', maxTotalBytes: MAX_ATTACHMENT_BYTES },
	);
	return files.map((file, index) => ({
		file,
		fields: {
			content_type: file.mimeType,
			filename: file.fileName,
			send_mode: entries[index].sendMode ?? 'native',
		},
	}));
}

/** Checks the attachments and holds them for the send; a message needs text, files, or both. */
export async function withAttachments(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = (requestOptions.body ?? {}) as IDataObject;
	const text = typeof body.text === 'string' ? body.text : '';
	const attachments = await checkAttachments(context);
	if (!text.trim() && attachments.length === 0) {
		throw invalidInput(
			context,
			'The "Text" parameter is empty and no file is attached',
			'Write a message in "Text", or add a file under "Attachments".',
		);
	}
	body.text = text;
	const request = { ...requestOptions, body };
	return attachments.length ? pendingAttachments.hold(request, attachments) : request;
}

/** The JSON body with the held attachments encoded into it, as one buffer. */
export async function encodeBody(
	context: IExecuteSingleFunctions,
	request: Request,
): Promise<Request> {
	const attachments = pendingAttachments.get(request);
	if (!attachments) return request;
	const body = await jsonWithFiles(
		context,
		request.body as IDataObject,
		'attachments',
		attachments,
	);
	return {
		...request,
		body,
		headers: { ...request.headers, 'Content-Type': 'application/json' },
	};
}

/** Comma-separated or array of IDs → trimmed, non-empty list. */
export const idList = z
	.union([z.string(), z.array(z.string())], { invalid_type_error: 'must be a list of IDs' })
	.transform((value) => (Array.isArray(value) ? value : value.split(',')))
	.transform((ids) => ids.map((id) => id.trim()).filter(Boolean));

/** preSend for reads: validates the named parameters before the request. */
export function validated(spec: Record<string, ParameterSpec>) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		readParameters(this, spec);
		return requestOptions;
	};
}
