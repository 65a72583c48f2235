import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

/**
 * A node field in one place: its description and how one item's value is checked before anything
 * is sent. Errors name the field by its display name, so the user sees which one to fix.
 */
export interface Field<T = unknown> {
	/** The parameter's path in the node, e.g. `chat` or `additionalFields.subject`. */
	name: string;
	label: string;
	schema: z.ZodType<T, z.ZodTypeDef, unknown>;
	/** How to fix a bad value. */
	hint: string;
	/** The description; the node adds the operations that show it (nodes/shared/descriptions.ts). */
	property: INodeProperties;
}

/** A top-level field. */
export function field<T>(
	property: INodeProperties,
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	hint: string,
): Field<T> {
	return { name: property.name, label: property.displayName, schema, hint, property };
}

/** A field inside a collection, e.g. "Additional Fields": `property` is one of its options. */
export function optionField<T>(
	collection: string,
	property: INodeProperties,
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	hint: string,
): Field<T> & { option: INodeProperties } {
	return {
		name: `${collection}.${property.name}`,
		label: property.displayName,
		schema,
		hint,
		option: property,
		property,
	};
}

/** Numbers and booleans that an expression produced are taken as their text. */
const asText = (value: unknown) =>
	typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;

/** A non-empty, trimmed string. */
export const requiredText = () =>
	z.preprocess(
		asText,
		z
			.string({ required_error: 'is empty', invalid_type_error: 'must be text' })
			.trim()
			.min(1, 'is empty'),
	);

/** A trimmed string, '' when empty. */
export const optionalText = () =>
	z.preprocess(
		(value) => asText(value) ?? '',
		z.string({ invalid_type_error: 'must be text' }).trim(),
	);

/**
 * An ID that becomes one URL path segment. `.` and `..` are refused: encoded or not, they change
 * the path the request goes to.
 */
export const pathId = () =>
	requiredText().refine((value) => value !== '.' && value !== '..', 'cannot be "." or ".."');

/** An optional date (n8n's dateTime field or an expression), as ISO 8601 in UTC. */
export const optionalDate = () =>
	z.preprocess(
		(value) => (value === '' || value === null ? undefined : value),
		z
			.union([z.string(), z.date(), z.number()], { invalid_type_error: 'must be a date' })
			.transform((value, context) => {
				const time = new Date(value).getTime();
				if (Number.isNaN(time)) {
					context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date' });
					return z.NEVER;
				}
				return new Date(time).toISOString();
			})
			.optional(),
	);

/** `/a/${x}/b` with every interpolated value URL-encoded as one path segment. */
export function path(strings: TemplateStringsArray, ...segments: string[]): string {
	return strings.reduce((url, part, index) => {
		if (index === 0) return part;
		const segment = segments[index - 1];
		if (segment === '.' || segment === '..' || segment === '') {
			throw new RangeError(`"${segment}" cannot be a URL path segment`);
		}
		return `${url}${encodeURIComponent(segment)}${part}`;
	}, '');
}
