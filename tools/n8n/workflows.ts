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

export const manualTrigger = (name = 'Manual Trigger'): INode =>
	node(name, 'n8n-nodes-base.manualTrigger');

export const noOp = (name = 'No Operation'): INode => node(name, 'n8n-nodes-base.noOp');

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
