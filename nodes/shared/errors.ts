import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Bad input: says which parameter to fix; thrown before any request for the item. */
export function invalidInput(
	context: IExecuteSingleFunctions,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, {
		description,
		itemIndex: context.getItemIndex(),
	});
}

/** A failure that happened after the request may have left: never retried, so never sent twice. */
export function unknownOutcome(node: INode, service: string, itemIndex: number, cause: unknown) {
	const code = (cause as { code?: unknown } | undefined)?.code;
	const reason = typeof code === 'string' ? code : 'no answer';
	return new NodeOperationError(node, `${service} did not answer the send (${reason})`, {
		itemIndex,
		description:
			'The message may or may not have been delivered, so it was not sent again. Check the conversation before running this item again, or turn on "Skip If Already Sent".',
	});
}

/**
 * Marks an error built from an API's own answer: the request reached the API and was refused.
 * Anything else (timeouts, resets) leaves the outcome of a send unknown.
 */
export function answered(error: NodeApiError): NodeApiError {
	error.context.answered = true;
	return error;
}

export function wasAnswered(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.context.answered === true;
}

/** A response header by name, whatever its case; the first value of a repeated header. */
export function headerOf(
	headers: IN8nHttpFullResponse['headers'] | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined || value === null) return undefined;
	return String(Array.isArray(value) ? value[0] : value);
}
