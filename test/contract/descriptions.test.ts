import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { ConnectSafely, connectSafelyFields } from '../../nodes/ConnectSafely/ConnectSafely.node';
import { Unipile, unipileFields } from '../../nodes/Unipile/Unipile.node';
import { mergeFields } from '../../nodes/shared/descriptions';

const descriptions: INodeTypeDescription[] = [
	new Unipile().description,
	new ConnectSafely().description,
];
const fieldLists = [
	['Unipile', new Unipile().description, unipileFields],
	['ConnectSafely', new ConnectSafely().description, connectSafelyFields],
] as const;

/** What a user sees for a resource and operation: each shown field without its displayOptions. */
function visible(fields: readonly INodeProperties[], resource: string, operation: string) {
	return fields
		.filter((field) => {
			const show = field.displayOptions?.show ?? {};
			const allows = (values: unknown[] | undefined, value: string) =>
				!values || values.includes(value);
			return allows(show.resource, resource) && allows(show.operation, operation);
		})
		.map((field) => {
			const definition = { ...field };
			delete definition.displayOptions;
			return definition;
		});
}

function operationsOf(description: INodeTypeDescription) {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				resource: property.displayOptions?.show?.resource?.[0] as string,
				option,
			})),
		);
}

function isSorted(names: string[]) {
	return names.every((name, index) => index === 0 || names[index - 1].localeCompare(name) <= 0);
}

describe.each(descriptions.map((description) => [description.displayName, description] as const))(
	'%s description',
	(_name, description) => {
		it('gives every operation an action, a description and a request builder', () => {
			for (const { resource, option } of operationsOf(description)) {
				const where = `${resource}:${String(option.value)}`;
				expect({ where, action: option.action }).toEqual({
					where,
					action: expect.stringMatching(/^[A-Z][a-z]/),
				});
				expect({ where, description: Boolean(option.description) }).toEqual({
					where,
					description: true,
				});
				// The request is built, for each item, by the operation's preSend.
				expect({ where, preSend: option.routing?.send?.preSend?.length }).toEqual({
					where,
					preSend: 1,
				});
			}
		});

		it('sorts every options list by name', () => {
			const lists: INodeProperties[] = [];
			const walk = (properties: INodeProperties[]) => {
				for (const property of properties) {
					if (property.type === 'options' && property.name !== 'operation') lists.push(property);
					if (property.type === 'collection') walk(property.options as INodeProperties[]);
				}
			};
			walk(description.properties);
			for (const property of [
				...lists,
				...description.properties.filter((p) => p.name === 'operation'),
			]) {
				const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
				const where = `${property.name} ${JSON.stringify(property.displayOptions?.show ?? {})}`;
				expect({ where, sorted: isSorted(names) }).toEqual({ where, sorted: true });
			}
		});

		it('shows every field for an existing resource and operation', () => {
			const operations = operationsOf(description).map(
				({ resource, option }) => `${resource}/${String(option.value)}`,
			);
			for (const property of description.properties) {
				const show = property.displayOptions?.show;
				if (!show?.operation) continue;
				const pairs = (show.resource ?? []).flatMap((resource) =>
					show.operation!.map((operation) => `${String(resource)}/${String(operation)}`),
				);
				expect(pairs.filter((pair) => operations.includes(pair))).not.toHaveLength(0);
			}
		});

		it('offers Sending Options on every send and nothing else', () => {
			for (const { resource, option } of operationsOf(description)) {
				const sends =
					option.routing?.request?.method === 'POST' && option.routing?.send?.paginate === true;
				const hasOptions = description.properties.some(
					(property) =>
						property.name === 'sendingOptions' &&
						property.displayOptions?.show?.resource?.includes(resource) &&
						property.displayOptions?.show?.operation?.includes(option.value),
				);
				expect({ operation: `${resource}:${option.value}`, hasOptions }).toEqual({
					operation: `${resource}:${option.value}`,
					hasOptions: sends,
				});
			}
		});
	},
);

describe.each(fieldLists)('%s fields after mergeFields', (_name, description, fields) => {
	it('show every operation the same fields, in the same order, as its files define', () => {
		for (const { resource, option } of operationsOf(description)) {
			const operation = String(option.value);
			expect(visible(description.properties, resource, operation)).toEqual(
				visible(fields, resource, operation),
			);
		}
	});

	it('define a field shared by several operations once', () => {
		const names = description.properties.map((property) => property.name);
		expect(names.filter((name) => name === 'attachments')).toHaveLength(1);
		if (names.includes('text')) expect(names.filter((name) => name === 'text')).toHaveLength(1);
		if (names.includes('message'))
			expect(names.filter((name) => name === 'message')).toHaveLength(1);
	});
});

describe('mergeFields', () => {
	const operation = (resource: string, values: string[]): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: values.map((value) => ({ name: value, value })),
		default: values[0],
	});
	const field = (name: string, resource: string, op: string): INodeProperties => ({
		displayName: name,
		name,
		type: 'string',
		default: '',
		displayOptions: { show: { resource: [resource], operation: [op] } },
	});

	it('does not merge when the union would show a field for another operation', () => {
		const fields = [
			operation('chat', ['getAll', 'start']),
			operation('message', ['getAll', 'send']),
			field('text', 'chat', 'start'),
			field('text', 'message', 'getAll'),
		];
		expect(mergeFields(fields).filter((f) => f.name === 'text')).toHaveLength(2);
	});

	it('refuses two operations that order the same fields differently', () => {
		const fields = [
			operation('chat', ['a', 'b']),
			field('x', 'chat', 'a'),
			field('y', 'chat', 'a'),
			field('y', 'chat', 'b'),
			field('x', 'chat', 'b'),
		];
		expect(() => mergeFields(fields)).toThrow(/order the same fields differently/);
	});
});
