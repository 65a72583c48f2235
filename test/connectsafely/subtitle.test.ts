import type { INode, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';

const { subtitle } = new ConnectSafely().description;

/** The subtitle as n8n's canvas evaluates it for a node with these parameters. */
function subtitleOf(resource: string, operation: string) {
	const node: INode = {
		id: 'subtitle',
		name: 'ConnectSafely',
		type: 'connectSafely',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByNameAndVersion: () => undefined } as unknown as INodeTypes,
	});
	return workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {});
}

it.each([
	['message', 'send', 'Message: Send'],
	['invitation', 'send', 'Invitation: Send'],
	['message', 'sendWithTyping', 'Message: Send With Typing Indicator'],
	['relationship', 'check', 'Relationship: Check'],
	['message', 'later', 'later: message'],
])('the canvas shows %s/%s as "%s"', (resource, operation, shown) => {
	expect(subtitleOf(resource, operation)).toBe(shown);
});
