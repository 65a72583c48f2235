/**
 * Our nodes as AI-agent tools in a real n8n 2.41.1: Manual Trigger → AI Agent (v3.1) whose OpenAI
 * Chat Model points at a scripted model on 127.0.0.1 (tools/sandbox/openai.ts), with our
 * `...Tool` node types as `ai_tool` sub-nodes, run headlessly (`n8n execute`) against the sandbox
 * APIs; then, on `n8n start`, the OpenAI credential test, the model list and a streamed run.
 *
 * The tool schemas the model is offered are printed (console.log) as well as asserted exactly.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { N8nInstall, N8nServer, WorkflowJson } from '../../tools/n8n';
import {
	agentWorkflow,
	aiAgent,
	createUserFolder,
	ensureN8nInstalled,
	executeWorkflow,
	fromAI,
	importCredentials,
	importWorkflows,
	installPackage,
	manualTrigger,
	node,
	openAiChatModel,
	progress,
	repoRoot,
	startN8n,
	webhookTrigger,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import type { ChatCompletionRequest, ChatTool, OpenAiSandbox } from '../../tools/sandbox/openai';
import {
	answer,
	callToolMatching,
	messageText,
	OPENAI_SANDBOX,
	startOpenAiSandbox,
	toolResults,
} from '../../tools/sandbox/openai';
import type { RecordedRequest } from '../../tools/sandbox/server';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

const UNIPILE_TOOL = 'n8n-nodes-linkedin-messaging.unipileTool';
const CONNECTSAFELY_TOOL = 'n8n-nodes-linkedin-messaging.connectSafelyTool';
const unipileCredential = { unipileApi: { id: 'e2eAgentUnipile01', name: 'Unipile sandbox' } };
const connectSafelyCredential = {
	connectSafelyApi: { id: 'e2eAgentConnectSaf1', name: 'ConnectSafely sandbox' },
};
const openAiCredential = { id: 'e2eAgentOpenAi0001', name: 'Scripted model' };
const id = (value: string) => ({ __rl: true, mode: 'id', value });
const NO_PACING = { pacing: false };
const STREAM_WEBHOOK_ID = '5b9c1f0e-7a1d-4c55-9d3e-00000000a9e1';

const unipileTool = (name: string, parameters: IDataObject): INode =>
	node(
		name,
		UNIPILE_TOOL,
		{ account: id(UNIPILE_SANDBOX.accountId), ...parameters },
		{ credentials: unipileCredential },
	);
const connectSafelyTool = (name: string, parameters: IDataObject): INode =>
	node(
		name,
		CONNECTSAFELY_TOOL,
		{ account: id(CONNECTSAFELY_SANDBOX.accountId), ...parameters },
		{ credentials: connectSafelyCredential },
	);

/** Message → Send with chat and text from the model. */
const sendTool = unipileTool('Send LinkedIn Message', {
	resource: 'message',
	operation: 'send',
	chat: id(fromAI('chat', 'The chat ID')),
	text: fromAI('text', 'The message text'),
	sendingOptions: NO_PACING,
});

const unipileSend = agentWorkflow(
	'E2E agent: Unipile Send tool',
	{
		trigger: manualTrigger(),
		agent: aiAgent('Say hi in chat_0001', { systemMessage: 'You send LinkedIn messages.' }),
		model: openAiChatModel(openAiCredential),
		tools: [sendTool],
	},
	'e2eAgentUnipileSend1',
);

const twoTools = agentWorkflow(
	'E2E agent: Unipile Get Many + ConnectSafely Send tools',
	{
		trigger: manualTrigger(),
		agent: aiAgent('List my chats, then greet Ana'),
		model: openAiChatModel(openAiCredential),
		tools: [
			unipileTool('List Chats', { resource: 'chat', operation: 'getAll', limit: 3 }),
			connectSafelyTool('ConnectSafely Send', {
				resource: 'message',
				operation: 'send',
				recipientProfileId: fromAI('recipient', 'The LinkedIn public profile ID of the recipient'),
				message: fromAI('message', 'The message to send'),
				sendingOptions: NO_PACING,
			}),
		],
	},
	'e2eAgentTwoTools0001',
);

