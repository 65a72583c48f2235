import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { simplify } from '../../../shared/descriptions';
import { fixableError } from '../../../shared/errors';
import { field, requiredText } from '../../../shared/parameters';
import { readRouting } from '../../../shared/readRouting';
import { accountOf } from '../../shared/fields';
import {
	checkedIdentifier,
	identifierOf,
	profileRequest,
	simplifyProfile,
} from '../../shared/profiles';
import { checkedVersion, versionOf } from '../../shared/transport';

export const profile = field(
	{
		displayName: 'Profile',
		name: 'profile',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://www.linkedin.com/in/jane-doe/',
		description:
			"The person's LinkedIn profile URL, its public identifier (jane-doe) or their provider ID (ACo…)",
	},
	requiredText(),
	'Map a profile URL such as https://www.linkedin.com/in/jane-doe/, its last part, or a provider ID.',
);

/** The profile's output: simplified unless "Simplify" is off; a 404 names the field. */
async function readProfile(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const outcome = await this.makeRoutingRequest(requestData).then(
		(items) => ({ items }),
		(error: unknown) => ({ error }),
	);
	if ('error' in outcome) {
		const { error } = outcome;
		if (!(error instanceof NodeApiError) || error.httpCode !== '404') throw error;
		const value = String(this.getNodeParameter('profile', ''));
		throw fixableError(
			this.getNode(),
			`No LinkedIn profile found for "${identifierOf(value) ?? value}" (the "Profile" parameter)`,
			'Check the profile URL or public identifier in "Profile": it must open a LinkedIn profile.',
			this.getItemIndex(),
		);
	}
	const { items } = outcome;
	if (!this.getNodeParameter('simplify', true)) return items;
	const version = await versionOf(this);
	return items.map((entry) => ({ ...entry, json: simplifyProfile(entry.json, version) }));
}

/**
 * User → Get Profile: v2 `GET /v2/{account_id}/users/{user_id}` (docs/unipile-v2.md#get-a-user-profile),
 * v1 `GET /api/v1/users/{identifier}?account_id=` (docs/unipile-v1.md#retrieve-a-profile); both take
 * a provider ID or the public identifier of a profile URL, never the URL itself.
 */
export const getProfile: Operation = {
	option: {
		name: 'Get Profile',
		value: 'getProfile',
		action: 'Get a profile',
		description:
			"Look up a LinkedIn person from their profile URL (linkedin.com/in/…), public identifier or provider ID. Returns provider_id (what Chat > Start and Invitation > Send take), name, headline, profile_url, network_distance, is_connected, pending_invitation ('sent', 'received' or null) and whether they can get an InMail (can_send_inmail, is_open_profile).",
		routing: readRouting(async (item) => {
			const version = await checkedVersion(item);
			const account = accountOf(item, version);
			const id = checkedIdentifier(item, profile, item.get(profile));
			return { method: 'GET', ...profileRequest(version, account, id) };
		}, readProfile),
	},
	fields: [profile.property, simplify],
};
