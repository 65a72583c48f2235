import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';
import { attachment } from '../../nodes/ConnectSafely/resources/attachment';
import { conversation } from '../../nodes/ConnectSafely/resources/conversation';
import { invitation as connectSafelyInvitation } from '../../nodes/ConnectSafely/resources/invitation';
import { message as connectSafelyMessage } from '../../nodes/ConnectSafely/resources/message';
import { profile } from '../../nodes/ConnectSafely/resources/profile';
import { relationship } from '../../nodes/ConnectSafely/resources/relationship';
import { account as connectSafelyAccount } from '../../nodes/ConnectSafely/shared/fields';
import { nodeProperties } from '../../nodes/shared/descriptions';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import { attachment as unipileAttachment } from '../../nodes/Unipile/resources/attachment';
import { chat } from '../../nodes/Unipile/resources/chat';
import { inbox } from '../../nodes/Unipile/resources/inbox';
import { invitation } from '../../nodes/Unipile/resources/invitation';
import { message } from '../../nodes/Unipile/resources/message';
import { user } from '../../nodes/Unipile/resources/user';
import { account } from '../../nodes/Unipile/shared/fields';

const descriptions: INodeTypeDescription[] = [
	new Unipile().description,
	new ConnectSafely().description,
];
const fieldLists = [
	[
		'Unipile',
		new Unipile().description,
		[chat, inbox, message, user, invitation, unipileAttachment],
		[account.property],
	],
	[
		'ConnectSafely',
		new ConnectSafely().description,
		[
			attachment,
			conversation,
			connectSafelyInvitation,
			connectSafelyMessage,
			profile,
			relationship,
		],
		[connectSafelyAccount.property],
	],
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

		it('offers Sending Options on every send of a message and nothing else', () => {
			// Through the send pipeline, but not messages: nothing to pace or to skip.
			const actions = [
				'inbox:setTyping',
				'attachment:upload',
				'invitation:withdraw',
				'invitation:accept',
				'invitation:decline',
				'chat:markRead',
				'message:react',
			];
			for (const { resource, option } of operationsOf(description)) {
				const sends =
					option.routing?.request?.method === 'POST' &&
					option.routing?.send?.paginate === true &&
					!actions.includes(`${resource}:${String(option.value)}`);
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

describe.each(fieldLists)('%s properties', (_name, description, resources, common) => {
	it('show every operation its own fields, after Account, in the order its file lists them', () => {
		for (const resource of resources) {
			for (const { option, fields } of resource.operations) {
				const shown = visible(description.properties, resource.value, String(option.value))
					.filter((field) => field.name !== 'resource' && field.name !== 'operation')
					.map((field) => field.displayName);
				const where = `${resource.value}/${String(option.value)}`;
				expect({ where, shown }).toEqual({
					where,
					shown: [...common, ...fields].map((field) => field.displayName),
				});
			}
		}
	});

	it('make one property of a field that several operations of a resource list', () => {
		for (const resource of resources) {
			const listed = new Set(resource.operations.flatMap((operation) => operation.fields));
			const own = description.properties.filter(
				(property) => property.displayOptions?.show?.resource?.[0] === resource.value,
			);
			expect({ resource: resource.value, properties: own.length - 1 }).toEqual({
				resource: resource.value,
				properties: listed.size,
			});
		}
	});
});

describe('nodeProperties', () => {
	const field = (name: string): INodeProperties => ({
		displayName: name,
		name,
		type: 'string',
		default: '',
	});
	const [x, y, z] = ['x', 'y', 'z'].map(field);
	const operation = (value: string, fields: INodeProperties[]) => ({
		option: { name: value, value },
		fields,
	});

	it('orders fields so that every operation keeps its own order', () => {
		const properties = nodeProperties(
			[
				{
					name: 'Chat',
					value: 'chat',
					operations: [operation('a', [x, z]), operation('b', [y, z])],
				},
			],
			{ defaultResource: 'chat', common: [] },
		);
		expect(
			properties
				.slice(2)
				.map((property) => [property.name, property.displayOptions?.show?.operation]),
		).toEqual([
			['x', ['a']],
			['y', ['b']],
			['z', ['a', 'b']],
		]);
	});

	it('refuses two operations that order the same fields differently', () => {
		expect(() =>
			nodeProperties(
				[
					{
						name: 'Chat',
						value: 'chat',
						operations: [operation('a', [x, y]), operation('b', [y, x])],
					},
				],
				{ defaultResource: 'chat', common: [] },
			),
		).toThrow('Operations of "Chat" order their fields differently');
	});
});
