import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	headerOf,
	outcomeOfStatus,
	redact,
	redactDeep,
	withFix,
	withOutcome,
} from '../../shared/errors';
import {
	account,
	attachments,
	conversation,
	conversationUrn,
	message,
	profile,
	recipientProfileId,
	recipientProfileUrn,
	subject,
} from './fields';

type Headers = IN8nHttpFullResponse['headers'];

/** A LinkedIn ID the failed request used, as the user entered it: shown when something is not found. */
export interface UsedId {
	label: string;
	value: string;
}

interface ErrorResponse {
	status: number;
	headers?: Headers;
	body: unknown;
	/** The credential's API key: removed from anything the error shows. */
	secret?: string;
	itemIndex?: number;
	/** IDs the request used, for a 404. */
	ids?: UsedId[];
	/** Answered 2xx with `success: false`. */
	succeeded?: boolean;
}

interface ZodIssue {
	path?: unknown[];
	message?: string;
}

/** API body and query fields → the node fields the user fills in (for validation messages). */
const FIELD_LABELS: Record<string, string> = {
	accountId: account.label,
	attachments: attachments.label,
	conversationUrn: conversation.label,
	count: 'Limit',
	cursor: 'Limit',
	customMessage: 'Note',
	filename: 'File Name',
	message: message.label,
	messageType: 'Operation',
	messagingChannel: 'Messaging Channel',
	nextCursor: 'Limit',
	profileId: recipientProfileId.label,
	profileUrn: recipientProfileUrn.label,
	recipientProfileId: recipientProfileId.label,
	recipientProfileUrn: recipientProfileUrn.label,
	since: 'Since',
	subject: subject.label,
	unreadOnly: 'Unread Only',
};

const CREDENTIAL_HINT =
	'Check the API key in the ConnectSafely credential: copy it again from https://connectsafely.ai/api-key.';

/** Response bodies can arrive as text or bytes (raw uploads, proxies): JSON when it parses. */
export function parseBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return body;
	const trimmed = text.trim();
	if (!trimmed) return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return text;
	}
}

function zodIssues(body: IDataObject): ZodIssue[] | undefined {
	const error = body.error as IDataObject | undefined;
	if (!error || typeof error !== 'object') return undefined;
	if (error.name !== 'ZodError' && !Array.isArray(error.issues)) return undefined;
	return Array.isArray(error.issues) ? (error.issues as ZodIssue[]) : [];
}

function fieldOf(issue: ZodIssue): { api: string; label: string } {
	const path = (issue.path ?? []).map(String);
	const api = path.join('.') || 'request';
	const label = FIELD_LABELS[path[0] ?? ''] ?? api;
	return { api, label };
}

/** The API's own words, from any of its three error shapes (docs/connectsafely.md#errors). */
function reasonOf(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const data = body as IDataObject;
	const issues = zodIssues(data);
	if (issues) {
		return issues
			.map((issue) => `${fieldOf(issue).label}: ${issue.message ?? 'invalid'}`)
			.join('; ');
	}
	if (typeof data.error === 'string' && data.error) return data.error;
	if (
		data.error &&
		typeof data.error === 'object' &&
		typeof (data.error as IDataObject).message === 'string'
	) {
		return (data.error as IDataObject).message as string;
	}
	if (typeof data.message === 'string' && data.message) return data.message;
	if (typeof data.code === 'string' && data.code) return data.code;
	return undefined;
}

/** An ISO time from an ISO string, epoch seconds/milliseconds, or seconds from now. */
function timeFrom(value: string | undefined, relative: boolean): string | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) {
		const number = Number(trimmed);
		if (relative || number < 1e9) return new Date(Date.now() + number * 1000).toISOString();
		return new Date(number < 1e12 ? number * 1000 : number).toISOString();
	}
	const parsed = Date.parse(trimmed);
	return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

/**
 * When a rate limit resets: `holdUntil` in the body, `X-RateLimit-Reset` (ISO) or `Retry-After` (s).
 * A hold can end before the quota resets (a connection-request hold lasts 24 h, the week until
 * Monday): while none remains, the later of the two (docs/connectsafely.md#connection-request-limits).
 */
export function resetTimeOf(body: unknown, headers?: Headers): string | undefined {
	const hold = body && typeof body === 'object' ? (body as IDataObject).holdUntil : undefined;
	const holdEnds = timeFrom(
		typeof hold === 'string' || typeof hold === 'number' ? String(hold) : undefined,
		false,
	);
	const quotaResets = timeFrom(headerOf(headers, 'x-ratelimit-reset'), false);
	if (holdEnds && quotaResets && headerOf(headers, 'x-ratelimit-remaining') === '0') {
		return Date.parse(quotaResets) > Date.parse(holdEnds) ? quotaResets : holdEnds;
	}
	return holdEnds ?? quotaResets ?? timeFrom(headerOf(headers, 'retry-after'), true);
}

/** Words of an API "not found" reason that point at an ID field. */
function mentions(text: string, id: UsedId): boolean {
	const label = id.label.toLowerCase();
	if (label.startsWith('recipient')) return /profile|recipient|member|user/.test(text);
	return text.includes(label.split(' ')[0]);
}

function notFoundHint(reason: string | undefined, ids: UsedId[]): string {
	const text = (reason ?? '').toLowerCase();
	const named = ids.filter((id) => mentions(text, id));
	const shown = (named.length ? named : ids).map((id) => `${id.label} "${id.value}"`);
	if (!shown.length)
		return 'Check the IDs in the node fields: one of them does not exist for this API key.';
	return `Check ${shown.join(', ')}: ConnectSafely has no such item for this API key. Pick the account from the list, and map IDs and URNs from an earlier ConnectSafely node.`;
}

