import type { IExecuteSingleFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { path } from '../../shared/parameters';
import type { UnipileVersion } from './transport';
import { unipileRequest } from './transport';

/**
 * An attachment as a message lists it: v2 `filename` and `is_unavailable`
 * (docs/unipile-v2.md#download-an-attachment), v1 `file_name` (files only) and `unavailable`
 * (docs/unipile-v1.md#download-an-attachment).
 */
export interface Attachment {
	id: string;
	mimetype?: string;
	type?: string;
	file_size?: number;
	filename?: string;
	file_name?: string;
	is_unavailable?: boolean;
	unavailable?: boolean;
}

export const fileNameOf = (attachment: Attachment): string | undefined =>
	attachment.filename || attachment.file_name || undefined;

export const isUnavailable = (attachment: Attachment): boolean =>
	attachment.is_unavailable === true || attachment.unavailable === true;

/** A message's attachments: v2 through its chat, v1 by the message ID alone. */
export async function attachmentsOf(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	version: UnipileVersion,
	ids: { account: string; chat: string; message: string },
): Promise<Attachment[]> {
	const url =
		version === 'v2'
			? path`/${ids.account}/chats/${ids.chat}/messages/${ids.message}`
			: path`/messages/${ids.message}`;
	const found = await unipileRequest<{ attachments?: Attachment[] }>(context, 'GET', url);
	return found.attachments ?? [];
}
