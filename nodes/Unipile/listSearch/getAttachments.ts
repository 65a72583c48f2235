import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { attachmentsOf, fileNameOf, isUnavailable } from '../resources/attachment/download';
import { versionOf } from '../shared/transport';
import { selected } from './selected';

/**
 * The attachments of the chosen message, read from the message (docs/unipile-v2.md#get-a-message,
 * docs/unipile-v1.md#retrieve-a-message); ones removed from LinkedIn's servers are left out.
 */
export async function getAttachments(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	const ids = {
		account: selected(this, 'account', 'Account'),
		chat: selected(this, 'chat', 'Chat'),
		message: selected(this, 'message', 'Message'),
	};
	const attachments = await attachmentsOf(this, await versionOf(this), ids);
	return {
		results: attachments
			.filter((attachment) => !isUnavailable(attachment))
			.map((attachment) => ({
				name: `${fileNameOf(attachment) ?? attachment.type ?? attachment.id} (${attachment.mimetype ?? 'file'})`,
				value: attachment.id,
			})),
	};
}
