import { timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** A webhook call checked: accepted, or refused with the reason its answer gives. */
export type Check = { valid: true } | { valid: false; reason: string };

/** Answers the call ourselves; no execution starts. */
export function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** Whether two secrets or signatures are the same bytes, in constant time. */
export function sameBytes(given: Buffer, expected: Buffer): boolean {
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A comma-separated list of account IDs, e.g. "Account IDs" or "Ignore Accounts". */
export function parseAccountIds(raw: unknown): string[] {
	return String(raw ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
}