/**
 * Webhook (Respond: Streaming, v2.1) → agent: the agent asks the model for a stream only when the
 * execution streams its response (`n8n execute` never does).
 */
const streamed: WorkflowJson = agentWorkflow(
	'E2E agent: streamed over a webhook',
	{
		trigger: {
			...webhookTrigger({ path: 'agent-stream', webhookId: STREAM_WEBHOOK_ID }),
			typeVersion: 2.1,
			parameters: {
				path: 'agent-stream',
				httpMethod: 'POST',
				responseMode: 'streaming',
				options: {},
			},
		},
		agent: aiAgent('={{ $json.body.prompt }}'),
		model: openAiChatModel(openAiCredential),
		tools: [sendTool],
	},
	'e2eAgentStreamed0001',
);

const v2 = (requests: RecordedRequest[]) =>
	requests.filter((request) => request.path.startsWith('/v2/'));
const toolNamed = (request: ChatCompletionRequest, name: string) =>
	request.tools?.find((tool) => tool.function.name === name);
const parsedToolResults = (request: ChatCompletionRequest) =>
	toolResults(request).map((message) => JSON.parse(messageText(message)) as unknown);

function printTool(label: string, tool: ChatTool | undefined) {
	progress(`${label}: tool offered to the model\n${JSON.stringify(tool, null, 2)}`);
}

/** The schema n8n builds from `$fromAI` string placeholders (zod → JSON schema draft-07). */
const stringArgs = (args: Record<string, string>) => ({
	type: 'object',
	properties: Object.fromEntries(
		Object.entries(args).map(([key, description]) => [key, { type: 'string', description }]),
	),
	required: Object.keys(args),
	additionalProperties: false,
	$schema: 'http://json-schema.org/draft-07/schema#',
});

