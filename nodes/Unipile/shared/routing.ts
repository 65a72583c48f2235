import type { INodePropertyRouting, PreSendAction } from 'n8n-workflow';

import { checkedInput } from '../../shared/delivery';
import { deliverUnipile, normalizeSent } from './sending';

/** `/v2/{account_id}` prefix: the credential's base URL ends in /v2. */
export const ACCOUNT_PATH = '=/{{ encodeURIComponent($parameter.account) }}';

/**
 * Routing of a send: POST, the operation's input check, then our delivery (pacing, duplicate guard,
 * safe retries) through n8n's declarative pagination hook, and a predictable message_id.
 */
export function sendRouting(
	url: string,
	check: PreSendAction,
	body?: object,
): INodePropertyRouting {
	return {
		request: { method: 'POST', url, ...(body ? { body } : {}) },
		send: { preSend: [checkedInput(check)], paginate: true },
		operations: { pagination: deliverUnipile },
		output: { postReceive: [normalizeSent] },
	};
}
