/**
 * Our nodes as AI-agent tools on n8n 1.x (N8N_1X_VERSION, the newest 1.123.x), without
 * N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE (tools/n8n sets no such variable and drops any inherited
 * N8N_* one): n8n lists the `...Tool` variants of our nodes, and a headless run of an AI Agent (v3,
 * the newest on 1.x) with an OpenAI Chat Model (v1.3) on the scripted model calls them. Needs
 * `npm run build` first; first install of 1.x 3-4 min. Workflow IDs stay at 16 characters or fewer.
 */
import type { INode } from 'n8n-workflow';

import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import type { N8nInstall } from '../../tools/n8n';
import {
	agentWorkflow,
	aiAgent,
	createUserFolder,
	ensureN8nInstalled,
	executeWorkflow,
	exportNodeTypes,
	fromAI,
	importCredentials,
	importWorkflows,
	installPackage,
	manualTrigger,
	N8N_1X_VERSION,
	node,
	openAiChatModel,
	progress,
	repoRoot,
	rl,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi, openAiApi, unipileApi } from '../../tools/sandbox/credentials';
import type { OpenAiSandbox } from '../../tools/sandbox/openai';
import { answer, messageText, startOpenAiSandbox, toolResults } from '../../tools/sandbox/openai';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { autoToolDescription } from './toolDescriptions';

const PACKAGE = 'n8n-nodes-linkedin-messaging';
const unipileCredential = { unipileApi: { id: 'e2e1xUnipile001', name: 'Unipile sandbox' } };
const connectSafelyCredential = { connectSafelyApi: { id: 'e2e1xConnSafe01', name: 'CS sandbox' } };
const openAiCredential = { id: 'e2e1xOpenAi0001', name: 'Scripted model' };
const ACC = UNIPILE_SANDBOX.accountId;

const tools: INode[] = [
	node(
		'Unipile Send Message',
		`${PACKAGE}.unipileTool`,
		{
			resource: 'message',
			operation: 'send',
			account: rl(ACC),
			chat: rl(fromAI('chat', 'The chat ID')),
			text: fromAI('text', 'The message text'),
		},
		{ credentials: unipileCredential },
	),
	node(
		'ConnectSafely Get Many Conversations',
		`${PACKAGE}.connectSafelyTool`,
		{
			resource: 'conversation',
			operation: 'getAll',
			account: rl(CONNECTSAFELY_SANDBOX.accountId),
			limit: 2,
		},
		{ credentials: connectSafelyCredential },
	),
];

const workflow = agentWorkflow(
	'E2E 1.x agent: our tools',
	{
		trigger: manualTrigger(),
		// n8n 1.x has the AI Agent up to v3 (2.x adds v3.1).
		agent: { ...aiAgent('List my conversations, then greet Ana'), typeVersion: 3 },
		model: openAiChatModel(openAiCredential),
		tools,
	},
	'e2e1xAgentTools1',
);

describe(`our nodes as AI-agent tools on n8n ${N8N_1X_VERSION}`, () => {
	let install: N8nInstall;
	let userFolder: string;
	let unipileSandbox: UnipileSandbox;
	let csSandbox: ConnectSafelySandbox;
	let model: OpenAiSandbox;

	beforeAll(
		async () => {
			install = await ensureN8nInstalled({ version: N8N_1X_VERSION });
			expect(install.major).toBe(1);
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			unipileSandbox = await startUnipileSandbox();
			csSandbox = await startConnectSafelySandbox();
			model = await startOpenAiSandbox();
			await importCredentials(
				userFolder,
				[
					unipileApi(unipileCredential.unipileApi, unipileSandbox),
					connectSafelyApi(connectSafelyCredential.connectSafelyApi, csSandbox),
					openAiApi(openAiCredential, model),
				],
				{ install },
			);
			await importWorkflows(userFolder, [workflow], { install });
		},
		40 * 60 * 1000,
	);

	afterAll(async () => {
		await unipileSandbox?.close();
		await csSandbox?.close();
		await model?.close();
	});

	it('lists the Tool variants of our nodes', async () => {
		const names = await exportNodeTypes(userFolder, { install });
		expect(names.filter((name) => name.startsWith(`${PACKAGE}.`)).sort()).toEqual(
			[
				'connectSafely',
				'connectSafelyTool',
				'connectSafelyTrigger',
				'unipile',
				'unipileTool',
				'unipileTrigger',
			].map((name) => `${PACKAGE}.${name}`),
		);
	});

	it('runs an agent that calls them: the same tools offered, exactly the requests asked for', async () => {
		model.script([
			{ toolCalls: [{ id: 'call_list', nameMatching: 'conversations', arguments: {} }] },
			{
				toolCalls: [
					{
						id: 'call_send',
						nameMatching: 'send',
						arguments: { chat: 'chat_0001', text: 'Hello from n8n 1.x' },
					},
				],
			},
			answer('Listed and greeted.'),
		]);
		const result = await executeWorkflow(userFolder, workflow.id as string, { install });
		progress(`n8n ${N8N_1X_VERSION} agent run: n8n execute took ${result.durationMs} ms`);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(model.errors).toEqual([]);
		const requests = model.chatRequests();
		expect(requests).toHaveLength(3);
		const offered = [...(requests[0].tools ?? [])].sort((a, b) =>
			a.function.name.localeCompare(b.function.name),
		);
		const $schema = 'http://json-schema.org/draft-07/schema#';
		// As on 2.41.1, but without `strict: false` (1.x's LangChain leaves `strict` out).
		expect(offered).toEqual([
			{
				type: 'function',
				function: {
					name: 'ConnectSafely_Get_Many_Conversations',
					description: autoToolDescription(
						new ConnectSafely().description,
						'conversation',
						'getAll',
					),
					parameters: { type: 'object', properties: {}, additionalProperties: false, $schema },
				},
			},
			{
				type: 'function',
				function: {
					name: 'Unipile_Send_Message',
					description: autoToolDescription(new Unipile().description, 'message', 'send'),
					parameters: {
						type: 'object',
						properties: {
							chat: { type: 'string', description: 'The chat ID' },
							text: { type: 'string', description: 'The message text' },
						},
						required: ['chat', 'text'],
						additionalProperties: false,
						$schema,
					},
				},
			},
		]);
		const cs = csSandbox.requests.filter((request) => request.path.startsWith('/linkedin/'));
		expect(cs.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /linkedin/conversations',
		]);
		expect(cs[0].query).toEqual({ accountId: CONNECTSAFELY_SANDBOX.accountId, count: '2' });
		const unipile = unipileSandbox.requests.filter((request) => request.path.startsWith('/v2/'));
		// The send looks for an earlier one of its text first (Skip If Already Sent).
		expect(unipile.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /v2/${ACC}/chats/chat_0001/messages`,
			`POST /v2/${ACC}/chats/chat_0001/messages/send`,
		]);
		expect(unipile[1].body).toEqual({ text: 'Hello from n8n 1.x' });
		const results = toolResults(requests[2]);
		expect(results.map((message) => message.tool_call_id)).toEqual(['call_list', 'call_send']);
		expect(JSON.parse(messageText(results[1]))).toEqual([
			expect.objectContaining({ object: 'MessageSent' }) as unknown,
		]);
		const agentOutput = result.runData['AI Agent']?.[0]?.data?.main?.[0]?.[0]?.json;
		expect(agentOutput).toEqual({ output: 'Listed and greeted.' });
	});
});