describe('our nodes as AI-agent tools in a real n8n 2.41.1', () => {
	let install: N8nInstall;
	let userFolder: string;
	let unipileSandbox: UnipileSandbox;
	let csSandbox: ConnectSafelySandbox;
	let model: OpenAiSandbox;

	beforeAll(
		async () => {
			install = await ensureN8nInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			unipileSandbox = await startUnipileSandbox();
			csSandbox = await startConnectSafelySandbox();
			model = await startOpenAiSandbox();
			await importCredentials(userFolder, [
				{
					...unipileCredential.unipileApi,
					type: 'unipileApi',
					data: { apiKey: UNIPILE_SANDBOX.apiKey, baseUrl: unipileSandbox.baseUrl },
				},
				{
					...connectSafelyCredential.connectSafelyApi,
					type: 'connectSafelyApi',
					data: { apiKey: CONNECTSAFELY_SANDBOX.apiKey, baseUrl: csSandbox.baseUrl },
				},
				{
					...openAiCredential,
					type: 'openAiApi',
					data: { apiKey: OPENAI_SANDBOX.apiKey, url: model.baseUrl },
				},
			]);
			await importWorkflows(userFolder, [unipileSend, twoTools, streamed]);
		},
		40 * 60 * 1000,
	);

	afterAll(async () => {
		await unipileSandbox?.close();
		await csSandbox?.close();
		await model?.close();
	});

	beforeEach(() => {
		unipileSandbox.reset();
		csSandbox.reset();
		model.reset();
	});

	it('offers Message → Send as a tool and sends exactly the scripted message', async () => {
		model.script([
			callToolMatching('send', { chat: UNIPILE_SANDBOX.chatIds[0], text: 'Hi from the agent' }),
			answer('Sent it.'),
		]);
		const result = await executeWorkflow(userFolder, unipileSend.id as string, { install });
		progress(`Unipile Send via agent: n8n execute took ${result.durationMs} ms`);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(model.errors).toEqual([]);
		expect(model.remaining()).toBe(0);

		const [first, second, ...more] = model.chatRequests();
		expect(more).toHaveLength(0);
		expect(first).toMatchObject({ model: OPENAI_SANDBOX.models[0], stream: false });
		// No system message unless the agent's options.systemMessage is set (v3.1 sends none then).
		expect(first.messages).toEqual([
			{ role: 'system', content: 'You send LinkedIn messages.' },
			{ role: 'user', content: 'Say hi in chat_0001' },
		]);
		printTool('Unipile Message → Send', toolNamed(first, 'Send_LinkedIn_Message'));
		expect(first.tools).toEqual([
			{
				type: 'function',
				function: {
					name: 'Send_LinkedIn_Message',
					description: 'Send a message in Unipile',
					parameters: stringArgs({ chat: 'The chat ID', text: 'The message text' }),
					strict: false,
				},
			},
		]);

		const sends = v2(unipileSandbox.requests);
		expect(sends.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST /v2/${UNIPILE_SANDBOX.accountId}/chats/${UNIPILE_SANDBOX.chatIds[0]}/messages/send`,
		]);
		expect(sends[0].body).toEqual({ text: 'Hi from the agent' });

		// The assistant turn is echoed back with n8n's extra "id" argument, then the tool's output
		// items as a JSON array string.
		const call = second.messages.find((message) => message.role === 'assistant')?.tool_calls?.[0];
		expect(call?.function.name).toBe('Send_LinkedIn_Message');
		expect(JSON.parse(call?.function.arguments ?? '{}')).toEqual({
			chat: UNIPILE_SANDBOX.chatIds[0],
			text: 'Hi from the agent',
			id: call?.id,
		});
		const [sent] = toolResults(second);
		progress(`Unipile Send: tool result the model got back\n${messageText(sent)}`);
		expect(sent.tool_call_id).toBe(call?.id);
		const messageId = expect.stringMatching(/^msg_/) as unknown;
		expect(parsedToolResults(second)).toEqual([
			[{ object: 'MessageSent', message_id: messageId, message_ids: [messageId] }],
		]);
		const agentOutput = result.runData['AI Agent']?.[0]?.data?.main?.[0]?.[0]?.json;
		expect(agentOutput).toEqual({ output: 'Sent it.' });
	});

	it.each([
		{
			title: 'an empty text: the check fails before any request',
			args: { chat: UNIPILE_SANDBOX.chatIds[0], text: '' },
			error: 'The "Text" parameter is empty and no file is attached',
			requests: 0,
		},
		{
			// n8n does not check the call against the schema: $fromAI resolves to "" here.
			title: 'a missing text argument',
			args: { chat: UNIPILE_SANDBOX.chatIds[0] },
			error: 'The "Text" parameter is empty and no file is attached',
			requests: 0,
		},
		{
			title: 'an unknown chat: the API answers 404',
			args: { chat: 'chat_9999', text: 'Hello?' },
			error: expect.stringContaining('chat_9999') as unknown,
			requests: 1,
		},
	])('hands the model the error for $title', async ({ args, error, requests }) => {
		model.script([callToolMatching('send', args), answer('That failed.')]);
		const result = await executeWorkflow(userFolder, unipileSend.id as string, { install });
		// The tool node fails, the agent does not: the error text goes back to the model.
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.runData['Send LinkedIn Message']?.[0]?.executionStatus).toBe('error');
		const second = model.chatRequests()[1];
		progress(
			`Tool error the model got back (${JSON.stringify(args)}):\n${messageText(toolResults(second)[0])}`,
		);
		expect(parsedToolResults(second)).toEqual([[{ error }]]);
		expect(v2(unipileSandbox.requests)).toHaveLength(requests);
	});

	it('offers Chat → Get Many and ConnectSafely Message → Send side by side', async () => {
		model.script([
			callToolMatching('^list', {}),
			callToolMatching('connectsafely', {
				recipient: CONNECTSAFELY_SANDBOX.profileIds[0],
				message: 'Hello Ana',
			}),
			answer('Listed and greeted.'),
		]);
		const result = await executeWorkflow(userFolder, twoTools.id as string, { install });
		progress(`Get Many + ConnectSafely via agent: n8n execute took ${result.durationMs} ms`);
		expect(result.error).toBeUndefined();
		expect(model.errors).toEqual([]);
		const [first, second, third] = model.chatRequests();
		printTool('Unipile Chat → Get Many (limit 3, no $fromAI)', toolNamed(first, 'List_Chats'));
		printTool('ConnectSafely Message → Send', toolNamed(first, 'ConnectSafely_Send'));
		expect(toolNamed(first, 'List_Chats')).toEqual({
			type: 'function',
			function: {
				name: 'List_Chats',
				description: 'Get many chats in Unipile',
				parameters: {
					type: 'object',
					properties: {},
					additionalProperties: false,
					$schema: 'http://json-schema.org/draft-07/schema#',
				},
				strict: false,
			},
		});
		expect(toolNamed(first, 'ConnectSafely_Send')).toEqual({
			type: 'function',
			function: {
				name: 'ConnectSafely_Send',
				description: 'Send a message in ConnectSafely',
				parameters: stringArgs({
					recipient: 'The LinkedIn public profile ID of the recipient',
					message: 'The message to send',
				}),
				strict: false,
			},
		});

		const listed = v2(unipileSandbox.requests);
		expect(listed.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /v2/${UNIPILE_SANDBOX.accountId}/chats`,
		]);
		expect(listed[0].query).toEqual({ limit: '3' });
		const [chats] = parsedToolResults(second) as Array<Array<{ id: string }>>;
		expect(chats.map((chat) => chat.id)).toEqual(UNIPILE_SANDBOX.chatIds);

		const sends = csSandbox.requests.filter((request) => request.path.startsWith('/linkedin/'));
		expect(sends.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /linkedin/conversations/send',
		]);
		expect(sends[0].body).toEqual({
			accountId: CONNECTSAFELY_SANDBOX.accountId,
			recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[0],
			message: 'Hello Ana',
		});
		const sent = parsedToolResults(third)[1];
		progress(`ConnectSafely Send: tool result\n${JSON.stringify(sent)}`);
		expect(sent).toEqual([
			expect.objectContaining({ success: true, message: 'Hello Ana' }) as unknown,
		]);
	});

	describe('on n8n start', () => {
		let server: N8nServer;
		let startupRequests: string[];

		beforeAll(async () => {
			model.reset();
			server = await startN8n({ userFolder, install });
			startupRequests = model.requests.map((request) => `${request.method} ${request.path}`);
		}, 120_000);

		afterAll(async () => await server?.stop());

		it('tests the OpenAI credential and lists models with GET /v1/models', async () => {
			expect(startupRequests).toEqual([]);
			expect((await server.testCredential(openAiCredential.id)).status).toBe('OK');
			const results = await server.rest.post<{ results: Array<{ value: string }> }>(
				'/dynamic-node-parameters/resource-locator-results',
				{
					path: 'model',
					methodName: 'searchModels',
					nodeTypeAndVersion: { name: '@n8n/n8n-nodes-langchain.lmChatOpenAi', version: 1.3 },
					currentNodeParameters: {},
					credentials: { openAiApi: openAiCredential },
				},
			);
			// Sorted by n8n.
			expect(results.results.map((entry) => entry.value)).toEqual(
				[...OPENAI_SANDBOX.models].sort(),
			);
			expect(model.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
				'GET /v1/models',
				'GET /v1/models',
			]);
		});

		it('streams from the model (stream: true) when the webhook responds with a stream', async () => {
			await server.activate(streamed.id as string);
			model.script([
				callToolMatching('send', { chat: UNIPILE_SANDBOX.chatIds[1], text: 'Streamed hello' }),
				answer('Sent, streamed.'),
			]);
			const response = await server.callWebhook('agent-stream', {
				body: { prompt: 'Say hello in chat_0002' },
				timeoutMs: 30_000,
			});
			progress(`Streaming webhook answered ${response.status}:\n${response.body}`);
			expect(model.errors).toEqual([]);
			const requests = model.chatRequests();
			expect(requests.map((request) => request.stream)).toEqual([true, true]);
			progress(`stream_options: ${JSON.stringify(requests[0].stream_options)}`);
			const sends = v2(unipileSandbox.requests);
			expect(sends).toHaveLength(1);
			expect(sends[0].body).toEqual({ text: 'Streamed hello' });
			expect(response.body).toContain('Sent, streamed.');
			await server.deactivate(streamed.id as string);
		});
	});
});
