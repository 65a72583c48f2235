import { createHmac } from 'crypto';

import type { Check } from '../shared/webhook';
import { sameBytes } from '../shared/webhook';

/** How far `X-Webhook-Timestamp`, when sent, may be from now by default, either way: 5 minutes. */
export const DEFAULT_WINDOW_MINUTES = 5;

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

const single = (header: string | string[] | undefined) =>
	Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;

/**
 * Verifies `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, raw body bytes)>` in constant
 * time (docs/connectsafely.md#webhooks, https://connectsafely.ai/docs).
 */
export function verifySignature(
	header: string | string[] | undefined,
	rawBody: Buffer | undefined,
	secret: string,
): Check {
	const value = single(header)?.trim();
	if (!value) return { valid: false, reason: 'missing X-Webhook-Signature header' };
	const hex = SIGNATURE.exec(value)?.[1];
	if (!hex) return { valid: false, reason: 'malformed X-Webhook-Signature header' };
	if (!rawBody) return { valid: false, reason: 'the request body bytes are not available' };
	// A secret pasted with a space or a line break around it is the same secret.
	const expected = createHmac('sha256', secret.trim()).update(rawBody).digest();
	const matches = sameBytes(Buffer.from(hex, 'hex'), expected);
	return matches ? { valid: true } : { valid: false, reason: 'signature does not match' };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** `X-Webhook-Timestamp` in unix seconds; undefined when unparseable. Seconds, ms or ISO 8601. */
export function parseTimestamp(value: string): number | undefined {
	const text = value.trim();
	if (/^\d{1,16}$/.test(text)) {
		const number = Number(text);
		// 1e11 seconds is the year 5138; as milliseconds it is 1973.
		return number >= 1e11 ? number / 1000 : number;
	}
	if (!ISO_DATE_TIME.test(text)) return undefined;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms / 1000;
}

/**
 * `X-Webhook-Timestamp` is not in ConnectSafely's documentation, only in a third-party receiver:
 * absent, the call is accepted; present, it must parse and be within the window (minutes; 0: the
 * header is ignored). It is not covered by the signature, so it only stops old captures replayed
 * with their header as sent; replays within the dedupe window are stopped by the event ID.
 */
export function checkTimestamp(
	header: string | string[] | undefined,
	nowSeconds: number,
	windowMinutes = DEFAULT_WINDOW_MINUTES,
): Check {
	if (header === undefined || windowMinutes <= 0) return { valid: true };
	const value = single(header);
	const at = value === undefined ? undefined : parseTimestamp(value);
	const fix = 'set Options → Timestamp Window to 0 to ignore this header';
	if (at === undefined) {
		return { valid: false, reason: `unparseable X-Webhook-Timestamp header (${fix})` };
	}
	if (Math.abs(nowSeconds - at) > windowMinutes * 60) {
		return {
			valid: false,
			reason: `X-Webhook-Timestamp outside the ${windowMinutes}-minute window (${fix})`,
		};
	}
	return { valid: true };
}
