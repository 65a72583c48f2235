/**
 * A scripted OpenAI-compatible Chat Completions API on 127.0.0.1, for tests and demos of our nodes
 * as AI-agent tools. It plays the model: every request is recorded (with its parsed `messages` and
 * `tools`) and answered from a script, a queue of turns:
 *
 *   const model = await startOpenAiSandbox();
 *   model.script([callToolMatching(/send/i, { chat: 'chat_0001', text: 'Hi' }), answer('Sent.')]);
 *   // credential openAiApi: { apiKey: OPENAI_SANDBOX.apiKey, url: model.baseUrl }
 *
 * A `toolCalls` turn becomes `choices[0].message.tool_calls` (finish_reason `tool_calls`), a
 * `content` turn a final answer; once the script is used up, rules answer (see `ScriptRule`: the
 * demo mode, e.g. `AI_FOLLOW_UP_RULE`), and every other call gets `defaultAnswer`. A tool
 * name can be given exactly or as a pattern matched against the `tools` of that very request, since
 * n8n derives tool names from node names. `stream: true` is answered with SSE chunks in OpenAI's
 * format. Routes: POST /v1/chat/completions, GET /v1/models, GET /v1/models/{id}; admin routes
 * under /__sandbox/ (script, rules, requests, reset, inject) are not recorded.
 *
 * It is not the Responses API: n8n's OpenAI Chat Model node (v1.3) must have "Use Responses API"
 * off (`responsesApiEnabled: false`); POST /v1/responses gets a 404 that says so.
 */
import { randomBytes } from 'node:crypto';

import type { RecordedRequest, Reply, SandboxServer } from './server';
import { reply, startSandboxServer } from './server';

export const OPENAI_SANDBOX = {
	apiKey: 'example-openai-key',
	/** What GET /v1/models lists (any model name is accepted by chat completions). */
	models: ['gpt-4o-mini', 'gpt-4.1-mini'],
	defaultAnswer: 'Done.',
};

/** One tool call the model makes; `nameMatching` picks among the tools of that request. */
export interface ScriptedToolCall {
	/** The exact tool name. */
	name?: string;
	/** A pattern (a string is a case-insensitive RegExp source) that exactly one offered tool matches. */
	nameMatching?: string | RegExp;
	/** The call's arguments: an object (sent as JSON) or a raw string, sent as it is. */
	arguments?: Record<string, unknown> | string;
	/** Default: `call_<random>`. */
	id?: string;
}

export type ScriptedTurn =
	| { toolCalls: ScriptedToolCall[]; content?: string }
	| { content: string }
	/** Decides at request time (in-process only). */
	| ((request: ChatCompletionRequest) => ScriptedTurn);

/** A turn as JSON can give it (no function). */
export type PlainTurn = { toolCalls: ScriptedToolCall[]; content?: string } | { content: string };

/**
 * Demo mode: answers any conversation whose last user message matches, without a script. It
 * applies when every `extract` pattern matches that message; `{{name}}` in the turns' contents and
 * in the string values of tool-call arguments becomes what `extract[name]` captured. The turn
 * played is picked by step, the number of assistant turns since that user message (turns[0] first,
 * then turns[1] once the tools answered, ...; past the last one, `defaultAnswer`), so a rule keeps
 * no state and serves any number of conversations, interleaved or at once.
 */
export interface ScriptRule {
	/** Name → pattern (RegExp source, case-insensitive) whose first group is the value. */
	extract: Record<string, string>;
	turns: PlainTurn[];
}

/**
 * The demo mode of `npm start` (demo/ai-follow-up.workflow.json): a prompt that holds
 * `chat_id: <id>` and `message_id: <id>` gets a call of the tool matching "messages" (Get Many
 * Messages) for that chat, then one of the tool matching "reply" quoting that message, then a
 * final answer.
 */
