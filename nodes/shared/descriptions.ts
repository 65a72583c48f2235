import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

type Show = IDisplayOptions['show'];

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
	show: Show,
	options: INodeProperties[],
): INodeProperties {
	const [displayName, placeholder] =
		kind === 'filters' ? ['Filters', 'Add Filter'] : ['Additional Fields', 'Add Field'];
	return {
		displayName,
		name: kind,
		type: 'collection',
		placeholder,
		default: {},
		displayOptions: { show },
		options,
	};
}

/** Return All / Limit / Simplify, as n8n's UX guidelines word them. */
export function returnAllField(show: Show): INodeProperties {
	return {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	};
}

export function limitField(show: Show): INodeProperties {
	return {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	};
}

export function simplifyField(show: Show): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show },
	};
}

type Pair = readonly [resource: string, operation: string];

/** The resource/operation pairs a field is shown for, when that is all its displayOptions say. */
function pairsOf(field: INodeProperties): Pair[] | undefined {
	const show = field.displayOptions?.show;
	if (!show || field.displayOptions?.hide) return undefined;
	const { resource, operation, ...rest } = show;
	if (Object.keys(rest).length || !resource || !operation) return undefined;
	return resource.flatMap((r) => operation.map((o) => [String(r), String(o)] as const));
}

/** Whether a field can show for a pair, judging by its resource and operation conditions only. */
function showsFor(field: INodeProperties, [resource, operation]: Pair): boolean {
	const show = field.displayOptions?.show ?? {};
	const allows = (values: unknown[] | undefined, value: string) =>
		!values || values.map(String).includes(value);
	return allows(show.resource, resource) && allows(show.operation, operation);
}

/** Deep equality of plain description data; functions (e.g. preSend hooks) by reference. */
function same(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left);
	return (
		keys.length === Object.keys(right).length && keys.every((key) => same(left[key], right[key]))
	);
}

function withoutDisplay(field: INodeProperties): Omit<INodeProperties, 'displayOptions'> {
	const definition = { ...field };
	delete definition.displayOptions;
	return definition;
}

/** Every resource/operation pair the fields define (from the "operation" fields' options). */
function operationPairs(fields: INodeProperties[]): Pair[] {
	return fields
		.filter((field) => field.name === 'operation')
		.flatMap((field) =>
			(field.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				(field.options ?? []).map(
					(option) => [String(resource), String('value' in option ? option.value : '')] as const,
				),
			),
		);
}

/**
 * Merges fields that differ only in the operations showing them into one field per definition.
 * n8n's RoutingNode evaluates a parameter once per property carrying its name, twice per item, so
 * eight copies of "Text" meant sixteen evaluations of its expression for every item sent. A merged
 * field shows for the union of resources and operations; fields are merged only when that union
 * adds no other existing resource/operation pair, and every operation keeps its fields' order.
 */
export function mergeFields(fields: INodeProperties[]): INodeProperties[] {
	const pairs = operationPairs(fields);
	const known = new Set(pairs.map(([r, o]) => `${r}/${o}`));
	const groups: Array<{ field: INodeProperties; pairs: Pair[]; members: INodeProperties[] }> = [];
	for (const field of fields) {
		const own = pairsOf(field);
		const group =
			own &&
			groups.find((candidate) => {
				if (candidate.field.name !== field.name || !candidate.pairs.length) return false;
				if (!same(withoutDisplay(candidate.field), withoutDisplay(field))) return false;
				const union = [...candidate.pairs, ...own];
				const wanted = new Set(union.map(([r, o]) => `${r}/${o}`));
				return union.every(([r]) =>
					union.every(([, o]) => wanted.has(`${r}/${o}`) || !known.has(`${r}/${o}`)),
				);
			});
		if (!group || !own) {
			groups.push({ field, pairs: own ?? [], members: [field] });
			continue;
		}
		group.pairs.push(...own);
		group.members.push(field);
		group.field = {
			...group.field,
			displayOptions: {
				show: {
					resource: [...new Set(group.pairs.map(([r]) => r))],
					operation: [...new Set(group.pairs.map(([, o]) => o))],
				},
			},
		};
	}
	// Order: every pair must see its fields in their original order (a topological sort of the
	// groups, ties broken by first appearance).
	const after = groups.map(() => new Set<number>());
	const groupOf = new Map(groups.flatMap((group, index) => group.members.map((m) => [m, index])));
	for (const pair of pairs) {
		const seen = fields.filter((field) => showsFor(field, pair)).map((f) => groupOf.get(f) ?? -1);
		for (let i = 1; i < seen.length; i++)
			if (seen[i - 1] !== seen[i]) after[seen[i]].add(seen[i - 1]);
	}
	const placed: number[] = [];
	while (placed.length < groups.length) {
		const next = groups.findIndex(
			(_, index) => !placed.includes(index) && [...after[index]].every((b) => placed.includes(b)),
		);
		if (next < 0) throw new Error('mergeFields: two operations order the same fields differently');
		placed.push(next);
	}
	return placed.map((index) => groups[index].field);
}
