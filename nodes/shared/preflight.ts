import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeParameters,
	NodeParameterValueType,
} from 'n8n-workflow';

import { fixableError } from './errors';
import type { Field } from './parameters';

/**
 * The items RoutingNode runs for this node run (all of them, whichever item's context asks): the
 * node's input, only its first item with "Execute Once" (as n8n's engine cuts it).
 */
export function runItems(context: IExecuteSingleFunctions): INodeExecutionData[] {
	const data = context.getExecuteData()?.data;
	const items = data?.main?.[0] ?? data?.ai_tool?.[0] ?? [context.getInputData()];
	return context.getNode().executeOnce === true ? items.slice(0, 1) : items;
}

function messageOf(error: unknown) {
	return error instanceof Error ? error.message : String(error);
}

/** A raw parameter value resolved for one item, as getNodeParameter resolves it for that item. */
function resolve(context: IExecuteSingleFunctions, raw: unknown, index: number): unknown {
	if (typeof raw === 'string' && raw.startsWith('=')) {
		return context.evaluateExpression(raw.slice(1), index);
	}
	if (Array.isArray(raw)) return raw.map((entry: unknown) => resolve(context, entry, index));
	if (raw && typeof raw === 'object') {
		const resolved: IDataObject = {};
		for (const [key, value] of Object.entries(raw)) {
			resolved[key] = resolve(context, value, index) as IDataObject[string];
		}
		return resolved;
	}
	return raw;
}

/** A resource locator gives its value (`{__rl, mode, value}` → value). */
function unwrap(value: unknown): unknown {
	if (value && typeof value === 'object' && (value as IDataObject).__rl === true) {
		return (value as IDataObject).value;
	}
	return value;
}

function at(parameters: INodeParameters, name: string): NodeParameterValueType | undefined {
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return value as NodeParameterValueType | undefined;
}

/**
 * One input item's parameters, read from any item's context: expressions are evaluated for this
 * item (`evaluateExpression(expression, index)` resolves its own `$json`). Errors name the field
 * and carry this item's index.
 */
export class ItemInputs {
	private readonly read = new Set<string>();

	constructor(
		readonly context: IExecuteSingleFunctions,
		readonly index: number,
		readonly item: INodeExecutionData,
	) {}

	/** The field's value for this item, validated. */
	get<T>(field: Field<T>): T {
		this.read.add(field.name);
		let value: unknown;
		try {
			value = unwrap(
				resolve(this.context, at(this.context.getNode().parameters, field.name), this.index),
			);
		} catch (error) {
			this.failExpression(field.label, error);
		}
		const parsed = field.schema.safeParse(value ?? undefined);
		if (parsed.success) return parsed.data;
		const issue = parsed.error.issues[0];
		const where = issue.path.length ? ` (${issue.path.join('.')})` : '';
		this.fail(`The "${field.label}" parameter ${issue.message}${where}`, field.hint);
	}

	/** Evaluates every other parameter too: an expression that fails anywhere stops the run. */
	resolveTheRest(): void {
		for (const [name, raw] of Object.entries(this.context.getNode().parameters)) {
			if (this.read.has(name)) continue;
			try {
				resolve(this.context, raw, this.index);
			} catch (error) {
				this.failExpression(name, error);
			}
		}
	}

	private failExpression(label: string, error: unknown): never {
		throw fixableError(
			this.context.getNode(),
			`The "${label}" parameter could not be resolved: ${messageOf(error)}`,
			`Fix the expression in "${label}".`,
			this.index,
		);
	}

	fail(message: string, hint: string): never {
		throw fixableError(this.context.getNode(), message, hint, this.index);
	}
}
