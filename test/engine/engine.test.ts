/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	ICredentialType,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binaryItem, runNode } from '.';

interface Seen {
	path?: string;
	headers: IncomingMessage['headers'];
	body: unknown;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
			seen.push({ path: request.url, headers: request.headers, body });
			const fail = request.url?.includes('fail');
			response.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(fail ? { message: 'broken' } : { echoed: body }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));
beforeEach(() => (seen.length = 0));

const headerCredential: ICredentialType = {
	name: 'echoApi',
	displayName: 'Echo API',
	properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	authenticate: { type: 'generic', properties: { headers: { 'X-Key': '={{$credentials.key}}' } } },
};

async function withFile(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const file = await this.helpers.getBinaryDataBuffer('data');
	return { ...options, body: { ...(options.body as object), file: file.toString() } };
}

const echoNode: INodeType = {
	description: {
		displayName: 'Echo',
		name: 'echo',
		group: ['output'],
		version: 1,
		description: 'Posts to a test server',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'echoApi', required: true }],
		requestDefaults: { baseURL: '={{$credentials.url}}', json: true },
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '/echo',
				routing: { request: { method: 'POST', url: '={{$value}}' } },
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'text', preSend: [withFile] } },
			},
		],
	},
};

const run = (
	parameters: Record<string, string>,
	extra: Partial<Parameters<typeof runNode>[0]> = {},
) =>
	runNode({
		nodeType: echoNode,
		type: 'test.echo',
		parameters,
		credentialType: headerCredential,
		credentials: {
			echoCredential: { type: 'echoApi', data: { key: 'example-value', url: baseUrl } },
		},
		inputItems: [
			binaryItem(
				{},
				{ data: { data: Buffer.from('file body'), mimeType: 'text/plain', fileName: 'a.txt' } },
			),
		],
		...extra,
	});

it('runs a declarative node through RoutingNode with the credential applied', async () => {
	const result = await run({ text: 'hello' });
	expect(result.status).toBe('success');
	expect(seen).toHaveLength(1);
	expect(seen[0].headers['x-key']).toBe('example-value');
	expect(seen[0].body).toEqual({ text: 'hello', file: 'file body' });
	expect(result.output('Echo')[0].json).toEqual({ echoed: { text: 'hello', file: 'file body' } });
});

it('reports a failing node with its message', async () => {
	const result = await run({ text: 'x', path: '/fail' });
	expect(result.status).toBe('error');
	expect(result.error?.nodeName).toBe('Echo');
});

it('continues per item on error when the node is set to', async () => {
	const items = [
		binaryItem(
			{ path: '/ok' },
			{ data: { data: Buffer.from('1'), mimeType: 'text/plain', fileName: '1.txt' } },
		),
		binaryItem(
			{ path: '/fail' },
			{ data: { data: Buffer.from('2'), mimeType: 'text/plain', fileName: '2.txt' } },
		),
	];
	const result = await run(
		{ text: 'x', path: '={{ $json.path }}' },
		{ inputItems: items, continueOnFail: true },
	);
	expect(result.status).toBe('success');
	const output = result.output('Echo');
	expect(output[0].json).toMatchObject({ echoed: { text: 'x' } });
	expect(output[1].json.error).toBe('The service was not able to process your request');
});
