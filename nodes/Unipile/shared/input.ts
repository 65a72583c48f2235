import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { z } from 'zod';

import { loadBinaryFiles } from '../../shared/binary';
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

/** `attachments[]` items: base64 MessageFile objects (unipile-api.md §2.4). */
export async function attachmentsOf(context: IExecuteSingleFunctions): Promise<IDataObject[]> {
	const entries = (context.getNodeParameter('attachments.files', []) as FileEntry[]) ?? [];
	const files = await loadBinaryFiles(
		context,
		entries.map((entry) => entry.binaryProperty ?? ''),
		{ field: 'Attachments', maxTotalBytes: MAX_ATTACHMENT_BYTES },
	);
	return files.map((file, index) => ({
		content: file.data.toString('base64'),
		content_type: file.mimeType,
		filename: file.fileName,
		send_mode: entries[index].sendMode ?? 'native',
	}));
}

/** Adds the attachments to the body; a message needs text, files, or both. */
export async function withAttachments(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = (requestOptions.body ?? {}) as IDataObject;
	const text = typeof body.text === 'string' ? body.text : '';
	const attachments = await attachmentsOf(context);
	if (!text.trim() && attachments.length === 0) {
		throw invalidInput(
			context,
			'The "Text" parameter is empty and no file is attached',
			'Write a message in "Text", or add a file under "Attachments".',
		);
	}
	body.text = text;
	if (attachments.length) body.attachments = attachments;
	return { ...requestOptions, body };
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
