import type { INodeProperties, INodePropertyOptions, INodePropertyRouting } from 'n8n-workflow';

/** One operation: the option the "Operation" field offers (with its routing) and its fields, in order. */
export interface Operation {
	option: INodePropertyOptions;
	fields: INodeProperties[];
}

export interface Resource {
	name: string;
	value: string;
	/** Its operations; the first is the one selected when the resource is picked. */
	operations: Operation[];
}

/**
 * Each resource's fields in an order that keeps every operation's own order (ties: first seen).
 * Only the order between neighbours of one operation is a constraint.
 */
function ordered(resource: Resource): INodeProperties[] {
	const fields = [...new Set(resource.operations.flatMap((operation) => operation.fields))];
	const after = new Map(fields.map((field) => [field, new Set<INodeProperties>()]));
	for (const { fields: own } of resource.operations) {
		own.forEach((field, index) => index && after.get(field)?.add(own[index - 1]));
	}
	const placed: INodeProperties[] = [];
	while (placed.length < fields.length) {
		const next = fields.find(
			(field) =>
				!placed.includes(field) && [...(after.get(field) ?? [])].every((f) => placed.includes(f)),
		);
		if (!next) throw new Error(`Operations of "${resource.name}" order their fields differently`);
		placed.push(next);
	}
	return placed;
}

/**
 * A node's properties: Resource, each resource's Operation, the fields every operation takes
 * (`common`, e.g. Account: first, as later lists depend on it), then each resource's fields. A
 * field object listed by several operations of a resource becomes one property shown for all of
 * them (docs/n8n-behaviour.md#parameters-are-evaluated-per-item).
 */
export function nodeProperties(
	resources: Resource[],
	options: { defaultResource: string; common: INodeProperties[]; routing?: INodePropertyRouting },
): INodeProperties[] {
	const { defaultResource } = options;
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
	const resourceField: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })).sort(byName),
		default: defaultResource,
		...(options.routing ? { routing: options.routing } : {}),
	};
	const operationFields = resources.map(({ value, operations }): INodeProperties => {
		const selected = operations[0].option.value;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [value] } },
			options: operations.map((operation) => operation.option).sort(byName),
			default: selected,
		};
	});
	const fields = resources.flatMap((resource) =>
		ordered(resource).map(
			(field): INodeProperties => ({
				...field,
				displayOptions: {
					...field.displayOptions,
					show: {
						...field.displayOptions?.show,
						resource: [resource.value],
						operation: resource.operations
							.filter((operation) => operation.fields.includes(field))
							.map((operation) => String(operation.option.value)),
					},
				},
			}),
		),
	);
	return [resourceField, ...operationFields, ...options.common, ...fields];
}

/** Words a title keeps in lower case after its first word. */
const SMALL_WORDS = new Set([
	'and',
	'as',
	'by',
	'for',
	'from',
	'in',
	'of',
	'on',
	'or',
	'to',
	'with',
]);

/** An operation's action as a title: "Send a message" → "Send Message". */
export function titleOf(action: string): string {
	return action
		.split(' ')
		.filter((word) => !['a', 'an', 'the'].includes(word))
		.map((word, index) =>
			index > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join(' ');
}

/**
 * The canvas subtitle: the selected operation's `label`, or the raw "operation: resource" for a
 * pair this version does not know.
 */
export function subtitleOf(
	resources: Resource[],
	label: (resource: Resource, option: INodePropertyOptions) => string,
): string {
	const titles = Object.fromEntries(
		resources.flatMap((resource) =>
			resource.operations.map(({ option }) => [
				`${resource.value}:${String(option.value)}`,
				label(resource, option),
			]),
		),
	);
	return `={{ (${JSON.stringify(titles)})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] + ": " + $parameter["resource"] }}`;
}

/** The binary field that holds a file, as every file-taking field of both nodes asks for it. */
export const binaryPropertyField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryProperty',
	type: 'string',
	default: 'data',
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field that holds the file',
};

/** An operation's optional fields, grouped as "Filters" or "Additional Fields". */
export function optionalFields(
	kind: 'filters' | 'additionalFields',
	options: INodeProperties[],
): INodeProperties {
	const [displayName, placeholder] =
		kind === 'filters' ? ['Filters', 'Add Filter'] : ['Additional Fields', 'Add Field'];
	return { displayName, name: kind, type: 'collection', placeholder, default: {}, options };
}

/** Return All / Limit / Simplify, as n8n's UX guidelines word them; one property each per resource. */
export const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};
