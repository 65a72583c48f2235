import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { readRouting } from '../../../shared/readRouting';
import { account, profile } from '../../shared/fields';

/**
 * Relationship → Check: `GET /linkedin/relationship/{profileId}` for the default account, or
 * `GET /linkedin/relationship/{accountId}/{profileId}` for the one picked; no query, no body
 * (docs/connectsafely.md#relationship-status).
 */
export const check: Operation = {
	option: {
		name: 'Check',
		value: 'check',
		action: 'Check a relationship',
		description:
			'Check whether the account is connected with a LinkedIn person, given their profile ID or profile URL: returns connected, invitationSent (a request of ours is pending), invitationReceived and profileUrn',
		routing: readRouting((item) => {
			const accountId = item.get(account);
			const profileId = item.get(profile);
			return {
				method: 'GET',
				url: accountId
					? path`/linkedin/relationship/${accountId}/${profileId}`
					: path`/linkedin/relationship/${profileId}`,
			};
		}),
	},
	fields: [profile.property],
};
