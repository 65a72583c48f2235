import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';
import { notOnV1 } from '../../shared/transport';

/** Inbox → Get Many: the account's inboxes (docs/unipile-v2.md#list-inboxes); API v2 only. */
export const getAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many inboxes',
		description:
			"(API v2 only) List the account's LinkedIn inboxes (e.g. CLASSIC_PRIMARY, SALES_NAVIGATOR_PRIMARY); only a Primary inbox starts chats",
		routing: {
			...unipileRead((item, version) => {
				if (version === 'v1') {
					notOnV1(
						item,
						'Inbox → Get Many',
						'API v1 has no inboxes: each chat carries its folder (Chat → Get Many).',
					);
				}
				return { method: 'GET', url: path`/${accountOf(item, version)}/inboxes` };
			}),
			output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
		},
	},
	fields: [],
};
