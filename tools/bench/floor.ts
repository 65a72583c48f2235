/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: writes a bench-only package, never shipped */
/**
 * The floors the bench holds our nodes against: `n8n-nodes-bench-floor`, a community package that
 * exists only inside the bench. It is written into a temp dir at run time (plain CommonJS, nothing
 * to compile, no imports) and installed next to ours, so n8n loads it exactly like ours.
 *
 * - Bench Floor (declarative): one operation, a `chat` field that puts the chat into the URL and a
 *   `text` field sent as the JSON body (both with `routing`), the same POST as our Message → Send,
 *   authenticated the way n8n's own node template does it (a generic credential putting the key in
 *   a header). One request per item; no checks, no pacing, no retries, no pre-flight: what any
 *   declarative node pays.
 * - Bench Floor Trigger: a webhook trigger with our trigger's webhook description that accepts
 *   every call and emits its body. No signature, no parsing, no duplicate guard.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const FLOOR_PACKAGE = 'n8n-nodes-bench-floor';
export const FLOOR_NODE = `${FLOOR_PACKAGE}.benchFloor`;
export const FLOOR_TRIGGER = `${FLOOR_PACKAGE}.benchFloorTrigger`;
export const FLOOR_CREDENTIAL = 'benchFloorApi';

interface FloorTarget {
	/** Base URL of the API, e.g. `http://127.0.0.1:1234/v2`. */
	baseUrl: string;
	/** The account in the send's path (`/{account}/chats/{chat}/messages/send`). */
	account: string;
}

const credentialSource = `'use strict';
class BenchFloorApi {
	constructor() {
		this.name = '${FLOOR_CREDENTIAL}';
		this.displayName = 'Bench Floor API';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { 'X-API-KEY': '={{$credentials.apiKey}}' } },
		};
	}
}
exports.BenchFloorApi = BenchFloorApi;
`;

function nodeSource(target: FloorTarget) {
	const description = {
		displayName: 'Bench Floor',
		name: 'benchFloor',
		group: ['output'],
		version: 1,
		description: 'Bench only: the least a declarative node does for this POST',
		defaults: { name: 'Bench Floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: FLOOR_CREDENTIAL, required: true }],
		requestDefaults: {
			baseURL: target.baseUrl,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'send',
				options: [
					{
						name: 'Send',
						value: 'send',
						action: 'Send a message',
						routing: { request: { method: 'POST' } },
					},
				],
			},
			{
				displayName: 'Chat',
				name: 'chat',
				type: 'string',
				default: '',
				routing: { request: { url: `=/${target.account}/chats/{{$value}}/messages/send` } },
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'text' } },
			},
		],
	};
	return `'use strict';
class BenchFloor {
	constructor() {
		this.description = ${JSON.stringify(description, null, '\t')};
	}
}
exports.BenchFloor = BenchFloor;
`;
}

/** Same webhook description as the Unipile Trigger, so n8n treats both calls alike. */
const triggerSource = `'use strict';
class BenchFloorTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Floor Trigger',
			name: 'benchFloorTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Bench only: accepts every call and emits its body',
			defaults: { name: 'Bench Floor Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
			],
			properties: [],
		};
	}
	async webhook() {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}
exports.BenchFloorTrigger = BenchFloorTrigger;
`;

/** Writes the floor package into `dir` (created) and returns `dir`, ready for `installPackage`. */
export function writeFloorPackage(dir: string, target: FloorTarget): string {
	const files: Record<string, string> = {
		'package.json': JSON.stringify(
			{
				name: FLOOR_PACKAGE,
				version: '0.0.0',
				private: true,
				license: 'MIT',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/BenchFloorApi.credentials.js'],
					nodes: [
						'dist/nodes/BenchFloor/BenchFloor.node.js',
						'dist/nodes/BenchFloorTrigger/BenchFloorTrigger.node.js',
					],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
		'dist/credentials/BenchFloorApi.credentials.js': credentialSource,
		'dist/nodes/BenchFloor/BenchFloor.node.js': nodeSource(target),
		'dist/nodes/BenchFloorTrigger/BenchFloorTrigger.node.js': triggerSource,
	};
	for (const [name, text] of Object.entries(files)) {
		const file = path.join(dir, name);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, text);
	}
	return dir;
}