export const AI_FOLLOW_UP_RULE: ScriptRule = {
	extract: { chat_id: 'chat_id: *([\\w-]+)', message_id: 'message_id: *([\\w-]+)' },
	turns: [
		{ toolCalls: [{ nameMatching: 'messages', arguments: { chat: '{{chat_id}}', limit: 5 } }] },
		{
			toolCalls: [
				{
					nameMatching: 'reply',
					arguments: {
						chat: '{{chat_id}}',
						message_id: '{{message_id}}',
						text: 'Thanks for reading! Would a 15-minute call on Thursday work for you?',
					},
				},
			],
		},
		{ content: 'Replied in chat {{chat_id}} to message {{message_id}}.' },
	],
};

/** The parts of a Chat Completions request body the sandbox reads. */
export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	tool_choice?: unknown;
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
	[key: string]: unknown;
}

export interface ChatMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
	name?: string;
}

export interface ChatTool {
	type: 'function';
	function: {
		name: string;
		description?: string;
		parameters?: Record<string, unknown>;
		strict?: boolean;
	};
}

export interface OpenAiSandbox extends SandboxServer {
	/** The credential's Base URL (`openAiApi.url`): `<url>/v1`. */
	baseUrl: string;
	/** Replaces the script (the rest of the queue) and, if given, the default answer. */
	script(turns: ScriptedTurn[], options?: { defaultAnswer?: string }): void;
	/** Adds turns after the ones still queued. */
	enqueue(...turns: ScriptedTurn[]): void;
	/** How many scripted turns are still queued. */
	remaining(): number;
	/** Replaces the rules (demo mode) that answer once the script is used up. */
	rules(rules: ScriptRule[]): void;
	/** Bodies of the recorded POST /v1/chat/completions requests, in order. */
	chatRequests(): ChatCompletionRequest[];
	/** Script problems (e.g. no tool matched a pattern); each was also answered with a 400. */
	errors: string[];
}

/** A turn that calls one tool by its exact name. */
export const callTool = (
	name: string,
	args: Record<string, unknown> | string = {},
): ScriptedTurn => ({
	toolCalls: [{ name, arguments: args }],
});

/**
 * A turn that calls whichever offered tool matches `pattern` (exactly one must). A string is a
 * case-insensitive RegExp source, e.g. `'unipile'` matches the tool of a node named "Unipile Send".
 */
export const callToolMatching = (
	pattern: string | RegExp,
	args: Record<string, unknown> | string = {},
): ScriptedTurn => ({ toolCalls: [{ nameMatching: pattern, arguments: args }] });

/** A final answer. */
export const answer = (content: string): ScriptedTurn => ({ content });

/** Text of a message's content (string or content parts). */
export function messageText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	if (!message.content) return '';
	return message.content.map((part) => part.text ?? '').join('');
}

/** The `role: tool` messages of a request (what the tools returned), in order. */
export const toolResults = (request: ChatCompletionRequest) =>
	request.messages.filter((message) => message.role === 'tool');

const openAiError = (
	status: number,
	message: string,
	type = 'invalid_request_error',
	code?: string,
) => reply(status, { error: { message, type, param: null, code: code ?? null } });

const patternOf = (pattern: string | RegExp) =>
	typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;

/** Reads a JSON-scripted turn (admin route): `nameMatching` strings stay strings (case-insensitive). */
function parseTurns(value: unknown): ScriptedTurn[] {
	if (!Array.isArray(value)) throw new Error('turns: must be an array');
	return value.map((turn: unknown, index) => {
		if (typeof turn !== 'object' || turn === null)
			throw new Error(`turns[${index}]: must be an object`);
		const candidate = turn as { toolCalls?: unknown; content?: unknown };
		if (Array.isArray(candidate.toolCalls)) {
			for (const call of candidate.toolCalls as ScriptedToolCall[]) {
				if (typeof call?.name !== 'string' && typeof call?.nameMatching !== 'string') {
					throw new Error(`turns[${index}]: every tool call needs "name" or "nameMatching"`);
				}
			}
			return candidate as ScriptedTurn;
		}
		if (typeof candidate.content === 'string') return { content: candidate.content };
		throw new Error(`turns[${index}]: needs "toolCalls" (array) or "content" (string)`);
	});
}

