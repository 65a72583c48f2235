import type { Operation } from '../../../shared/descriptions';
import { field, path, requiredText } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import type { UnipileSend } from '../../shared/sending';
import { ACTION } from '../../../shared/sendPipeline';
import { unipileSend } from '../../shared/sending';
import { invitationId } from './fields';

const sharedSecret = field(
	{
		displayName: 'Shared Secret (API v1)',
		name: 'sharedSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.shared_secret }}',
		description:
			'API v1 needs the shared_secret of the received invitation (in the output of Invitation > Get Many, type Received); API v2 ignores it',
	},
	requiredText(),
	'Map shared_secret from Invitation > Get Many (type Received), e.g. {{ $json.shared_secret }}.',
);

/**
 * Accept or decline a received invitation. v2: `POST …/users/me/relation-requests/{id}/accept`, or
 * `/cancel` to refuse, no body (docs/unipile-v2.md#accept-withdraw-or-refuse-a-request); v1:
 * `POST /api/v1/users/invite/received/{id}` `{provider: "LINKEDIN", shared_secret, account_id,
 * action}` (docs/unipile-v1.md#handle-a-received-invitation).
 */
function answer(action: 'accept' | 'decline') {
	return unipileSend((item, version): UnipileSend => {
		const account = accountOf(item, version);
		const id = item.get(invitationId);
		const common = { version, account, to: `invitation ${id}`, method: 'POST' as const };
		if (version === 'v2') {
			const verb = action === 'accept' ? 'accept' : 'cancel';
			return { ...common, url: path`/${account}/users/me/relation-requests/${id}/${verb}` };
		}
		return {
			...common,
			url: path`/users/invite/received/${id}`,
			body: {
				as: 'json',
				fields: {
					provider: 'LINKEDIN',
					shared_secret: item.get(sharedSecret),
					account_id: account,
					action,
				},
			},
		};
	}, ACTION);
}

export const accept: Operation = {
	option: {
		name: 'Accept',
		value: 'accept',
		action: 'Accept an invitation',
		description:
			'Accept a LinkedIn invitation the account received, given its ID (from Get Many Invitations, type Received); on API v1 also its shared_secret from the same list. The person becomes a connection.',
		routing: answer('accept'),
	},
	fields: [invitationId.property, sharedSecret.property],
};

export const decline: Operation = {
	option: {
		name: 'Decline',
		value: 'decline',
		action: 'Decline an invitation',
		description:
			'Decline (ignore) a LinkedIn invitation the account received, given its ID (from Get Many Invitations, type Received); on API v1 also its shared_secret from the same list',
		routing: answer('decline'),
	},
	fields: [invitationId.property, sharedSecret.property],
};
