import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The value of a field a list depends on, e.g. the Account whose chats the Chat list shows. Unset,
 * the list fails with "Select an Account first": n8n's editor shows a list method's error message
 * under "Could not load list", while an empty list says only "No results"
 * (docs/n8n-behaviour.md#list-search-errors-in-the-editor).
 */
export function selected(context: ILoadOptionsFunctions, name: string, label: string): string {
	const value = context.getNodeParameter(name, '', { extractValue: true });
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id || id === '.' || id === '..') {
		const article = /^[AEIOU]/.test(label) ? 'an' : 'a';
		throw new NodeOperationError(context.getNode(), `Select ${article} ${label} first`);
	}
	return id;
}
