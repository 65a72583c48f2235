import type { Operation } from '../../../shared/descriptions';
import { path } from '../../../shared/parameters';
import { accountOf } from '../../shared/fields';
import { ACTION } from '../../../shared/sendPipeline';
import { unipileSend } from '../../shared/sending';
import { invitationId } from './fields';

/**
 * Invitation → Withdraw: a pending invitation the account sent. v2 `POST
 * …/users/me/relation-requests/{id}/cancel`, no body (docs/unipile-v2.md#accept-withdraw-or-refuse-a-request);
 * v1 `DELETE /api/v1/users/invite/sent/{id}?account_id=` (docs/unipile-v1.md#cancel-an-invitation).
 */
export const withdraw: Operation = {
	option: {
		name: 'Withdraw',
		value: 'withdraw',
		action: 'Withdraw an invitation',
		description:
			'Withdraw a pending LinkedIn invitation the account sent, given its ID (from Get Many Invitations, type Sent, or invitation_id from Send). LinkedIn may not take a new invitation to the same person for a few weeks.',
		routing: unipileSend((item, version) => {
			const account = accountOf(item, version);
			const id = item.get(invitationId);
			const common = { version, account, to: `invitation ${id}` };
			return version === 'v2'
				? {
						...common,
						method: 'POST',
						url: path`/${account}/users/me/relation-requests/${id}/cancel`,
					}
				: {
						...common,
						method: 'DELETE',
						url: path`/users/invite/sent/${id}`,
						qs: { account_id: account },
					};
		}, ACTION),
	},
	fields: [invitationId.property],
};
