import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { field, path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';
import { notOnV1 } from '../../shared/transport';

const service = field(
	{
		displayName: 'Service',
		name: 'service',
		type: 'options',
		default: '',
		description:
			'(API v2 only) Which LinkedIn product to read credits for; API v1 returns every product, so keep All there',
		options: [
			{ name: 'All', value: '' },
			{ name: 'Classic', value: 'classic' },
			{ name: 'Recruiter', value: 'recruiter' },
			{ name: 'Sales Navigator', value: 'sales_navigator' },
		],
	},
	z.enum(['', 'classic', 'recruiter', 'sales_navigator']).default(''),
	'Pick a service from the list.',
);

/**
 * Inbox → Get InMail Credits: v2 `GET /v2/{account_id}/linkedin/inmail-credits`
 * (docs/unipile-v2.md#inmail-credits), v1 `GET /linkedin/inmail_balance` (docs/unipile-v1.md#inmail-balance).
 */
export const getInMailCredits: Operation = {
	option: {
		name: 'Get InMail Credits',
		value: 'getInMailCredits',
		action: 'Get InMail credits',
		description: 'Get how many LinkedIn InMails the account can still send, per LinkedIn product',
		routing: unipileRead((item, version) => {
			const accountId = accountOf(item, version);
			const product = item.get(service);
			if (version === 'v2') {
				return {
					method: 'GET',
					url: path`/${accountId}/linkedin/inmail-credits`,
					qs: { service: product },
				};
			}
			if (product) {
				notOnV1(
					item,
					'Choosing a "Service"',
					'Set "Service" to All: API v1 returns every product.',
				);
			}
			return { method: 'GET', url: '/linkedin/inmail_balance', qs: { account_id: accountId } };
		}),
	},
	fields: [service.property],
};
