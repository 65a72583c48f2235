/**
 * n8n's automatic Tool Description of an operation of our nodes, computed from our own node
 * descriptions: `<operation action> in <defaults.name>` (n8n-workflow node-helpers
 * `makeDescription`), the text an AI agent's model reads for a tool node left on "Set
 * Automatically".
 */
import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

/** Every resource/operation pair of a node, with the operation's `action`. */
export function operationsOf(description: INodeTypeDescription) {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: String(option.value),
				action: option.action,
			})),
		);
}

export function autoToolDescription(
	description: INodeTypeDescription,
	resource: string,
	operation: string,
): string {
	const found = operationsOf(description).find(
		(entry) => entry.resource === resource && entry.operation === operation,
	);
	if (!found?.action)
		throw new Error(`${description.name}: no action for ${resource}/${operation}`);
	return `${found.action} in ${description.defaults.name}`;
}

/** The tool name n8n gives a tool node (`nodeNameToToolName`): runs of other characters than [A-Za-z0-9_-] become `_`. */
export const toolName = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
