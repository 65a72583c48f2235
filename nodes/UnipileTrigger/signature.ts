import { createHmac } from 'crypto';

import type { Check } from '../shared/webhook';
import { sameBytes } from '../shared/webhook';

/** How far a signature's timestamp may be from now, either way: 5 minutes. */
export const TOLERANCE_SECONDS = 300;

const first = (header: string | string[] | undefined) =>
	Array.isArray(header) ? header[0] : header;

/**
 * v2: `unipile-signature: t=<unix seconds>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Unipile documents signatures without their format; this is the one independent v2 integrations
 * verify (docs/unipile-v2.md#webhook-signature).
 */
export function verifySignature(
	header: string | string[] | undefined,
	rawBody: Buffer,
	secret: string | undefined,
	nowSeconds: number,
): Check {
	if (!secret) return { valid: false, reason: 'no webhook secret is stored for this trigger' };
	const value = first(header);
	if (!value) return { valid: false, reason: 'missing unipile-signature header' };
	const parts = value.split(',').map((part) => part.trim().split('='));
	const timestamp = parts.find(([key]) => key === 't')?.[1];
	const signatures = parts.filter(([key, hex]) => key === 'v0' && /^[0-9a-f]+$/i.test(hex ?? ''));
	if (!timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0) {
		return { valid: false, reason: 'malformed unipile-signature header' };
	}
	if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
		return { valid: false, reason: 'signature timestamp outside the 5-minute window' };
	}
	const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
	const matches = signatures.some(([, hex]) => {
		return sameBytes(Buffer.from(hex, 'hex'), expected);
	});
	return matches ? { valid: true } : { valid: false, reason: 'signature does not match' };
}

/**
 * v1 has no signatures: our webhook sends back the random secret we registered as a header
 * (docs/unipile-v1.md#webhooks), compared here in constant time.
 */
export function verifySecretHeader(
	header: string | string[] | undefined,
	secret: string | undefined,
): Check {
	if (!secret) return { valid: false, reason: 'no webhook secret is stored for this trigger' };
	const value = first(header);
	if (!value) return { valid: false, reason: 'missing unipile-auth header' };
	const matches = sameBytes(Buffer.from(value, 'utf8'), Buffer.from(secret, 'utf8'));
	return matches ? { valid: true } : { valid: false, reason: 'unipile-auth header does not match' };
}
