/** Small builders for test workflows (n8n's built-in nodes plus any node of this package). */
import type { IConnections, INode, INodeCredentials, INodeParameters } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import type { WorkflowJson } from './types';

export function node(
	name: string,
	type: string,
	parameters: INodeParameters = {},
	extra: Partial<Omit<INode, 'name' | 'type' | 'parameters'>> & {
		credentials?: INodeCredentials;
	} = {},
): INode {
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...extra,
	};
}

/** A resource locator parameter given by ID. */
export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

export const manualTrigger = (name = 'Manual Trigger'): INode =>
	node(name, 'n8n-nodes-base.manualTrigger');

export const noOp = (name = 'No Operation'): INode => node(name, 'n8n-nodes-base.noOp');

/** A 1×1 PNG (logo.png), hex. */
export const PNG = '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489';

/**
 * Code "Image" → Convert to File "To File": the PNG as binary `photo` (logo.png, image/png), kept
 * in n8n's binary store (filesystem mode), as the files of real workflows are.
 */
export const photoNodes = (): INode[] => [
	node(
		'Image',
		'n8n-nodes-base.code',
		{ jsCode: `return [{ json: { photo: Buffer.from('${PNG}', 'hex').toString('base64') } }];` },
		{ typeVersion: 2 },
	),
	node(
		'To File',
		'n8n-nodes-base.convertToFile',
		{
			operation: 'toBinary',
			sourceProperty: 'photo',
			binaryPropertyName: 'photo',
			options: { fileName: 'logo.png', mimeType: 'image/png' },
		},
		{ typeVersion: 1.1 },
	),
];

/**
 * The built-in Webhook node; its production URL is `<n8n>/webhook/<path>`. A fixed `webhookId`
 * keeps the registration stable across imports.
 */
export function webhookTrigger(options: {
	path: string;
	webhookId?: string;
	name?: string;
	httpMethod?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
	responseMode?: 'onReceived' | 'lastNode';
}): INode {
	return node(
		options.name ?? 'Webhook',
		'n8n-nodes-base.webhook',
		{
			path: options.path,
			httpMethod: options.httpMethod ?? 'POST',
			responseMode: options.responseMode ?? 'onReceived',
			options: {},
		},
		{ typeVersion: 2, webhookId: options.webhookId ?? randomUUID() },
	);
}

/** Connects `nodes` one after the other on their main output 0. */
export function chainConnections(nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return connections;
}

/** A linear workflow `nodes[0] -> nodes[1] -> ...`, laid out left to right. */
export function linearWorkflow(name: string, nodes: INode[], id?: string): WorkflowJson {
	const placed = nodes.map((n, i): INode => ({ ...n, position: [i * 220, 0] }));
	return {
		id,
		name,
		nodes: placed,
		connections: chainConnections(placed),
		settings: { executionOrder: 'v1' },
	};
}

/**
 * This package's Unipile Trigger on read receipts, then `next` (a No Operation "Done" by default).
 * `trigger` holds its credentials and a fixed `webhookId`.
 */
export function readReceiptsWorkflow(
	name: string,
	id: string,
	trigger: { credentials: INodeCredentials; webhookId: string },
	next: INode = noOp('Done'),
): WorkflowJson {
	return linearWorkflow(
		name,
		[
			node(
				'Unipile Trigger',
				'n8n-nodes-linkedin-messaging.unipileTrigger',
				{ events: ['message.receipt.read'] },
				trigger,
			),
			next,
		],
		id,
	);
}

/** The package of n8n's AI nodes (AI Agent, chat models). */
export const LANGCHAIN_PACKAGE = '@n8n/n8n-nodes-langchain';

/**
 * A `$fromAI()` placeholder for a parameter of a tool node: the agent's model fills it in, and n8n
 * offers it to the model as the tool argument `key` (1-64 of `[A-Za-z0-9_-]`) with `description`.
 */
export function fromAI(
	key: string,
	description = '',
	type: 'string' | 'number' | 'boolean' | 'json' = 'string',
): string {
	const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	return `={{ $fromAI(${quote(key)}, ${quote(description)}, ${quote(type)}) }}`;
}

/**
 * The AI Agent (v3.1, the version n8n 2.41.1 adds) with a fixed prompt (`promptType: 'define'`),
 * so it runs after a Manual Trigger; a Chat Trigger would use `promptType: 'auto'` instead.
 */
export function aiAgent(
	prompt: string,
	options: { name?: string; systemMessage?: string; agentOptions?: INodeParameters } = {},
): INode {
	return node(
		options.name ?? 'AI Agent',
		`${LANGCHAIN_PACKAGE}.agent`,
		{
			promptType: 'define',
			text: prompt,
			options: {
				...(options.systemMessage === undefined ? {} : { systemMessage: options.systemMessage }),
				...options.agentOptions,
			},
		},
		{ typeVersion: 3.1 },
	);
}

/**
 * The OpenAI Chat Model (v1.3) on Chat Completions (`responsesApiEnabled: false`; v1.3 defaults to
 * the Responses API). Its `openAiApi` credential holds `apiKey` and the Base URL as `url`.
 */
export function openAiChatModel(
	credential: { id: string; name: string },
	options: { name?: string; model?: string } = {},
): INode {
	return node(
		options.name ?? 'OpenAI Chat Model',
		`${LANGCHAIN_PACKAGE}.lmChatOpenAi`,
		{
			model: rl(options.model ?? 'gpt-4o-mini'),
			responsesApiEnabled: false,
			options: {},
		},
		{ typeVersion: 1.3, credentials: { openAiApi: credential } },
	);
}

/**
 * `trigger -> agent` on main, `model` as the agent's `ai_languageModel` and every tool node (a
 * `...Tool` node type, or any other tool) as one of its `ai_tool` inputs.
 */
export function agentWorkflow(
	name: string,
	parts: { trigger: INode; agent: INode; model: INode; tools: INode[] },
	id?: string,
): WorkflowJson {
	const { trigger, agent, model, tools } = parts;
	const at = (n: INode, x: number, y: number): INode => ({ ...n, position: [x, y] });
	const connections: IConnections = {
		[trigger.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
		[model.name]: {
			ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel', index: 0 }]],
		},
	};
	for (const tool of tools) {
		connections[tool.name] = { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] };
	}
	return {
		id,
		name,
		nodes: [
			at(trigger, 0, 0),
			at(agent, 220, 0),
			at(model, 100, 220),
			...tools.map((tool, i) => at(tool, 300 + i * 160, 220)),
		],
		connections,
		settings: { executionOrder: 'v1' },
	};
}