function describe(status: number, reason: string | undefined, response: ErrorResponse) {
	const said = reason ? `: ${reason}` : '';
	if (status === 401) {
		return {
			message: `ConnectSafely did not accept the API key${said}`,
			description: CREDENTIAL_HINT,
		};
	}
	if (status === 403) {
		return {
			message: `ConnectSafely refused the request${said}`,
			description:
				'The ConnectSafely plan does not allow this: the API needs an active subscription on this LinkedIn account (the trial may have ended). Check the subscription in the ConnectSafely dashboard, or pick another account.',
		};
	}
	if (status === 404) {
		return {
			message: `ConnectSafely could not find it${said}`,
			description: notFoundHint(reason, response.ids ?? []),
		};
	}
	if (status === 429) {
		const reset = resetTimeOf(response.body, response.headers);
		const limit = headerOf(response.headers, 'x-ratelimit-limit');
		const remaining = headerOf(response.headers, 'x-ratelimit-remaining');
		const counts = limit !== undefined ? ` (limit ${limit}, remaining ${remaining ?? '0'})` : '';
		return {
			message: `ConnectSafely rate limit reached${said}. ${reset ? `It resets at ${reset}` : 'The reset time was not given'}${counts}`,
			description: `Nothing was sent for this item, and the node does not retry it: ConnectSafely enforces LinkedIn's daily and weekly limits per account. Run it again ${reset ? `after ${reset}` : 'later'}, or send fewer messages per day.`,
		};
	}
	if (status >= 500) {
		return {
			message: `ConnectSafely could not complete the request${said}`,
			description:
				'ConnectSafely or LinkedIn failed to answer. Whatever this request was doing may or may not have happened.',
		};
	}
	if (response.succeeded) {
		return {
			message: `ConnectSafely answered that the request failed${said}`,
			description:
				'It answered with success: false, which does not say whether LinkedIn acted. Check the conversation before running it again.',
		};
	}
	const channel = /sales ?nav/i.test(reason ?? '')
		? ' If the account has no Sales Navigator, set "Messaging Channel" to Auto or LinkedIn Inbox.'
		: '';
	return {
		message: `ConnectSafely rejected the request${said}`,
		description: `Check the operation's fields against the reason above.${channel}`,
	};
}

/** The NodeApiError for a ConnectSafely error response. It keeps no request data, so no API key. */
export function connectSafelyError(node: INode, response: ErrorResponse): NodeApiError {
	const secrets = [response.secret];
	const body = redactDeep(response.body, secrets);
	const status = response.status;
	const data = body && typeof body === 'object' ? (body as IDataObject) : undefined;
	const issues = data ? zodIssues(data) : undefined;
	const reason = reasonOf(body);
	let { message, description } = describe(status, reason, { ...response, body });
	if (issues && status < 500 && status !== 429) {
		const fields = issues.map(fieldOf);
		const labels = [...new Set(fields.map((field) => `"${field.label}"`))].join(', ');
		const said =
			issues.length === 1 ? (issues[0].message ?? 'invalid value') : (reason ?? 'invalid values');
		message = `ConnectSafely rejected the ${labels} field${fields.length > 1 ? 's' : ''}: ${said}`;
		description = `Fix ${labels} (sent as ${fields.map((field) => field.api).join(', ')}) and run again.`;
	}
	const errorBody: JsonObject = data
		? (data as JsonObject)
		: { message: reason ?? `HTTP ${status}` };
	const error = new NodeApiError(node, errorBody, {
		message: redact(withFix(node, message, description), secrets),
		description: redact(description, secrets),
		httpCode: String(status),
		itemIndex: response.itemIndex,
	});
	// A 2xx that says `success: false` comes as 400 but says nothing of what happened
	// (docs/connectsafely.md#send-outcomes-refused-or-unknown).
	return withOutcome(error, response.succeeded ? 'unknown' : outcomeOfStatus(status));
}

/** A response that failed: an error status, or a 2xx body that says `success: false`. */
export function isFailure(statusCode: number, body: unknown): boolean {
	if (statusCode >= 400) return true;
	return Boolean(body && typeof body === 'object' && (body as IDataObject).success === false);
}

/** The ID fields this item has set, as entered (for "not found" hints). */
function usedIds(context: IExecuteSingleFunctions): UsedId[] {
	const parameters = context.getNode().parameters;
	const read = (name: string) => {
		const [top, inner] = name.split('.');
		const present = inner ? (parameters[top] as IDataObject | undefined)?.[inner] : parameters[top];
		if (present === undefined) return '';
		const value = context.getNodeParameter(name, '', { extractValue: true });
		return typeof value === 'string' ? value.trim() : '';
	};
	const ids: UsedId[] = [
		{ label: account.label, value: read(account.name) || '(the default account)' },
	];
	for (const field of [
		conversation,
		recipientProfileId,
		recipientProfileUrn,
		conversationUrn,
		profile,
	]) {
		const value = read(field.name);
		if (value) ids.push({ label: field.label, value });
	}
	return ids;
}

/**
 * postReceive, first for every operation (set on the Resource field): turns error statuses and
 * `success: false` bodies into a NodeApiError that says what happened and what to fix.
 */
export async function throwOnErrorStatus(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = parseBody(response.body);
	if (!isFailure(response.statusCode, body)) return items;
	const credentials = await this.getCredentials<{ apiKey?: string }>('connectSafelyApi');
	throw connectSafelyError(this.getNode(), {
		status: response.statusCode >= 400 ? response.statusCode : 400,
		succeeded: response.statusCode < 400,
		headers: response.headers,
		body,
		secret: credentials.apiKey?.trim(),
		itemIndex: this.getItemIndex(),
		ids: usedIds(this),
	});
}
