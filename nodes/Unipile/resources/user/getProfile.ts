import { NodeApiError } from 'n8n-workflow';

import type { Operation } from '../../../shared/descriptions';
import { simplify } from '../../../shared/descriptions';
import { fixableError } from '../../../shared/errors';
import { field, requiredText } from '../../../shared/parameters';
import type { Pagination } from '../../../shared/readRouting';
import { accountOf } from '../../shared/fields';
import {
	checkedIdentifier,
	identifierOf,
	profileRequest,
	simplifyProfile,
} from '../../shared/profiles';
import { unipileRead } from '../../shared/reads';
import type { UnipileVersion } from '../../shared/transport';

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

/** The profile's output: simplified for `version` unless "Simplify" is off; a 404 names the field. */
const readProfile = (version: UnipileVersion): Pagination =>
	async function (requestData) {
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
		return items.map((entry) => ({ ...entry, json: simplifyProfile(entry.json, version) }));
	};

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
		routing: unipileRead(
			(item, version) => {
				const account = accountOf(item, version);
				const id = checkedIdentifier(item, profile, item.get(profile));
				return { method: 'GET', ...profileRequest(version, account, id) };
			},
			{ v2: readProfile('v2'), v1: readProfile('v1') },
		),
	},
	fields: [profile.property, simplify],
};
