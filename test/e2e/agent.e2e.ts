/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * Our nodes as AI-agent tools in a real n8n 2.41.1: Manual Trigger → AI Agent (v3.1) whose OpenAI
 * Chat Model points at a scripted model on 127.0.0.1 (tools/sandbox/openai.ts), with our
 * `...Tool` node types as `ai_tool` sub-nodes and `$fromAI` for their inputs, run headlessly
 * (`n8n execute`, a cold boot of ~5 s each) against the strict API sandboxes. One agent run per
 * node plays several tool calls: a read (Get Many), a send, a start, two sends in one turn (paced
 * per account) and bad arguments, whose error text goes back to the model with its fix. Then, on
 * `n8n start`: the AI follow-up demo (demo/ai-follow-up.workflow.json) on a read receipt, the
 * OpenAI credential test and model list, and a streamed run.
 *
 * What n8n does with a tool call (checked here): the model's arguments fill the `$fromAI`
 * placeholders, the tool node runs once with one item, and its output items go back to the model
 * as a JSON array string; when the node fails, the agent goes on and the model gets
 * `[{"error":"<message>"}]`: the message only, not the error's description.
 */
import type { IDataObject, INode, IRunData } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

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
	rl,
	startN8n,
	webhookTrigger,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi, openAiApi, unipileApi } from '../../tools/sandbox/credentials';
import type {
	ChatCompletionRequest,
	OpenAiSandbox,
	ScriptedToolCall,
	ScriptedTurn,
} from '../../tools/sandbox/openai';
import {
	AI_FOLLOW_UP_RULE,
	answer,
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
/** The demo's credential IDs (demo/*.workflow.json), pointed at this suite's sandboxes. */
const unipileCredential = { unipileApi: { id: 'demoUnipileCred01', name: 'Unipile (sandbox)' } };
const openAiCredential = { id: 'demoOpenAiCred01', name: 'Scripted model (sandbox)' };
const connectSafelyCredential = {
	connectSafelyApi: { id: 'e2eAgentConnectSaf1', name: 'ConnectSafely sandbox' },
};
/** Pace Sends on (the default), 1 s between two sends of the account. */
const PACED = { pacing: true, minDelay: 1, maxDelay: 1 };
const ACC = UNIPILE_SANDBOX.accountId;
const STREAM_WEBHOOK_ID = '5b9c1f0e-7a1d-4c55-9d3e-00000000a9e1';

/** The fixes the tool errors carry (the hints in nodes/∗/shared/fields.ts and sending.ts). */
const FIX = {
	emptyText: /Write a message in "Text"/,
	chatId: /Pick the chat from the list, or map its ID/,
	profile:
		/Enter the part after linkedin\.com\/in\/, e\.g\. john-doe-123, or paste the whole profile URL/,
	emptyMessage: /Write the message text in "Message"/,
};

const unipileTool = (name: string, parameters: IDataObject): INode =>
	node(name, UNIPILE_TOOL, { account: rl(ACC), ...parameters }, { credentials: unipileCredential });
const connectSafelyTool = (name: string, parameters: IDataObject): INode =>
	node(
		name,
		CONNECTSAFELY_TOOL,
		{ account: rl(CONNECTSAFELY_SANDBOX.accountId), ...parameters },
		{ credentials: connectSafelyCredential },
	);

const unipileAgent = agentWorkflow(
	'E2E agent: Unipile tools',
	{
		trigger: manualTrigger(),
		agent: aiAgent('List my chats, greet Ana and Ben, then start a chat with the new prospect', {
			systemMessage: 'You send LinkedIn messages.',
		}),
		model: openAiChatModel(openAiCredential),
		tools: [
			unipileTool('Unipile Get Many Chats', {
				resource: 'chat',
				operation: 'getAll',
				limit: fromAI('limit', 'How many chats to list, newest first', 'number'),
			}),
			unipileTool('Unipile Send Message', {
				resource: 'message',
				operation: 'send',
				chat: rl(fromAI('chat', 'The chat ID')),
				text: fromAI('text', 'The message text'),
				sendingOptions: PACED,
			}),
			unipileTool('Unipile Start Chat', {
				resource: 'chat',
				operation: 'start',
				userId: fromAI('recipient_id', "The recipient's LinkedIn provider ID"),
				text: fromAI('text', 'The first message'),
				sendingOptions: PACED,
			}),
		],
	},
	'e2eAgentUnipile01',
);

const connectSafelyAgent = agentWorkflow(
	'E2E agent: ConnectSafely tools',
	{
		trigger: manualTrigger(),
		agent: aiAgent('Greet Ana, start a conversation with the new prospect, then list them'),
		model: openAiChatModel(openAiCredential),
		tools: [
			connectSafelyTool('ConnectSafely Send Message', {
				resource: 'message',
				operation: 'send',
				recipientProfileId: fromAI('recipient', 'The public profile ID (after linkedin.com/in/)'),
				message: fromAI('message', 'The message to send'),
				sendingOptions: PACED,
			}),
			connectSafelyTool('ConnectSafely Get Many Conversations', {
				resource: 'conversation',
				operation: 'getAll',
				limit: fromAI('limit', 'How many conversations to list', 'number'),
			}),
		],
	},
	'e2eAgentConnSafe01',
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
		tools: [
			unipileTool('Send LinkedIn Message', {
				resource: 'message',
				operation: 'send',
				chat: rl(fromAI('chat', 'The chat ID')),
				text: fromAI('text', 'The message text'),
				sendingOptions: { pacing: false },
			}),
		],
	},
	'e2eAgentStreamed0001',
);

