/**
 * How Unipile node errors read: a check of ours shows as a check (no "From Unipile" section in the
 * editor, docs/n8n-behaviour.md#errors-from-routed-requests), and an API refusal names the field
 * its detail is about.
 */
import type { INode, INodeProperties } from 'n8n-workflow';

import { fieldNamedIn, PARAMETERS } from '../../nodes/Unipile/shared/apiFields';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import { rl } from '../../tools/n8n/workflows';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { NO_PACING } from '../engine';
import type { RunResult } from '../engine';
import { apiRequests, runUnipile, runUnipileV1, SEND_PATH } from './helpers';

/** The error n8n keeps for the node's run, as the editor's error panel reads it. */
function panelError(result: RunResult) {
	const error = result.runData.Unipile?.[0]?.error as unknown as {
		name: string;
		message: string;
		description?: string | null;
		httpCode?: string | null;
		messages?: string[];
		context?: { data?: unknown; itemIndex?: number };
	};
	return {
		message: error.message,
		description: error.description,
		// The editor shows "From Unipile" for any of these (NodeErrorView).
		fromUnipile: Boolean(
			error.httpCode ||
			(error.messages ?? []).some((entry) => entry !== error.message) ||
			error.context?.data,
		),
		itemIndex: error.context?.itemIndex,
	};
}

describe('on API v2', () => {
	let sandbox: UnipileSandbox;
	beforeAll(async () => (sandbox = await startUnipileSandbox()));
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('shows a failed check as a check, not as an answer of Unipile', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'message',
			operation: 'send',
			chat: rl(UNIPILE_SANDBOX.chatIds[0]),
			text: '={{ " " }}',
			...NO_PACING,
		});
		expect(apiRequests(sandbox)).toEqual([]);
		expect(panelError(result)).toEqual({
			message: 'The "Text" parameter is empty and no file is attached',
			description: 'Write a message in "Text", or add a file under "Attachments".',
			fromUnipile: false,
			itemIndex: 0,
		});
	});

	it('shows a failed check of a read as a check', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'get',
			chat: rl('={{ ".." }}'),
		});
		expect(apiRequests(sandbox)).toEqual([]);
		expect(panelError(result)).toEqual({
			message: 'The "Chat" parameter cannot be "." or ".."',
			description: 'Pick the chat from the list, or map its ID (chat_id) from an earlier node.',
			fromUnipile: false,
			itemIndex: 0,
		});
	});

	it('shows a failed check of a read with its own routing as a check', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'user',
			operation: 'getProfile',
			profile: '={{ " " }}',
		});
		expect(apiRequests(sandbox)).toEqual([]);
		expect(panelError(result)).toEqual({
			message: 'The "Profile" parameter is empty',
			description:
				'Map a profile URL such as https://www.linkedin.com/in/jane-doe/, its last part, or a provider ID.',
			fromUnipile: false,
			itemIndex: 0,
		});
	});

	it("shows Unipile's refusal under From Unipile, naming the field its detail is about", async () => {
		sandbox.inject({
			method: 'POST',
			path: SEND_PATH,
			fault: {
				kind: 'respond',
				status: 400,
				body: {
					object: 'Error',
					type: 'api/invalid_parameters',
					status: 400,
					title: 'Invalid parameters',
					detail: 'text: too many characters (8001, at most 8000)',
				},
			},
		});
		const result = await runUnipile(sandbox, {
			resource: 'message',
			operation: 'send',
			chat: rl(UNIPILE_SANDBOX.chatIds[0]),
			text: 'x',
			...NO_PACING,
		});
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(panelError(result)).toEqual({
			message: 'Unipile: text: too many characters (8001, at most 8000)',
			description: 'Check the "Text" field: the detail above is about text.',
			fromUnipile: true,
			itemIndex: 0,
		});
	});
});

describe('on API v1', () => {
	let sandbox: UnipileV1Sandbox;
	beforeAll(async () => (sandbox = await startUnipileV1Sandbox()));
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it("names the field of a start's recipient that v1 refuses", async () => {
		sandbox.inject({
			method: 'POST',
			path: '/api/v1/chats',
			fault: {
				kind: 'respond',
				status: 422,
				body: {
					title: 'Invalid recipient',
					detail: 'attendees_ids: ACoAAV1Gone0001 cannot be reached',
					type: 'errors/invalid_recipient',
					status: 422,
				},
			},
		});
		const result = await runUnipileV1(sandbox, {
			resource: 'chat',
			operation: 'start',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: 'ACoAAV1Gone0001',
			text: 'Hello',
			...NO_PACING,
		});
		expect(panelError(result)).toEqual({
			message: 'Unipile: attendees_ids: ACoAAV1Gone0001 cannot be reached',
			description:
				'Check the "Recipient Profile URL or User ID" field: the detail above is about attendees_ids.',
			fromUnipile: true,
			itemIndex: 0,
		});
	});
});

describe('the field an API detail names', () => {
	const node = (operation?: string): INode => ({
		id: 'n',
		name: 'Unipile',
		type: 'unipile',
		typeVersion: 1,
		position: [0, 0],
		parameters: operation ? { operation } : {},
	});

	it.each([
		['specifics.linkedin.sales_navigator.subject: Required', 'startInMail', 'Subject'],
		['body.specifics.linkedin.recruiter.signature must be a string', 'start', 'Signature'],
		['linkedin[topic]: must be one of service_request, …', 'messageOrganization', 'Topic'],
		['users_ids: must not be empty', 'startGroup', 'Member Profile URLs or User IDs'],
		['attendees_ids: 1035 is unknown', 'messageOrganization', 'Organization ID'],
		['chat_id: Destination chat chat_9 not found', 'forward', 'Destination Chat'],
		['subject: must not be empty', 'startGroup', 'Group Name'],
		['"text" is too long', 'send', 'Text'],
		['attachments: more than 20 MB in total', 'reply', 'Attachments'],
	])('%s → %s: %s', (detail, operation, label) => {
		expect(fieldNamedIn(detail, node(operation))?.label).toBe(label);
	});

	it.each([
		'The text of a message cannot be empty',
		'Try again after 5 minutes',
		'Reactions are not available on Recruiter and Sales Navigator',
		'',
	])('names none in "%s"', (detail) => {
		expect(fieldNamedIn(detail, node('send'))).toBeUndefined();
	});

	it('names only fields the Unipile node has', () => {
		const names = new Set<string>();
		const walk = (properties: INodeProperties[]) => {
			for (const property of properties) {
				names.add(property.displayName);
				if (property.type === 'collection') walk(property.options as INodeProperties[]);
			}
		};
		walk(new Unipile().description.properties);
		const operations = [
			'forward',
			'messageApplicant',
			'messageOrganization',
			'startGroup',
			'start',
		];
		const labels = PARAMETERS.flatMap(([, label]) =>
			typeof label === 'string' ? [label] : operations.map(label),
		);
		expect(labels.filter((label) => !names.has(label))).toEqual([]);
	});
});
