import type { OpenAiSandbox } from '../../tools/sandbox/openai';
import {
	AI_FOLLOW_UP_RULE,
	answer,
	callTool,
	callToolMatching,
	OPENAI_SANDBOX,
	startOpenAiSandbox,
} from '../../tools/sandbox/openai';

let sandbox: OpenAiSandbox;
beforeAll(async () => (sandbox = await startOpenAiSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const tool = (name: string) => ({
	type: 'function',
	function: { name, description: name, parameters: { type: 'object', properties: {} } },
});
const TOOLS = [tool('Send_LinkedIn_Message'), tool('List_Chats')];
const auth = { authorization: `Bearer ${OPENAI_SANDBOX.apiKey}` };

const complete = async (body: Record<string, unknown>) =>
	await fetch(`${sandbox.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'Hi' }],
			tools: TOOLS,
			...body,
		}),
	});

interface Completion {
	choices: Array<{
		finish_reason: string;
		message: {
			content: string | null;
			tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
		};
	}>;
}
const json = async (response: Response) => (await response.json()) as Completion;

/** Reassembles a streamed answer the way OpenAI clients do. */
async function readStream(response: Response) {
	const text = await response.text();
	const events = text
		.split('\n\n')
		.filter(Boolean)
		.map((event) => event.replace(/^data: /, ''));
	expect(events.at(-1)).toBe('[DONE]');
	let content = '';
	let finish: string | null = null;
	let usage: unknown;
	const calls: Array<{ id?: string; name?: string; arguments: string }> = [];
	for (const event of events.slice(0, -1)) {
		const chunk = JSON.parse(event) as {
			object: string;
			usage?: unknown;
			choices: Array<{
				finish_reason: string | null;
				delta: {
					content?: string;
					tool_calls?: Array<{
						index: number;
						id?: string;
						function: { name?: string; arguments?: string };
					}>;
				};
			}>;
		};
		expect(chunk.object).toBe('chat.completion.chunk');
		if (chunk.usage) usage = chunk.usage;
		for (const choice of chunk.choices) {
			content += choice.delta.content ?? '';
			finish = choice.finish_reason ?? finish;
			for (const call of choice.delta.tool_calls ?? []) {
				calls[call.index] ??= { arguments: '' };
				calls[call.index].id ??= call.id;
				calls[call.index].name ??= call.function.name;
				calls[call.index].arguments += call.function.arguments ?? '';
			}
		}
	}
	return { content, finish, calls, usage };
}

it('lists models and rejects a wrong key the way OpenAI does', async () => {
	const models = await fetch(`${sandbox.baseUrl}/models`, { headers: auth });
	expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toEqual(
		OPENAI_SANDBOX.models,
	);
	const wrong = await fetch(`${sandbox.baseUrl}/models`, {
		headers: { authorization: 'Bearer nope' },
	});
	expect(wrong.status).toBe(401);
	expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
});

it('plays the script: a tool call by pattern, a final answer, then the default answer', async () => {
	sandbox.script([callToolMatching('send', { chat: 'chat_0001', text: 'Hello' }), answer('Sent.')]);
	const first = (await json(await complete({}))).choices[0];
	expect(first.finish_reason).toBe('tool_calls');
	expect(first.message.content).toBeNull();
	expect(first.message.tool_calls).toEqual([
		{
			id: expect.stringMatching(/^call_/) as unknown,
			type: 'function',
			function: {
				name: 'Send_LinkedIn_Message',
				arguments: '{"chat":"chat_0001","text":"Hello"}',
			},
		},
	]);
	const second = (await json(await complete({}))).choices[0];
	expect(second).toMatchObject({ finish_reason: 'stop', message: { content: 'Sent.' } });
	const third = (await json(await complete({}))).choices[0];
	expect(third.message.content).toBe(OPENAI_SANDBOX.defaultAnswer);

	expect(sandbox.remaining()).toBe(0);
	expect(sandbox.chatRequests()).toHaveLength(3);
	expect(sandbox.chatRequests()[0].tools?.map((t) => t.function.name)).toEqual([
		'Send_LinkedIn_Message',
		'List_Chats',
	]);
});

it('answers 400 and records why when a pattern matches no offered tool or several', async () => {
	sandbox.script([callToolMatching('nothing'), callToolMatching('_'), callTool('Missing')]);
	for (const expected of ['matches 0', 'matches 2', 'not among the offered tools']) {
		const response = await complete({});
		expect(response.status).toBe(400);
		expect(JSON.stringify(await response.json())).toContain(expected);
	}
	expect(sandbox.errors).toHaveLength(3);
});

it('streams tool calls and answers as SSE chunks, with usage when asked', async () => {
	sandbox.script([
		{
			toolCalls: [
				{ name: 'List_Chats', arguments: {} },
				{
					nameMatching: /send/i,
					arguments: { chat: 'c', text: 'a longer text, streamed in pieces' },
				},
			],
		},
		answer('All done, streamed in several chunks.'),
	]);
	const tools = await complete({ stream: true, stream_options: { include_usage: true } });
	expect(tools.headers.get('content-type')).toContain('text/event-stream');
	const streamed = await readStream(tools);
	expect(streamed.finish).toBe('tool_calls');
	expect(streamed.calls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
		{ name: 'List_Chats', args: '{}' },
		{
			name: 'Send_LinkedIn_Message',
			args: '{"chat":"c","text":"a longer text, streamed in pieces"}',
		},
	]);
	expect(streamed.usage).toMatchObject({ total_tokens: expect.any(Number) as unknown });
	const final = await readStream(await complete({ stream: true }));
	expect(final).toMatchObject({ content: 'All done, streamed in several chunks.', finish: 'stop' });
	expect(final.usage).toBeUndefined();
});

it('takes a script over HTTP and lists what it recorded', async () => {
	const scripted = await fetch(`${sandbox.url}/__sandbox/script`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			turns: [{ toolCalls: [{ nameMatching: '^list' }] }, { content: 'Listed.' }],
			defaultAnswer: 'Nothing more.',
		}),
	});
	expect(await scripted.json()).toEqual({ queued: 2, defaultAnswer: 'Nothing more.' });
	const bad = await fetch(`${sandbox.url}/__sandbox/script`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ turns: [{ toolCalls: [{ arguments: {} }] }] }),
	});
	expect(bad.status).toBe(400);

	const first = (await json(await complete({}))).choices[0];
	expect(first.message.tool_calls?.[0].function.name).toBe('List_Chats');
	expect((await json(await complete({}))).choices[0].message.content).toBe('Listed.');
	expect((await json(await complete({}))).choices[0].message.content).toBe('Nothing more.');

	const recorded = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as Array<{
		method: string;
		path: string;
		body: { messages: unknown[]; tools: unknown[] };
	}>;
	expect(recorded).toHaveLength(3);
	expect(recorded[0]).toMatchObject({
		method: 'POST',
		path: '/v1/chat/completions',
		body: { messages: [{ role: 'user', content: 'Hi' }], tools: TOOLS },
	});
});

it('points Responses API calls at the setting to turn off', async () => {
	const response = await fetch(`${sandbox.baseUrl}/responses`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'gpt-4o-mini', input: 'Hi' }),
	});
	expect(response.status).toBe(404);
	expect(JSON.stringify(await response.json())).toContain('responsesApiEnabled: false');
});

describe('demo mode (rules)', () => {
	const DEMO_TOOLS = [tool('Get_Chat_Messages'), tool('Reply_to_Message')];
	const user = (chat: string, message: string) => ({
		role: 'user',
		content: `A prospect read a message.\nchat_id: ${chat}\nmessage_id: ${message}`,
	});
	const assistant = (id: string) => ({
		role: 'assistant',
		content: null,
		tool_calls: [{ id, type: 'function', function: { name: 'x', arguments: '{}' } }],
	});
	const toolResult = (id: string) => ({ role: 'tool', tool_call_id: id, content: '[]' });
	const turn = async (messages: unknown[]) =>
		(await json(await complete({ messages, tools: DEMO_TOOLS }))).choices[0].message;
	const calls = (message: Awaited<ReturnType<typeof turn>>) =>
		message.tool_calls?.map((call) => ({
			name: call.function.name,
			args: JSON.parse(call.function.arguments) as unknown,
		}));

	it('answers any matching conversation by step, with the IDs from its last user message', async () => {
		sandbox.rules([AI_FOLLOW_UP_RULE]);
		// Two conversations interleaved: the step comes from each request, not from a counter.
		const a: unknown[] = [user('chat_0007', 'msg_0007_1')];
		const b = [{ role: 'system', content: 'Be brief.' }, user('chat_abc-9', 'msg_9')];
		expect(calls(await turn(a))).toEqual([
			{ name: 'Get_Chat_Messages', args: { chat: 'chat_0007', limit: 5 } },
		]);
		expect(calls(await turn(b))).toEqual([
			{ name: 'Get_Chat_Messages', args: { chat: 'chat_abc-9', limit: 5 } },
		]);
		a.push(assistant('c1'), toolResult('c1'));
		expect(calls(await turn(a))).toEqual([
			{
				name: 'Reply_to_Message',
				args: {
					chat: 'chat_0007',
					message_id: 'msg_0007_1',
					text: 'Thanks for reading! Would a 15-minute call on Thursday work for you?',
				},
			},
		]);
		a.push(assistant('c2'), toolResult('c2'));
		expect(await turn(a)).toMatchObject({
			content: 'Replied in chat chat_0007 to message msg_0007_1.',
		});
		a.push(assistant('c3'));
		expect((await turn(a)).content).toBe(OPENAI_SANDBOX.defaultAnswer);
		// No chat_id: the rule does not apply.
		expect((await turn([{ role: 'user', content: 'Hello' }])).content).toBe(
			OPENAI_SANDBOX.defaultAnswer,
		);
		expect(sandbox.errors).toEqual([]);
	});

	it('plays the script first, and takes rules over HTTP', async () => {
		const set = async (rules: unknown) =>
			await fetch(`${sandbox.url}/__sandbox/rules`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ rules }),
			});
		expect((await set([{ extract: { chat: '(' }, turns: [] }])).status).toBe(400);
		const ok = await set([
			{ extract: { who: 'name: (\\w+)' }, turns: [{ content: 'Hi {{who}}' }] },
		]);
		expect(await ok.json()).toEqual({ rules: 1 });
		sandbox.script([answer('Scripted.')]);
		const prompt = [{ role: 'user', content: 'name: Ana' }];
		expect((await turn(prompt)).content).toBe('Scripted.');
		expect((await turn(prompt)).content).toBe('Hi Ana');
		expect((await set([])).status).toBe(200);
		expect((await turn(prompt)).content).toBe(OPENAI_SANDBOX.defaultAnswer);
	});
});