/** Why a pattern does not compile, or undefined. */
function patternProblem(pattern: string): string | undefined {
	try {
		new RegExp(pattern, 'i');
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/** Reads JSON rules (admin route); every pattern must compile. */
function parseRules(value: unknown): ScriptRule[] {
	if (!Array.isArray(value)) throw new Error('rules: must be an array');
	return value.map((rule: unknown, index) => {
		const candidate = (rule ?? {}) as { extract?: unknown; turns?: unknown };
		const extract = candidate.extract;
		if (typeof extract !== 'object' || extract === null || Array.isArray(extract)) {
			throw new Error(`rules[${index}].extract: must be an object of name → pattern`);
		}
		for (const [name, pattern] of Object.entries(extract)) {
			const problem = typeof pattern === 'string' ? patternProblem(pattern) : 'not a string';
			if (problem) throw new Error(`rules[${index}].extract.${name}: ${problem}`);
		}
		if (!Array.isArray(candidate.turns)) throw new Error(`rules[${index}].turns: must be an array`);
		return {
			extract: extract as Record<string, string>,
			turns: parseTurns(candidate.turns) as PlainTurn[],
		};
	});
}

/** `{{name}}` → `values[name]` in a string, or in every string of an array or object. */
function fill(value: unknown, values: Record<string, string>): unknown {
	if (typeof value === 'string') {
		return value.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
	}
	if (Array.isArray(value)) return value.map((entry) => fill(entry, values));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, fill(entry, values)]),
		);
	}
	return value;
}

/** The turn the first applicable rule plays for this request, if any. */
function ruleTurn(rules: ScriptRule[], request: ChatCompletionRequest): ScriptedTurn | undefined {
	const lastUser = request.messages.map((message) => message.role).lastIndexOf('user');
	if (lastUser < 0) return undefined;
	const prompt = messageText(request.messages[lastUser]);
	const step = request.messages
		.slice(lastUser + 1)
		.filter((message) => message.role === 'assistant').length;
	for (const rule of rules) {
		const values: Record<string, string> = {};
		const applies = Object.entries(rule.extract).every(([name, pattern]) => {
			const match = new RegExp(pattern, 'i').exec(prompt);
			if (match?.[1] === undefined) return false;
			values[name] = match[1];
			return true;
		});
		if (!applies) continue;
		const turn = rule.turns[step];
		return turn === undefined ? undefined : (fill(turn, values) as ScriptedTurn);
	}
	return undefined;
}

interface ResolvedCall {
	id: string;
	name: string;
	arguments: string;
}

type Resolved = { content: string | null; calls: ResolvedCall[] } | { error: string };

function resolveTurn(turn: ScriptedTurn, request: ChatCompletionRequest): Resolved {
	const concrete = typeof turn === 'function' ? turn(request) : turn;
	if (typeof concrete === 'function') return { error: 'a scripted function returned a function' };
	if (!('toolCalls' in concrete)) return { content: concrete.content, calls: [] };
	const offered = (request.tools ?? []).map((tool) => tool.function.name);
	const calls: ResolvedCall[] = [];
	for (const call of concrete.toolCalls) {
		let name = call.name;
		if (name === undefined && call.nameMatching !== undefined) {
			const pattern = patternOf(call.nameMatching);
			const matching = offered.filter((candidate) => pattern.test(candidate));
			if (matching.length !== 1) {
				return {
					error: `scripted tool call ${String(pattern)} matches ${matching.length} of the offered tools [${offered.join(', ')}]; it must match exactly one`,
				};
			}
			name = matching[0];
		}
		if (name === undefined) return { error: 'scripted tool call without name or nameMatching' };
		if (!offered.includes(name)) {
			return {
				error: `scripted tool "${name}" is not among the offered tools [${offered.join(', ')}]`,
			};
		}
		calls.push({
			id: call.id ?? `call_${randomBytes(9).toString('hex')}`,
			name,
			arguments:
				typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
		});
	}
	return { content: concrete.content ?? null, calls };
}

