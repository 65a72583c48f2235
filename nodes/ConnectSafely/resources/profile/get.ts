import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/descriptions';
import { fixableError } from '../../../shared/errors';
import { field } from '../../../shared/parameters';
import { readRouting } from '../../../shared/readRouting';
import { parseBody } from '../../shared/errors';
import { account, profile } from '../../shared/fields';

const flag = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'boolean' as const,
	default: false,
	description,
});

const options = field(
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			flag(
				'Force Refresh',
				'forceRefresh',
				"Whether to fetch the profile from LinkedIn again instead of ConnectSafely's copy of up to 6 hours ago. Counts against the 120 profiles a day even for a profile fetched today.",
			),
			flag(
				'Include Contact Info',
				'includeContact',
				'Whether to add email and phone where the person shows them to the account',
			),
			flag('Include Education', 'includeEducation', "Whether to add the person's education"),
			flag('Include Experience', 'includeExperience', "Whether to add the person's positions"),
			flag(
				'Include Location Details',
				'includeGeoLocation',
				'Whether to add city, state and country (geoLocation)',
			),
			flag('Include Skills', 'includeSkills', "Whether to add the person's skills"),
		],
	},
	z
		.object({
			forceRefresh: z.boolean().optional(),
			includeContact: z.boolean().optional(),
			includeEducation: z.boolean().optional(),
			includeExperience: z.boolean().optional(),
			includeGeoLocation: z.boolean().optional(),
			includeSkills: z.boolean().optional(),
		})
		.default({}),
	'Turn each option on or off.',
);

/**
 * A profile that does not exist comes back as 200 with an empty `profile`
 * (docs/connectsafely.md#fetch-a-profile): the item fails, naming the profile ID.
 */
async function failWhenNotFound(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = parseBody(response.body) as IDataObject | undefined;
	const found = body?.profile as IDataObject | undefined;
	if (found && typeof found === 'object' && found.entityUrn) return items;
	throw fixableError(
		this.getNode(),
		`ConnectSafely found no LinkedIn profile "${String(body?.profileId ?? this.getNodeParameter(profile.name, ''))}"`,
		`Check "${profile.label}": the part after linkedin.com/in/ of an existing profile, or the whole profile URL.`,
		this.getItemIndex(),
	);
}

/**
 * Profile → Get: `POST /linkedin/profile` `{accountId?, profileId, include…?, forceRefresh?}`
 * (docs/connectsafely.md#fetch-a-profile). ConnectSafely caches profiles for 6 hours and allows 120
 * fresh ones a day per account.
 */
export const get: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a profile',
		description:
			"Get a LinkedIn person's profile, given their profile ID or profile URL: name, headline, location, profile URN (entityUrn, what other operations take as profileUrn), connectionDegree, isConnected, invitationSent and, on request, experience, education, skills and contact info. Up to 6 hours old unless Force Refresh is on.",
		routing: {
			...readRouting((item) => {
				const accountId = item.get(account);
				return {
					method: 'POST',
					url: '/linkedin/profile',
					body: {
						as: 'json',
						fields: {
							...(accountId ? { accountId } : {}),
							profileId: item.get(profile),
							...item.get(options),
						},
					},
				};
			}),
			output: { postReceive: [failWhenNotFound] },
		},
	},
	fields: [profile.property, options.property],
};
