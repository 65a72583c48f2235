import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as input from '../../shared/input';
import { ACCOUNT_PATH } from '../../shared/routing';

/** GET /v2/{account_id}/inboxes → `{data: [{object:"Inbox", id, description?, disabled}]}` (§2.2). */
export const getAllInboxesOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many inboxes',
	description: 'List the inboxes of the account (e.g. CLASSIC_PRIMARY, SALES_NAVIGATOR_PRIMARY)',
	routing: {
		request: { method: 'GET', url: `${ACCOUNT_PATH}/inboxes` },
		send: { preSend: [input.validated({ account: input.account })] },
		output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
	},
};

export const getAllInboxesFields: INodeProperties[] = [];