const demo = JSON.parse(
	readFileSync(path.join(repoRoot(), 'demo', 'ai-follow-up.workflow.json'), 'utf8'),
) as WorkflowJson;

/** A tool call with a fixed ID, so its result can be found in the next request. */
const call = (callId: string, nameMatching: string, args: Record<string, unknown>) =>
	({ id: callId, nameMatching, arguments: args }) satisfies ScriptedToolCall;
const turn = (...toolCalls: ScriptedToolCall[]): ScriptedTurn => ({ toolCalls });

/** What the model got back for each tool call, parsed (the tool's output items, or the error). */
function resultsByCall(requests: ChatCompletionRequest[]): Record<string, unknown> {
	const last = requests[requests.length - 1];
	return Object.fromEntries(
		toolResults(last).map((message) => [
			message.tool_call_id,
			JSON.parse(messageText(message)) as unknown,
		]),
	);
}

const under = (requests: RecordedRequest[], prefix: string) =>
	requests.filter((request) => request.path.startsWith(prefix));
const line = (request: RecordedRequest) => `${request.method} ${request.path}`;
/** The error text the model got for a call (`[{ error }]`). */
const errorOf = (results: Record<string, unknown>, callId: string) =>
	(results[callId] as Array<{ error?: string }> | undefined)?.[0]?.error ?? '';
/** The statuses of a node's runs in the execution, in order. */
const runStatuses = (nodeName: string, runData: IRunData) =>
	(runData[nodeName] ?? []).map((entry) => entry.executionStatus);

