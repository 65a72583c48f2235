import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { Unipile } from '../../nodes/Unipile/Unipile.node';
import { DEFAULT_SENDING } from '../../nodes/shared/delivery';
import { sendingOptionsField } from '../../nodes/shared/sendingOptions';

const descriptions: INodeTypeDescription[] = [new Unipile().description];

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
		it('gives every operation an action, a description and a request', () => {
			for (const { option } of operationsOf(description)) {
				expect(option.action).toMatch(/^[A-Z][a-z]/);
				expect(option.description).toBeTruthy();
				expect(option.routing?.request?.method).toBeDefined();
				expect(option.routing?.request?.url).toMatch(/^=\//);
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
			const operations = operationsOf(description);
			for (const property of description.properties) {
				const show = property.displayOptions?.show;
				if (!show?.operation) continue;
				for (const resource of show.resource ?? []) {
					for (const operation of show.operation) {
						expect(operations).toContainEqual(
							expect.objectContaining({
								resource,
								option: expect.objectContaining({ value: operation }),
							}),
						);
					}
				}
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

it('uses the same defaults in the Sending Options UI and the delivery code', () => {
	const field = sendingOptionsField({}, { rateLimitRetry: true, typing: true });
	const defaults = Object.fromEntries(
		(field.options as INodeProperties[]).map((option) => [option.name, option.default]),
	);
	expect(defaults).toMatchObject({
		...DEFAULT_SENDING,
		pacing: true,
		skipIfSent: false,
		typingFirst: false,
	});
});
