import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as input from '../../shared/input';
import { ACCOUNT_PATH } from '../../shared/routing';

const show = { resource: ['inbox'], operation: ['getInMailCredits'] };

/** GET /v2/{account_id}/linkedin/inmail-credits?service= (unipile-api.md §2.2, LinkedIn table). */
export const getInMailCreditsOperation: INodePropertyOptions = {
	name: 'Get InMail Credits',
	value: 'getInMailCredits',
	action: 'Get InMail credits',
	description: 'Get how many InMails the account can still send',
	routing: {
		request: { method: 'GET', url: `${ACCOUNT_PATH}/linkedin/inmail-credits` },
		send: { preSend: [input.validated({ account: input.account })] },
	},
};

export const getInMailCreditsFields: INodeProperties[] = [
	{
		displayName: 'Service',
		name: 'service',
		type: 'options',
		default: '',
		description: 'Which LinkedIn product to read credits for',
		displayOptions: { show },
		options: [
			{ name: 'All', value: '' },
			{ name: 'Classic', value: 'classic' },
			{ name: 'Recruiter', value: 'recruiter' },
			{ name: 'Sales Navigator', value: 'sales_navigator' },
		],
		routing: { send: { type: 'query', property: 'service', value: '={{ $value || undefined }}' } },
	},
];
