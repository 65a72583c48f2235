import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { UnipileCredentials } from '../../../credentials/UnipileApi.credentials';
import {
	headerOf,
	outcomeOfStatus,
	redact,
	redactDeep,
	withFix,
	withOutcome,
} from '../../shared/errors';
import { fieldNamedIn } from './apiFields';

/**
 * Unipile's error body: v2 `{object:"Error", type, status, title, detail}` (RFC 7807,
 * docs/unipile-v2.md#errors), v1 `{title, detail, type: "errors/…", status}` (docs/unipile-v1.md#errors).
 */
interface UnipileProblem {
	type?: string;
	status?: number;
	title?: string;
	detail?: string;
}

type Headers = IN8nHttpFullResponse['headers'];

function seconds(value: string | undefined): number | undefined {
	if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
	return Number(value);
}

const INMAIL_HINT =
	'Use "Start with InMail" and check the account\'s InMail credits (Inbox > Get InMail Credits).';

/** What the user should change, by Unipile error type and status. */
function hintFor(problem: UnipileProblem, status: number, node: INode): string {
	const type = problem.type ?? '';
	if (type.endsWith('not_allowed_inmail') || type.endsWith('insufficient_credits'))
		return INMAIL_HINT;
	if (type.endsWith('no_connection_with_recipient'))
		return `The recipient is not a connection. ${INMAIL_HINT}`;
	if (status === 401 || status === 403 || type.includes('auth') || type.includes('credentials'))
		return 'Check the Unipile credential: the API key must come from the dashboard of its "API Version" (v2: dashboardv2.unipile.com, v1: dashboard.unipile.com) and have access to this account. Registering v2 webhooks may need the Service API key.';
	if (status === 404)
		return 'Check the Account, Chat, Message and Inbox fields: one of them does not exist for this API key.';
	if (status === 413 || type.includes('too_large')) return 'Send smaller or fewer attachments.';
	if (status === 400 || status === 422) {
		const field = fieldNamedIn(problem.detail, node);
		return field
			? `Check the "${field.label}" field: the detail above is about ${field.parameter}.`
			: "Check the operation's fields against the detail above.";
	}
	if (status >= 500)
		return 'Unipile or LinkedIn failed to answer. Whatever this request was doing may or may not have happened.';
	return 'See the detail above.';
}

type Context = IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/**
 * Builds the n8n error for a Unipile error response. It keeps no request data, and the
 * credential's keys are removed from what the API said (some 401 bodies echo the key).
 */
export async function unipileError(
	context: Context,
	status: number,
	headers: Headers,
	body: unknown,
	itemIndex?: number,
): Promise<NodeApiError> {
	const credentials = await context.getCredentials<UnipileCredentials>('unipileApi');
	const secrets = [credentials.apiKey, credentials.serviceApiKey];
	const clean = redactDeep(body, secrets);
	const problem: UnipileProblem =
		clean && typeof clean === 'object'
			? (clean as UnipileProblem)
			: { detail: String(clean ?? '') };
	const what = problem.detail || problem.title || `HTTP ${status}`;
	let message = `Unipile: ${what}`;
	let description = hintFor(problem, status, context.getNode());
	const retryAfter = seconds(headerOf(headers, 'retry-after'));
	const reset = seconds(headerOf(headers, 'x-ratelimit-reset'));
	if (status === 429) {
		const wait = retryAfter ?? reset;
		const when =
			wait === undefined
				? 'later'
				: `in ${wait} s (at ${new Date(Date.now() + wait * 1000).toISOString()})`;
		message = `Unipile rate limit reached (${problem.type ?? 'too_many_requests'}): try again ${when}`;
		description = problem.type?.startsWith('provider/')
			? 'LinkedIn is limiting this account. Send fewer messages per day and keep "Pace Sends" on.'
			: 'Keep "Pace Sends" on, or raise "Max Rate Limit Wait" so the node waits and retries.';
	}
	const error = new NodeApiError(context.getNode(), { ...problem } as JsonObject, {
		message: redact(withFix(context.getNode(), message, description), secrets),
		description,
		httpCode: String(status),
		itemIndex,
	});
	// Unipile's own limiter rejects before doing anything, so its retry-after makes a retry safe.
	if (status === 429 && problem.type === 'api/too_many_requests' && retryAfter !== undefined) {
		error.context.retryAfterSeconds = retryAfter;
	}
	return withOutcome(error, outcomeOfStatus(status));
}

/** Seconds to wait before a safe retry, when the error says so. */
export function retryAfterOf(error: NodeApiError): number | undefined {
	const value = (error.context as IDataObject).retryAfterSeconds;
	return typeof value === 'number' ? value : undefined;
}

/** postReceive, first for every operation: turns error statuses into a clear NodeApiError. */
export async function throwOnErrorStatus(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode < 400 && typeof response.body !== 'string') return items;
	if (response.statusCode < 400) {
		// A success whose answer is not JSON: whatever it did is unknown.
		const error = new NodeApiError(this.getNode(), {} as JsonObject, {
			message: `Unipile answered HTTP ${response.statusCode} with a body that is not JSON`,
			description: 'Whatever this request was doing may or may not have happened.',
			httpCode: String(response.statusCode),
			itemIndex: this.getItemIndex(),
		});
		throw withOutcome(error, 'unknown');
	}
	throw await unipileError(
		this,
		response.statusCode,
		response.headers,
		Buffer.isBuffer(response.body) ? problemIn(response.body) : response.body,
		this.getItemIndex(),
	);
}

/** An error answer to a request read as bytes (a download): its JSON problem, or its text. */
function problemIn(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
