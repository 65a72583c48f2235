import { sendRoutingWith } from '../../shared/delivery';
import { deliverUnipile, normalizeSent } from './sending';

/** `/v2/{account_id}` prefix: the credential's base URL ends in /v2. */
export const ACCOUNT_PATH = '=/{{ encodeURIComponent($parameter.account) }}';

/** Routing of a send: the shared delivery, then a predictable message_id. */
export const sendRouting = sendRoutingWith(deliverUnipile, [normalizeSent]);
