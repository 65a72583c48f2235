/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: reads the codex files */
/**
 * What the editor shows for the Unipile node: the lists (and what they say when a field they need is
 * empty), the canvas subtitle, and the words the nodes panel finds the nodes by.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeProperties,
	INodePropertyOptions,
	INodeTypes,
} from 'n8n-workflow';
import { NodeOperationError, Workflow } from 'n8n-workflow';

import { titleOf } from '../../nodes/shared/descriptions';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import { hookContext } from '../trigger/fakes';

const { listSearch } = new Unipile().methods;
type ListMethod = keyof typeof listSearch;

describe('lists', () => {
	let v2: UnipileSandbox;
	let v1: UnipileV1Sandbox;
	beforeAll(async () => {
		v2 = await startUnipileSandbox();
		v1 = await startUnipileV1Sandbox();
	});
	afterAll(async () => {
		await v2.close();
		await v1.close();
	});
	beforeEach(() => {
		v2.reset();
		v1.reset();
	});

	/** The editor's call of a list method with the node's current values (resource locators as values). */
	const list = async (method: ListMethod, parameters: IDataObject, version: 'v1' | 'v2' = 'v2') => {
		const context = hookContext({
			baseUrl: v2.baseUrl,
			apiKey: version === 'v2' ? UNIPILE_SANDBOX.apiKey : UNIPILE_V1_SANDBOX.apiKey,
			...(version === 'v1' ? { dsn: v1.dsn } : {}),
			webhookUrl: '',
			parameters,
			staticData: {},
		}) as unknown as ILoadOptionsFunctions;
		return await listSearch[method].call(context);
	};
	const requests = () => [
		...v2.requests.filter((request) => request.path.startsWith('/v2/')),
		...v1.requests.filter((request) => request.path.startsWith('/api/v1/')),
	];

	it.each([
		['getChats', {}, 'v2', 'Select an Account first'],
		['getChats', { account: '' }, 'v1', 'Select an Account first'],
		['getInboxes', { account: ' ' }, 'v2', 'Select an Account first'],
		['getMessages', { account: UNIPILE_SANDBOX.accountId, chat: '' }, 'v2', 'Select a Chat first'],
		[
			'getAttachments',
			{ account: UNIPILE_SANDBOX.accountId, chat: 'chat_0004' },
			'v2',
			'Select a Message first',
		],
	] as const)(
		'%s with %j on %s says "%s" instead of an empty list',
		async (method, parameters, version, message) => {
			const failure = await list(method, parameters, version).then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(failure).toBeInstanceOf(NodeOperationError);
			expect((failure as Error).message).toBe(message);
			expect(requests()).toEqual([]);
		},
	);

	it('offers only the Primary inboxes that can start a chat, product first', async () => {
		expect(await list('getInboxes', { account: UNIPILE_SANDBOX.accountId })).toEqual({
			// The sandbox also has CLASSIC_SECONDARY, and RECRUITER_PRIMARY with messaging disabled.
			results: [
				{ name: 'LinkedIn Classic (CLASSIC_PRIMARY)', value: 'CLASSIC_PRIMARY' },
				{ name: 'Sales Navigator (SALES_NAVIGATOR_PRIMARY)', value: 'SALES_NAVIGATOR_PRIMARY' },
			],
		});
		expect(await list('getInboxes', { account: UNIPILE_V1_SANDBOX.accountId }, 'v1')).toEqual({
			results: [
				{ name: 'LinkedIn Classic (CLASSIC_PRIMARY)', value: 'CLASSIC_PRIMARY' },
				{ name: 'Recruiter (RECRUITER_PRIMARY)', value: 'RECRUITER_PRIMARY' },
				{ name: 'Sales Navigator (SALES_NAVIGATOR_PRIMARY)', value: 'SALES_NAVIGATOR_PRIMARY' },
			],
		});
	});

	it("lists the chat's messages, newest first, by time, sender and text", async () => {
		const page = await list('getMessages', {
			account: UNIPILE_SANDBOX.accountId,
			chat: UNIPILE_SANDBOX.chatIds[0],
		});
		expect(page.results.map((entry) => [entry.value, String(entry.name).slice(19)])).toEqual([
			['msg_0001_3', 'Them: Sounds good, talk soon'],
			['msg_0001_2', 'You: Happy to share more'],
			['msg_0001_1', 'Them: Hi! Thanks for reaching out'],
		]);
		expect(page.results[0].name).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d · Them: /);
		expect(requests().map((request) => [request.path, request.query])).toEqual([
			[`/v2/${UNIPILE_SANDBOX.accountId}/chats/chat_0001/messages`, { limit: '50' }],
		]);
	});

	it("lists a message's attachments by file name and type, on v2 and v1", async () => {
		const { attachment } = UNIPILE_SANDBOX;
		expect(
			await list('getAttachments', {
				account: UNIPILE_SANDBOX.accountId,
				chat: attachment.chatId,
				message: attachment.messageId,
			}),
		).toEqual({
			results: [{ name: 'proposal.pdf (application/pdf)', value: attachment.attachmentId }],
		});
		const v1Attachment = UNIPILE_V1_SANDBOX.attachment;
		expect(
			await list(
				'getAttachments',
				{
					account: UNIPILE_V1_SANDBOX.accountId,
					chat: v1Attachment.chatId,
					message: v1Attachment.messageId,
				},
				'v1',
			),
		).toEqual({
			results: [{ name: 'proposal.pdf (application/pdf)', value: v1Attachment.attachmentId }],
		});
	});
});

