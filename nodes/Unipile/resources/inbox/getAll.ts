import type { INodePropertyOptions } from 'n8n-workflow';

import { path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';

/** Inbox → Get Many: the account's inboxes (docs/unipile-v2.md#list-inboxes). */
export const getAllInboxesOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many inboxes',
	description: 'List the inboxes of the account (e.g. CLASSIC_PRIMARY, SALES_NAVIGATOR_PRIMARY)',
	routing: {
		...unipileRead((item, version) => ({
			method: 'GET',
			url: path`/${accountOf(item, version)}/inboxes`,
		})),
		output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
	},
};
