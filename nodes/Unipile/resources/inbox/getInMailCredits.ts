import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { field, path } from '../../../shared/parameters';
import { accountOf, showFor } from '../../shared/fields';
import { unipileRead } from '../../shared/reads';

const show = showFor('inbox', 'getInMailCredits');

const service = field(
	{
		displayName: 'Service',
		name: 'service',
		type: 'options',
		default: '',
		description: 'Which LinkedIn product to read credits for',
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

/** Inbox → Get InMail Credits (docs/unipile-v2.md#inmail-credits). */
export const getInMailCreditsOperation: INodePropertyOptions = {
	name: 'Get InMail Credits',
	value: 'getInMailCredits',
	action: 'Get InMail credits',
	description: 'Get how many InMails the account can still send',
	routing: unipileRead((item, version) => ({
		method: 'GET',
		url: path`/${accountOf(item, version)}/linkedin/inmail-credits`,
		qs: { service: item.get(service) },
	})),
};

export const getInMailCreditsFields: INodeProperties[] = [service.property(show)];