describe('the canvas subtitle', () => {
	const subtitleFor = (parameters: IDataObject) => {
		const node: INode = {
			id: 'subtitle',
			name: 'Unipile',
			type: 'unipile',
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByNameAndVersion: () => undefined } as unknown as INodeTypes,
		});
		return workflow.expression.getSimpleParameterValue(
			node,
			new Unipile().description.subtitle as string,
			'internal',
			{},
		);
	};

	it.each([
		['message', 'send', 'Send Message'],
		['message', 'reply', 'Reply to Message'],
		['message', 'react', 'React to Message'],
		['chat', 'startInMail', 'Send InMail'],
		['chat', 'getAll', 'Get Many Chats'],
		['chat', 'markRead', 'Mark Chat as Read'],
		['inbox', 'getInMailCredits', 'Get InMail Credits'],
		['attachment', 'download', 'Download Attachment'],
		['message', 'later', 'later: message'],
	])('%s / %s reads "%s"', (resource, operation, subtitle) => {
		expect(subtitleFor({ resource, operation })).toBe(subtitle);
	});

	it('titles an action without articles, small words in lower case', () => {
		expect(titleOf('Show a typing indicator')).toBe('Show Typing Indicator');
		expect(titleOf('Message a job applicant')).toBe('Message Job Applicant');
	});
});

describe('what API v1 lacks', () => {
	const { properties } = new Unipile().description;
	/** Every property and option, nested ones included. */
	const all = (list = properties): Array<{ name: string; description?: string }> =>
		list.flatMap((property) => [
			{ name: property.name, description: property.description },
			...(property.type === 'collection' || property.type === 'fixedCollection'
				? all(
						(property.options as Array<INodeProperties | { values: INodeProperties[] }>).flatMap(
							(option) => ('values' in option ? option.values : [option]),
						),
					)
				: []),
		]);
	const descriptionsOf = (name: string) =>
		all()
			.filter((entry) => entry.name === name)
			.map((entry) => entry.description);

	it.each([
		['forward', 'message'],
		['setTyping', 'inbox'],
		['getAll', 'inbox'],
		['react', 'message'],
	])('marks the operation %s of %s "(API v2 only)"', (operation, resource) => {
		const options = properties
			.filter(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource),
			)
			.flatMap((property) => property.options as INodePropertyOptions[]);
		expect(options.find((option) => option.value === operation)?.description).toMatch(
			/^\(API v2 only\) /,
		);
	});

	it.each(['type', 'isArchived', 'sendMode', 'messagingToken', 'service', 'typingFirst'])(
		'marks the field %s "(API v2 only)"',
		(name) => {
			const descriptions = descriptionsOf(name);
			expect(descriptions.length).toBeGreaterThan(0);
			for (const description of descriptions) expect(description).toContain('(API v2 only)');
		},
	);
});

describe('the nodes panel', () => {
	const codex = (node: string) =>
		JSON.parse(
			readFileSync(path.resolve(__dirname, `../../nodes/${node}/${node}.node.json`), 'utf8'),
		) as { alias?: string[] };

	it.each(['Unipile', 'UnipileTrigger'])(
		'finds %s by what users search for LinkedIn messaging',
		(node) => {
			expect(codex(node).alias).toEqual(
				expect.arrayContaining(['LinkedIn', 'LinkedIn message', 'InMail', 'DM', 'Outreach']),
			);
		},
	);
});
