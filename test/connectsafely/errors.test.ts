import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	connectSafelyError,
	parseBody,
	resetTimeOf,
} from '../../nodes/ConnectSafely/shared/errors';
import { outcomeOf, redact } from '../../nodes/shared/errors';

const node: INode = {
	id: 'cs',
	name: 'ConnectSafely',
	type: 'n8n-nodes-linkedin-messaging.connectSafely',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const SECRET = 'example-connectsafely-key-0001';

describe('connectSafelyError', () => {
	it('reads shape {success, code, message}', () => {
		const error = connectSafelyError(node, {
			status: 400,
			body: { success: false, code: 'validation_error', message: 'messagingChannel is invalid' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ConnectSafely rejected the request: messagingChannel is invalid');
		expect(error.description).toMatch(/Check the operation's fields/);
		expect(error.httpCode).toBe('400');
	});

	it('reads shape {error: string} and {success: false, error}', () => {
		expect(connectSafelyError(node, { status: 400, body: { error: 'Send failed' } }).message).toBe(
			'ConnectSafely rejected the request: Send failed',
		);
		expect(
			connectSafelyError(node, {
				status: 400,
				body: { success: false, error: 'Recipient not reachable' },
			}).message,
		).toBe('ConnectSafely rejected the request: Recipient not reachable');
	});

	it('names the node field of a Zod issue', () => {
		const error = connectSafelyError(node, {
			status: 400,
			body: {
				success: false,
				error: {
					name: 'ZodError',
					issues: [
						{
							code: 'invalid_type',
							expected: 'string',
							received: 'undefined',
							path: ['recipientProfileUrn'],
							message: 'Required',
						},
					],
				},
			},
		});
		expect(error.message).toBe(
			'ConnectSafely rejected the "Recipient Profile URN" field: Required',
		);
		expect(error.description).toBe(
			'Fix "Recipient Profile URN" (sent as recipientProfileUrn) and run again.',
		);
	});

	it('lists every field of a multi-issue Zod error', () => {
		const error = connectSafelyError(node, {
			status: 400,
			body: {
				error: {
					name: 'ZodError',
					issues: [
						{ path: ['message'], message: 'Required' },
						{ path: ['attachments', 0, 'file'], message: 'Expected object' },
					],
				},
			},
		});
		expect(error.message).toMatch(/"Message", "Attachments" fields/);
		expect(error.description).toMatch(/sent as message, attachments\.0\.file/);
	});

	it('points at the credential on 401 and the subscription on 403', () => {
		const unauthorized = connectSafelyError(node, {
			status: 401,
			body: { error: 'Unauthorized - Invalid credentials' },
		});
		expect(unauthorized.message).toBe(
			'ConnectSafely did not accept the API key: Unauthorized - Invalid credentials',
		);
		expect(unauthorized.description).toMatch(/API key in the ConnectSafely credential/);
		const forbidden = connectSafelyError(node, {
			status: 403,
			body: { error: 'Your trial has expired. Please subscribe to continue using this feature.' },
		});
		expect(forbidden.message).toMatch(/trial has expired/);
		expect(forbidden.description).toMatch(/subscription/);
	});

	it('says which ID was not found on 404', () => {
		const error = connectSafelyError(node, {
			status: 404,
			body: { error: 'Conversation not found' },
			ids: [
				{ label: 'Account', value: '(the default account)' },
				{ label: 'Conversation', value: 'urn:li:msg_conversation:(x,2-y)' },
			],
		});
		expect(error.message).toBe('ConnectSafely could not find it: Conversation not found');
		expect(error.description).toMatch(/^Check Conversation "urn:li:msg_conversation:\(x,2-y\)":/);
		const account = connectSafelyError(node, {
			status: 404,
			body: { error: 'Account not found' },
			ids: [
				{ label: 'Account', value: '60d21b4667d0d8992e610c85' },
				{ label: 'Recipient Profile ID or URL', value: 'john-doe-123' },
			],
		});
		expect(account.description).toMatch(/^Check Account "60d21b4667d0d8992e610c85":/);
		const profile = connectSafelyError(node, {
			status: 404,
			body: { error: 'Profile not found' },
			ids: [
				{ label: 'Account', value: '60d21b4667d0d8992e610c85' },
				{ label: 'Recipient Profile ID or URL', value: 'john-doe-123' },
			],
		});
		expect(profile.description).toMatch(/^Check Recipient Profile ID or URL "john-doe-123":/);
	});

	it.each([
		[
			'holdUntil in the body',
			{ error: 'Rate limit exceeded for MESSAGE', holdUntil: '2026-04-27T15:42:11Z' },
			{},
			'2026-04-27T15:42:11.000Z',
		],
		[
			'X-RateLimit-Reset (ISO)',
			{ error: 'Too many new conversations' },
			{ 'X-RateLimit-Reset': '2026-04-28T00:00:00Z' },
			'2026-04-28T00:00:00.000Z',
		],
	])('puts the reset time of a 429 in the message: %s', (_name, body, headers, reset) => {
		const error = connectSafelyError(node, { status: 429, body, headers });
		expect(error.message).toContain(`It resets at ${reset}`);
		expect(error.description).toMatch(/does not retry/);
	});

	it('turns Retry-After seconds into a reset time', () => {
		const before = Date.now();
		const error = connectSafelyError(node, {
			status: 429,
			body: { error: 'Slow down' },
			headers: { 'retry-after': '120' },
		});
		const reset = Date.parse(/It resets at (\S+)/.exec(error.message)?.[1] ?? '');
		expect(reset).toBeGreaterThanOrEqual(before + 119_000);
		expect(reset).toBeLessThanOrEqual(Date.now() + 121_000);
	});

	it('takes the quota reset over an earlier hold while none of the quota remains', () => {
		// The cookbook's CONNECT example: a 24 h hold, the week used up until Monday.
		expect(
			resetTimeOf(
				{ holdUntil: '2026-04-27T15:42:11Z' },
				{ 'x-ratelimit-reset': '2026-04-28T00:00:00Z', 'x-ratelimit-remaining': '0' },
			),
		).toBe('2026-04-28T00:00:00.000Z');
	});

	it('prefers holdUntil over the headers, and says when no reset time was given', () => {
		expect(
			resetTimeOf(
				{ holdUntil: '2026-04-27T15:42:11Z' },
				{ 'x-ratelimit-reset': '2026-04-28T00:00:00Z' },
			),
		).toBe('2026-04-27T15:42:11.000Z');
		expect(connectSafelyError(node, { status: 429, body: {} }).message).toMatch(
			/reset time was not given/,
		);
	});

	it.each([
		[500, undefined, 'unknown', 'ConnectSafely could not complete the request: LinkedIn timeout'],
		[400, undefined, 'refused', 'ConnectSafely rejected the request: LinkedIn timeout'],
		[400, true, 'unknown', 'ConnectSafely answered that the request failed: LinkedIn timeout'],
	] as const)(
		'reads HTTP %s (2xx with success: false: %s) as %s',
		(status, succeeded, outcome, message) => {
			const error = connectSafelyError(node, {
				status,
				succeeded,
				body: { success: false, error: 'LinkedIn timeout' },
			});
			expect(error.message).toBe(message);
			expect(outcomeOf(error)).toBe(outcome);
		},
	);

	it('never shows the API key, even when the API echoes it', () => {
		const error = connectSafelyError(node, {
			status: 401,
			body: { error: `Invalid key ${SECRET}`, headers: { authorization: `Bearer ${SECRET}` } },
			secret: SECRET,
		});
		const shown = JSON.stringify({ message: error.message, description: error.description, error });
		expect(shown).not.toContain(SECRET);
		expect(error.message).toContain('Invalid key ***');
	});
});

describe('helpers', () => {
	it('parses JSON sent back as text or bytes', () => {
		expect(parseBody('{"success":true}')).toEqual({ success: true });
		expect(parseBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
		expect(parseBody('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
	});

	it('redacts bearer tokens', () => {
		expect(redact('Authorization: Bearer abc.def-123, next', [])).toBe(
			'Authorization: Bearer ***, next',
		);
	});
});
