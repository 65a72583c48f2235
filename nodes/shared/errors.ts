import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * An error's message. Run as an AI-agent tool (the node's `…Tool` variant), only the message
 * reaches the model, so it carries the fix (the description) too.
 */
export function withFix(node: INode, message: string, fix: string): string {
	return node.type.endsWith('Tool') ? `${message}. ${fix}` : message;
}

/** The error's message without the fix `withFix` added to it, and without a final period. */
export function withoutFix(node: INode, error: NodeOperationError): string {
	const fix = `. ${error.description ?? ''}`;
	const message =
		node.type.endsWith('Tool') && error.message.endsWith(fix)
			? error.message.slice(0, -fix.length)
			: error.message;
	return message.replace(/\.$/, '');
}

/**
 * An error that says its fix: in its description, and in its message too where only the message
 * reaches a model (`withFix`). Always a NodeOperationError itself, never a subclass: n8n keeps an
 * error across a resume only by that name (`rethrowNodeError` in n8n-core's workflow-execute).
 */
export function fixableError(
	node: INode,
	message: string,
	fix: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(node, withFix(node, message, fix), { description: fix, itemIndex });
}

/**
 * Runs a step of a routed request (a preSend, the pagination hook), its failed checks thrown so
 * that the editor shows them as checks. RoutingNode wraps any error of such a step that is not a
 * NodeApiError into one with the HTTP code "none", shown under "From <API>" as if the API had
 * answered; a NodeApiError with no code, messages or response data passes unchanged and shows
 * only its message and fix (docs/n8n-behaviour.md#errors-from-routed-requests).
 */
export async function showingChecks<T>(node: INode, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		throw asCheck(node, error);
	}
}

function asCheck(node: INode, error: unknown): unknown {
	if (error instanceof NodeApiError || !(error instanceof Error)) return error;
	const own = error instanceof NodeOperationError ? error : undefined;
	const itemIndex = own?.context.itemIndex;
	const check = new NodeApiError(node, {} as JsonObject, {
		message: error.message,
		description: own?.description ?? undefined,
		itemIndex: typeof itemIndex === 'number' ? itemIndex : undefined,
	});
	// n8n rewrites messages that contain a network error code; ours say what happened in words.
	check.message = error.message;
	check.messages = [];
	check.stack = error.stack;
	return check;
}

/**
 * What an answer says about a request that sends (docs/sending.md#outcome-table): `refused`, it
 * did not act and may be tried again; `unknown`, it may have acted and is never sent again.
 */
export type Outcome = 'refused' | 'unknown';

export const outcomeOfStatus = (status: number): Outcome =>
	status >= 400 && status < 500 && status !== 408 ? 'refused' : 'unknown';

/** Marks an error built from an API's answer with what that answer says about the request. */
export function withOutcome(error: NodeApiError, outcome: Outcome): NodeApiError {
	error.context.outcome = outcome;
	return error;
}

/** Only an answer marked refused is one; anything else (timeouts, resets, 5xx) leaves it unknown. */
export function outcomeOf(error: unknown): Outcome {
	return error instanceof NodeApiError && error.context.outcome === 'refused'
		? 'refused'
		: 'unknown';
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

/** Removes the credential's secrets, and any bearer token, from text an error shows. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let clean = text.replace(/Bearer\s+[^\s"',;]+/gi, 'Bearer ***');
	for (const secret of secrets) {
		if (secret && secret.length >= 4) clean = clean.split(secret).join('***');
	}
	return clean;
}

/** `redact` applied to every string of an API response body. */
export function redactDeep(value: unknown, secrets: Array<string | undefined>): unknown {
	if (typeof value === 'string') return redact(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as IDataObject).map(([key, entry]) => [key, redactDeep(entry, secrets)]),
		);
	}
	return value;
}