function usage(request: ChatCompletionRequest, completion: string) {
	const prompt_tokens = Math.ceil(JSON.stringify(request.messages).length / 4);
	const completion_tokens = Math.max(1, Math.ceil(completion.length / 4));
	return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function completionBody(
	request: ChatCompletionRequest,
	id: string,
	created: number,
	result: { content: string | null; calls: ResolvedCall[] },
) {
	const toolCalls = result.calls.map((call) => ({
		id: call.id,
		type: 'function',
		function: { name: call.name, arguments: call.arguments },
	}));
	return {
		id,
		object: 'chat.completion',
		created,
		model: request.model,
		system_fingerprint: 'fp_sandbox',
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: result.content,
					refusal: null,
					...(toolCalls.length ? { tool_calls: toolCalls } : {}),
				},
				logprobs: null,
				finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
			},
		],
		usage: usage(request, JSON.stringify(result)),
	};
}

/** The SSE `data:` payloads of a streamed answer, as OpenAI sends them (without `[DONE]`). */
function streamChunks(
	request: ChatCompletionRequest,
	id: string,
	created: number,
	result: { content: string | null; calls: ResolvedCall[] },
): unknown[] {
	const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
		id,
		object: 'chat.completion.chunk',
		created,
		model: request.model,
		system_fingerprint: 'fp_sandbox',
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
	});
	const chunks: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
	for (const piece of (result.content ?? '').match(/[\s\S]{1,16}/g) ?? []) {
		chunks.push(chunk({ content: piece }));
	}
	result.calls.forEach((call, index) => {
		chunks.push(
			chunk({
				tool_calls: [
					{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
				],
			}),
		);
		for (const piece of call.arguments.match(/[\s\S]{1,24}/g) ?? []) {
			chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
		}
	});
	chunks.push(chunk({}, result.calls.length ? 'tool_calls' : 'stop'));
	if (request.stream_options?.include_usage) {
		chunks.push({
			id,
			object: 'chat.completion.chunk',
			created,
			model: request.model,
			system_fingerprint: 'fp_sandbox',
			choices: [],
			usage: usage(request, JSON.stringify(result)),
		});
	}
	return chunks;
}

/**
 * Starts the scripted model on the shared harness (`./server`): the same recording, `inject` and
 * `reset`, plus the script admin routes; a streamed answer is one SSE text reply.
 */
