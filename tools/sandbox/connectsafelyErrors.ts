/** ConnectSafely's three error body shapes (docs/connectsafely.md#errors), as the sandbox answers them. */
import type { z } from 'zod';

import type { Reply } from './server';
import { reply } from './server';

/** Shape 3: a Zod validation error. */
export const zodError = (issues: z.ZodIssue[]): Reply =>
	reply(400, {
		success: false,
		error: {
			name: 'ZodError',
			issues: issues.map((issue) => ({
				code: issue.code,
				path: issue.path,
				message: issue.message,
			})),
		},
	});

/** Shape 1: `{ success, code, message }`. */
export const validation = (message: string): Reply =>
	reply(400, { success: false, code: 'validation_error', message });

/** Shape 2: `{ error }`. */
export const notFound = (error: string): Reply => reply(404, { error });
