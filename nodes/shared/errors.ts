import type { IDataObject, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * An error's message. Run as an AI-agent tool (the node's `…Tool` variant), only the message
 * reaches the model, so it carries the fix (the description) too.
 */
export function withFix(node: INode, message: string, fix: string): string {
	return node.type.endsWith('Tool') ? `${message}. ${fix}` : message;
}

/**
 * An error that says its fix: in its description, and in its message too where only the message
 * reaches a model (`withFix`). `Kind` is NodeOperationError or one of ours that extends it.
 */
export function fixableError(
	node: INode,
	message: string,
	fix: string,
	itemIndex: number,
	Kind: typeof NodeOperationError = NodeOperationError,
): NodeOperationError {
	return new Kind(node, withFix(node, message, fix), { description: fix, itemIndex });
}

/** A failure that happened after the request may have left: never retried, so never sent twice. */
export function unknownOutcome(node: INode, service: string, itemIndex: number, cause: unknown) {
	const code = (cause as { code?: unknown } | undefined)?.code;
	const reason = typeof code === 'string' ? code : 'no answer';
	const description =
		'The message may or may not have been delivered, so it was not sent again. Check the conversation before running this item again, or turn on "Skip If Already Sent".';
	return fixableError(
		node,
		`${service} did not answer the send (${reason})`,
		description,
		itemIndex,
	);
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