/** Milliseconds between the answer to one request and the arrival of the next one. */
const gapsBetween = (requests: RecordedRequest[]) =>
	requests.slice(1).map((request, i) => request.receivedAt - (requests[i].respondedAt ?? Infinity));

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
				unipileApi(unipileCredential.unipileApi, unipileSandbox),
				connectSafelyApi(connectSafelyCredential.connectSafelyApi, csSandbox),
				openAiApi(openAiCredential, model),
			]);
			await importWorkflows(userFolder, [unipileAgent, connectSafelyAgent, streamed, demo]);
		},
		40 * 60 * 1000,
	);

	afterAll(async () => {
		await unipileSandbox?.close();
		await csSandbox?.close();
		await model?.close();
	});

	describe('Unipile: one agent run, five model turns', () => {
		let requests: ChatCompletionRequest[];
		let results: Record<string, unknown>;
		let runData: IRunData;
		let api: RecordedRequest[];
		const NEW_USER = 'ACoAANewProspect1';

		beforeAll(async () => {
			unipileSandbox.reset();
			model.reset();
			model.script([
				turn(call('call_list', 'get_many_chats', { limit: 2 })),
				turn(
					call('call_send_ana', 'send_message', { chat: 'chat_0001', text: 'Hi Ana!' }),
					call('call_send_ben', 'send_message', { chat: 'chat_0002', text: 'Hi Ben!' }),
				),
				turn(
					call('call_start', 'start_chat', { recipient_id: NEW_USER, text: 'Nice to meet you' }),
				),
				turn(
					call('call_empty_text', 'send_message', { chat: 'chat_0001', text: '' }),
					call('call_dot_dot', 'send_message', { chat: '..', text: 'Hello' }),
				),
				answer('Listed, greeted, started; two calls failed.'),
			]);
			const result = await executeWorkflow(userFolder, unipileAgent.id as string, { install });
			progress(`Unipile agent run (5 model turns): n8n execute took ${result.durationMs} ms`);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(model.errors).toEqual([]);
			expect(model.remaining()).toBe(0);
			requests = model.chatRequests();
			results = resultsByCall(requests);
			runData = result.runData;
			api = under(unipileSandbox.requests, '/v2/');
			progress(`Unipile API requests: ${api.map(line).join(', ')}`);
			const agentOutput = result.runData['AI Agent']?.[0]?.data?.main?.[0]?.[0]?.json;
			expect(agentOutput).toEqual({ output: 'Listed, greeted, started; two calls failed.' });
		}, 120_000);

		it('made exactly the requests of the four good calls, in turn order', () => {
			expect(requests).toHaveLength(5);
			const lines = api.map(line);
			// Each send looks for an earlier one first ("Skip If Already Sent", on by default).
			expect(lines).toHaveLength(7);
			expect(lines[0]).toBe(`GET /v2/${ACC}/chats`);
			// The two calls of one turn run in either order.
			expect(lines.slice(1, 5).sort()).toEqual([
				`GET /v2/${ACC}/chats/chat_0001/messages`,
				`GET /v2/${ACC}/chats/chat_0002/messages`,
				`POST /v2/${ACC}/chats/chat_0001/messages/send`,
				`POST /v2/${ACC}/chats/chat_0002/messages/send`,
			]);
			expect(lines.slice(5)).toEqual([
				`GET /v2/${ACC}/users/ACoAANewProspect1/chat`,
				`POST /v2/${ACC}/inboxes/CLASSIC_PRIMARY/chats/send`,
			]);
		});

		it('Chat → Get Many: GET /chats?limit=2, and the model gets those two chats', () => {
			const [list] = api.filter((request) => request.path === `/v2/${ACC}/chats`);
			expect(list.query).toEqual({ limit: '2' });
			const chats = results.call_list as Array<{ id: string }>;
			expect(chats.map((chat) => chat.id)).toEqual(['chat_0001', 'chat_0002']);
		});

		it('Message → Send: one POST per call, with the text the model chose', () => {
			const sends = api.filter((request) => request.path.endsWith('/messages/send'));
			expect(
				sends
					.map((request) => ({ path: request.path, body: request.body }))
					.sort((a, b) => a.path.localeCompare(b.path)),
			).toEqual([
				{ path: `/v2/${ACC}/chats/chat_0001/messages/send`, body: { text: 'Hi Ana!' } },
				{ path: `/v2/${ACC}/chats/chat_0002/messages/send`, body: { text: 'Hi Ben!' } },
			]);
			const messageId = expect.stringMatching(/^msg_/) as unknown;
			const sent = [{ object: 'MessageSent', message_id: messageId, message_ids: [messageId] }];
			expect(results.call_send_ana).toEqual(sent);
			expect(results.call_send_ben).toEqual(sent);
		});

		it('Chat → Start: one POST from the Primary inbox to the new user', () => {
			const starts = api.filter((request) => request.path.endsWith('/chats/send'));
			expect(starts.map((request) => request.body)).toEqual([
				{ users_ids: NEW_USER, text: 'Nice to meet you' },
			]);
			expect(results.call_start).toEqual([
				{
					object: 'ChatStarted',
					chat_id: expect.stringMatching(/^chat_/) as unknown,
					message_id: expect.stringMatching(/^msg_/) as unknown,
					message_ids: [expect.stringMatching(/^msg_/) as unknown],
				},
			]);
		});

		it('paces the sends of the account across tool calls: two in one turn, then the start, ≥ 1 s apart', () => {
			const sends = api
				.filter((request) => request.method === 'POST')
				.sort((a, b) => a.receivedAt - b.receivedAt);
			expect(sends).toHaveLength(3);
			// The two calls of one turn: the model got both results in one request, after both sends.
			expect(requests[2].messages.filter((message) => message.role === 'tool')).toHaveLength(3);
			for (const gap of gapsBetween(sends)) expect(gap).toBeGreaterThanOrEqual(990);
			progress(`gaps between the paced sends: ${gapsBetween(sends).join(' ms, ')} ms`);
		});

		it('hands the model each bad call’s error with its fix, and sends nothing for it', () => {
			// Nothing reached the API after the model asked for the two bad calls.
			const badTurnAnsweredAt = model.requests.filter(
				(request) => request.path === '/v1/chat/completions',
			)[3].respondedAt as number;
			expect(api.filter((request) => request.receivedAt >= badTurnAnsweredAt)).toEqual([]);
			// 1 + 2 + 1 + 2 runs of the tool nodes: the two bad ones failed.
			expect(runStatuses('Unipile Get Many Chats', runData)).toEqual(['success']);
			expect(runStatuses('Unipile Start Chat', runData)).toEqual(['success']);
			expect(runStatuses('Unipile Send Message', runData).sort()).toEqual([
				'error',
				'error',
				'success',
				'success',
			]);
			const emptyText = errorOf(results, 'call_empty_text');
			const dotDot = errorOf(results, 'call_dot_dot');
			progress(`tool errors the model got:\n  ${emptyText}\n  ${dotDot}`);
			expect(emptyText).toMatch(/The "Text" parameter is empty/);
			expect(dotDot).toMatch(/The "Chat" parameter cannot be "\." or "\.\."/);
			// The fix is in the message: the only part of the error the model gets.
			expect(emptyText).toMatch(FIX.emptyText);
			expect(dotDot).toMatch(FIX.chatId);
		});
	});

	describe('ConnectSafely: one agent run, four model turns', () => {
		let results: Record<string, unknown>;
		let runData: IRunData;
		let api: RecordedRequest[];
		const ANA = CONNECTSAFELY_SANDBOX.profileIds[0];
		const NEW_PROFILE = 'new-prospect-7';

		beforeAll(async () => {
			csSandbox.reset();
			model.reset();
			model.script([
				turn(
					call('call_send_ana', 'send_message', { recipient: ANA, message: 'Hello Ana' }),
					call('call_start', 'send_message', { recipient: NEW_PROFILE, message: 'Hi, new here' }),
				),
				turn(call('call_list', 'get_many', { limit: 2 })),
				turn(
					call('call_company', 'send_message', {
						recipient: 'https://www.linkedin.com/company/acme/',
						message: 'Hi',
					}),
					call('call_empty', 'send_message', { recipient: ANA, message: '' }),
				),
				answer('Greeted, started, listed; two calls failed.'),
			]);
			const result = await executeWorkflow(userFolder, connectSafelyAgent.id as string, {
				install,
			});
			progress(`ConnectSafely agent run (4 model turns): n8n execute took ${result.durationMs} ms`);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(model.errors).toEqual([]);
			expect(model.remaining()).toBe(0);
			expect(model.chatRequests()).toHaveLength(4);
			results = resultsByCall(model.chatRequests());
			runData = result.runData;
			api = under(csSandbox.requests, '/linkedin/');
			progress(`ConnectSafely API requests: ${api.map(line).join(', ')}`);
		}, 120_000);

		it('Message → Send to a known and a new profile (which starts a conversation), then Get Many: exactly these requests', () => {
			// Each send looks for an earlier one first: the recipient's conversation, and its messages
			// where there is one.
			const ana = CONNECTSAFELY_SANDBOX.conversationUrns[0];
			expect(api.map(line)).toEqual([
				`GET /linkedin/conversations/exists/${ANA}`,
				`GET /linkedin/conversations/${encodeURIComponent(ana)}/messages`,
				'POST /linkedin/conversations/send',
				`GET /linkedin/conversations/exists/${NEW_PROFILE}`,
				'POST /linkedin/conversations/send',
				'GET /linkedin/conversations',
			]);
			const bodies = api
				.filter((request) => request.method === 'POST')
				.map((request) => request.body as IDataObject)
				.sort((a, b) => String(a.recipientProfileId).localeCompare(String(b.recipientProfileId)));
			expect(bodies).toEqual([
				{
					accountId: CONNECTSAFELY_SANDBOX.accountId,
					recipientProfileId: ANA,
					message: 'Hello Ana',
				},
				{
					accountId: CONNECTSAFELY_SANDBOX.accountId,
					recipientProfileId: NEW_PROFILE,
					message: 'Hi, new here',
				},
			]);
			expect(results.call_send_ana).toEqual([
				expect.objectContaining({ success: true, message: 'Hello Ana' }) as unknown,
			]);
			expect(results.call_start).toEqual([
				expect.objectContaining({ success: true, message: 'Hi, new here' }) as unknown,
			]);
		});

		it('Conversation → Get Many: the model sees the new conversation next to Ana’s', () => {
			const list = api.find((request) => request.path === '/linkedin/conversations');
			expect(list?.query).toEqual({ accountId: CONNECTSAFELY_SANDBOX.accountId, count: '2' });
			const conversations = results.call_list as Array<{
				participants: Array<{ profileId: string }>;
			}>;
			expect(conversations.map((entry) => entry.participants[0].profileId).sort()).toEqual(
				[ANA, NEW_PROFILE].sort(),
			);
		});

		it('paces the two sends of one turn ≥ 1 s apart', () => {
			const sends = api.filter((request) => request.method === 'POST');
			for (const gap of gapsBetween(sends)) expect(gap).toBeGreaterThanOrEqual(990);
			progress(`gap between the paced sends: ${gapsBetween(sends).join(' ms, ')} ms`);
		});

		it('hands the model each bad call’s error with its fix, and sends nothing for it', () => {
			const badTurnAnsweredAt = model.requests.filter(
				(request) => request.path === '/v1/chat/completions',
			)[2].respondedAt as number;
			expect(api.filter((request) => request.receivedAt >= badTurnAnsweredAt)).toEqual([]);
			expect(runStatuses('ConnectSafely Get Many Conversations', runData)).toEqual(['success']);
			expect(runStatuses('ConnectSafely Send Message', runData).sort()).toEqual([
				'error',
				'error',
				'success',
				'success',
			]);
			const company = errorOf(results, 'call_company');
			const empty = errorOf(results, 'call_empty');
			progress(`tool errors the model got:\n  ${company}\n  ${empty}`);
			expect(company).toMatch(
				/The "Recipient Profile ID or URL" parameter is not a LinkedIn profile URL/,
			);
			expect(empty).toMatch(/The "Message" parameter is empty/);
			// The fix is in the message: the only part of the error the model gets.
			expect(company).toMatch(FIX.profile);
			expect(empty).toMatch(FIX.emptyMessage);
		});
	});

	describe('on n8n start', () => {
		let server: N8nServer;
		let startupRequests: string[];

		beforeAll(async () => {
			unipileSandbox.reset();
			model.reset();
			server = await startN8n({ userFolder, install });
			startupRequests = model.requests.map(line);
		}, 120_000);

		afterAll(async () => await server?.stop());

		it('demo: a read receipt makes the agent read the chat and reply to the message read', async () => {
			await server.activate(demo.id as string);
			model.rules([AI_FOLLOW_UP_RULE]);
			const [chatId, messageId] = ['chat_0002', 'msg_0002_2'];
			const delivered = await unipileSandbox.emitReadReceipt(chatId, messageId);
			expect(delivered.map((entry) => entry.status)).toEqual([200]);
			const [execution] = await server.waitForExecutions(demo.id as string, 1, 60_000);
			expect(execution.status).toBe('success');
			expect(model.errors).toEqual([]);

			const requests = model.chatRequests();
			expect(requests).toHaveLength(3);
			expect(messageText(requests[0].messages[requests[0].messages.length - 1])).toContain(
				`chat_id: ${chatId}\nmessage_id: ${messageId}`,
			);
			const api = under(unipileSandbox.requests, '/v2/').filter(
				(request) => !request.path.startsWith('/v2/webhooks'),
			);
			// The agent reads the chat; the reply looks for an earlier send of its text, then sends.
			expect(api.map(line)).toEqual([
				`GET /v2/${ACC}/chats/${chatId}/messages`,
				`GET /v2/${ACC}/chats/${chatId}/messages`,
				`POST /v2/${ACC}/chats/${chatId}/messages/send`,
			]);
			expect(api.map((request) => request.query)).toEqual([{ limit: '5' }, { limit: '50' }, {}]);
			expect(api[2].body).toEqual({
				text: 'Thanks for reading! Would a 15-minute call on Thursday work for you?',
				quote_id: messageId,
			});
			await server.deactivate(demo.id as string);
		}, 120_000);

		it('tests the OpenAI credential and lists models with GET /v1/models', async () => {
			expect(startupRequests).toEqual([]);
			model.reset();
			expect((await server.testCredential(openAiCredential.id)).status).toBe('OK');
			const list = await server.rest.post<{ results: Array<{ value: string }> }>(
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
			expect(list.results.map((entry) => entry.value)).toEqual([...OPENAI_SANDBOX.models].sort());
			expect(model.requests.map(line)).toEqual(['GET /v1/models', 'GET /v1/models']);
		});

		it('streams from the model (stream: true) when the webhook responds with a stream', async () => {
			model.reset();
			unipileSandbox.reset();
			await server.activate(streamed.id as string);
			model.script([
				turn(call('call_stream', 'send', { chat: 'chat_0002', text: 'Streamed hello' })),
				answer('Sent, streamed.'),
			]);
			const response = await server.callWebhook('agent-stream', {
				body: { prompt: 'Say hello in chat_0002' },
				timeoutMs: 30_000,
			});
			expect(model.errors).toEqual([]);
			expect(model.chatRequests().map((request) => request.stream)).toEqual([true, true]);
			const api = under(unipileSandbox.requests, '/v2/');
			// The send looks for an earlier one of its text first (Skip If Already Sent).
			expect(api.map(line)).toEqual([
				`GET /v2/${ACC}/chats/chat_0002/messages`,
				`POST /v2/${ACC}/chats/chat_0002/messages/send`,
			]);
			expect(api[1].body).toEqual({ text: 'Streamed hello' });
			expect(response.body).toContain('Sent, streamed.');
			await server.deactivate(streamed.id as string);
		});
	});
});