export async function startOpenAiSandbox(
	options: {
		port?: number;
		apiKey?: string;
		turns?: ScriptedTurn[];
		defaultAnswer?: string;
		/** Demo mode, e.g. `[AI_FOLLOW_UP_RULE]`; kept by `reset()`. */
		rules?: ScriptRule[];
	} = {},
): Promise<OpenAiSandbox> {
	const apiKey = options.apiKey ?? OPENAI_SANDBOX.apiKey;
	const errors: string[] = [];
	let queue: ScriptedTurn[] = [...(options.turns ?? [])];
	let defaultAnswer = options.defaultAnswer ?? OPENAI_SANDBOX.defaultAnswer;
	let rules: ScriptRule[] = [...(options.rules ?? [])];
	const created = () => Math.floor(Date.now() / 1000);

	function models(request: RecordedRequest): Reply {
		const list = OPENAI_SANDBOX.models.map((id) => ({
			id,
			object: 'model',
			created: 1_700_000_000,
			owned_by: 'sandbox',
		}));
		if (request.path === '/v1/models') return reply(200, { object: 'list', data: list });
		const id = decodeURIComponent(request.path.slice('/v1/models/'.length));
		const model = list.find((entry) => entry.id === id);
		return model
			? reply(200, model)
			: openAiError(
					404,
					`The model '${id}' does not exist`,
					'invalid_request_error',
					'model_not_found',
				);
	}

	function complete(request: RecordedRequest): Reply {
		const body = request.body as Partial<ChatCompletionRequest> | undefined;
		if (!body || typeof body !== 'object') return openAiError(400, 'Body must be a JSON object');
		if (typeof body.model !== 'string' || !body.model) {
			return openAiError(400, 'you must provide a model parameter');
		}
		if (!Array.isArray(body.messages) || body.messages.length === 0) {
			return openAiError(400, "'messages' must be a non-empty array");
		}
		const chat = body as ChatCompletionRequest;
		const turn = queue.shift() ?? ruleTurn(rules, chat) ?? { content: defaultAnswer };
		const resolved = resolveTurn(turn, chat);
		if ('error' in resolved) {
			errors.push(resolved.error);
			return openAiError(400, `[openai sandbox] ${resolved.error}`);
		}
		const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
		if (!chat.stream) return reply(200, completionBody(chat, id, created(), resolved));
		const events = streamChunks(chat, id, created(), resolved).map(
			(chunk) => `data: ${JSON.stringify(chunk)}\n\n`,
		);
		return {
			status: 200,
			headers: {
				'content-type': 'text/event-stream; charset=utf-8',
				'cache-control': 'no-cache',
				connection: 'keep-alive',
			},
			text: `${events.join('')}data: [DONE]\n\n`,
		};
	}

	function handle(request: RecordedRequest): Reply {
		const route = `${request.method} ${request.path}`;
		if (request.path.startsWith('/v1/') && request.headers.authorization !== `Bearer ${apiKey}`) {
			return openAiError(
				401,
				'Incorrect API key provided',
				'invalid_request_error',
				'invalid_api_key',
			);
		}
		if (route === 'POST /v1/chat/completions') return complete(request);
		if (request.method === 'GET' && /^\/v1\/models(\/[^/]+)?$/.test(request.path)) {
			return models(request);
		}
		if (route === 'POST /v1/responses') {
			return openAiError(
				404,
				'[openai sandbox] only Chat Completions is scripted: turn off "Use Responses API" (responsesApiEnabled: false) on the OpenAI Chat Model node',
			);
		}
		return openAiError(404, `Unknown request URL: ${route}`);
	}

	const server = await startSandboxServer({
		port: options.port,
		handle,
		badJson: openAiError(400, 'We could not parse the JSON body of your request.'),
		onReset: () => {
			errors.length = 0;
			queue = [];
			rules = [...(options.rules ?? [])];
			defaultAnswer = options.defaultAnswer ?? OPENAI_SANDBOX.defaultAnswer;
		},
		admin: {
			/** Body: `{ turns: [...], defaultAnswer?: string, append?: boolean }`. */
			'POST /__sandbox/script': (body) => {
				const input = (body ?? {}) as {
					turns?: unknown;
					defaultAnswer?: unknown;
					append?: unknown;
				};
				let turns: ScriptedTurn[];
				try {
					turns = parseTurns(input.turns ?? []);
				} catch (error) {
					return reply(400, { error: (error as Error).message });
				}
				if (input.append === true) queue.push(...turns);
				else queue = turns;
				if (typeof input.defaultAnswer === 'string') defaultAnswer = input.defaultAnswer;
				return reply(200, { queued: queue.length, defaultAnswer });
			},
			'GET /__sandbox/script': () =>
				reply(200, {
					queued: queue.map((turn) => (typeof turn === 'function' ? '<function>' : turn)),
					rules,
					defaultAnswer,
					errors,
				}),
			/** Body: `{ rules: ScriptRule[] }` (demo mode); `{ rules: [] }` turns it off. */
			'POST /__sandbox/rules': (body) => {
				try {
					rules = parseRules((body as { rules?: unknown } | undefined)?.rules);
				} catch (error) {
					return reply(400, { error: (error as Error).message });
				}
				return reply(200, { rules: rules.length });
			},
		},
	});
	return {
		...server,
		baseUrl: `${server.url}/v1`,
		errors,
		script: (turns, scriptOptions = {}) => {
			queue = [...turns];
			if (scriptOptions.defaultAnswer !== undefined) defaultAnswer = scriptOptions.defaultAnswer;
		},
		enqueue: (...turns) => queue.push(...turns),
		remaining: () => queue.length,
		rules: (next) => {
			rules = [...next];
		},
		chatRequests: () =>
			server.requests
				.filter((request) => request.method === 'POST' && request.path === '/v1/chat/completions')
				.map((request) => request.body as ChatCompletionRequest),
	};
}
