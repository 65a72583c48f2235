import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { invalidInput } from './errors';

export interface ParameterSpec<T extends z.ZodTypeAny = z.ZodTypeAny> {
	/** The field's display name, so the error names what the user sees. */
	label: string;
	schema: T;
	/** How to fix it, when the zod message alone does not say. */
	hint?: string;
}

type Values<S extends Record<string, ParameterSpec>> = { [K in keyof S]: z.infer<S[K]['schema']> };

/** A non-empty, trimmed string. */
export const requiredText = () =>
	z
		.string({ required_error: 'is empty', invalid_type_error: 'must be text' })
		.trim()
		.min(1, 'is empty');

/**
 * Reads and validates an item's parameters (resource locators give their value). The first bad one
 * throws a NodeOperationError naming the field, before any request is made.
 */
export function readParameters<S extends Record<string, ParameterSpec>>(
	context: IExecuteSingleFunctions,
	spec: S,
): Values<S> {
	const values: Record<string, unknown> = {};
	for (const [name, { label, schema, hint }] of Object.entries(spec)) {
		const raw = context.getNodeParameter(name, undefined, { extractValue: true });
		const parsed = schema.safeParse(raw ?? undefined);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const where = issue.path.length ? ` (${issue.path.join('.')})` : '';
			throw invalidInput(
				context,
				`The "${label}" parameter ${issue.message}${where}`,
				hint ?? `Set "${label}" on the node and run again.`,
			);
		}
		values[name] = parsed.data;
	}
	return values as Values<S>;
}
