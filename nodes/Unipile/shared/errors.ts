import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { answered, headerOf } from '../../shared/errors';

/** Unipile's RFC 7807 body: `{object:"Error", type, status, title, detail}` (unipile-api.md §2.1). */
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
function hintFor(problem: UnipileProblem, status: number): string {
	const type = problem.type ?? '';
	if (type.endsWith('not_allowed_inmail') || type.endsWith('insufficient_credits'))
		return INMAIL_HINT;
	if (type.endsWith('no_connection_with_recipient'))
		return `The recipient is not a connection. ${INMAIL_HINT}`;
	if (status === 401 || status === 403 || type.includes('auth') || type.includes('credentials'))
		return 'Check the API key in the Unipile credential: it must be a v2 key (dashboardv2.unipile.com) with access to this account. Registering webhooks may need the Service API key.';
	if (status === 404)
		return 'Check the Account, Chat, Message and Inbox fields: one of them does not exist for this API key.';
	if (status === 413 || type.includes('too_large'))
		return 'Send smaller attachments (LinkedIn allows 20 MB in total).';
	if (status === 400 || status === 422)
		return "Check the operation's fields against the detail above.";
	if (status >= 500) return 'Unipile or LinkedIn could not process it now; try again later.';
	return 'See the detail above.';
}

/** Builds the n8n error for a Unipile error response; no request data (and so no key) is kept. */
export function unipileError(
	node: INode,
	status: number,
	headers: Headers,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const problem: UnipileProblem =
		body && typeof body === 'object' ? (body as UnipileProblem) : { detail: String(body ?? '') };
	const what = problem.detail || problem.title || `HTTP ${status}`;
	let message = `Unipile: ${what}`;
	let description = hintFor(problem, status);
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
	const error = new NodeApiError(node, { ...problem } as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
	// Unipile's own limiter rejects before doing anything, so its retry-after makes a retry safe.
	if (status === 429 && problem.type === 'api/too_many_requests' && retryAfter !== undefined) {
		error.context.retryAfterSeconds = retryAfter;
	}
	return answered(error);
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
	if (response.statusCode < 400) return items;
	throw unipileError(
		this.getNode(),
		response.statusCode,
		response.headers,
		response.body,
		this.getItemIndex(),
	);
}
