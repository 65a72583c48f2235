/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: runs HTTP servers, never shipped */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { sleep } from 'n8n-workflow';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON when the body is JSON, else undefined. */
	body: unknown;
	rawBody: Buffer;
	receivedAt: number;
	/** When the answer was sent (undefined until then, and for dropped connections). */
	respondedAt?: number;
	/** The status answered (undefined until then, and for dropped connections). */
	status?: number;
}

export type Fault =
	| { kind: 'respond'; status: number; headers?: Record<string, string>; body?: unknown }
	/** Reads the whole request, then drops the connection without an answer. */
	| { kind: 'reset' }
	| { kind: 'delay'; ms: number }
	/** Holds each request until `count` of them wait, then answers them all (10 s bound, then 503). */
	| { kind: 'gather'; count: number }
	/** Reads the request and never answers: the client's timeout ends it. */
	| { kind: 'hang' };

export interface FaultRule {
	method: string;
	path: string | RegExp;
	/** How many requests it applies to; 1 by default. */
	times?: number;
	/** Lets this many matching requests through before it applies; 0 by default. */
	after?: number;
	fault: Fault;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent as it is instead of `body` as JSON (e.g. SSE); its content-type goes in `headers`. */
	text?: string;
	/** Bytes sent as they are (a downloaded file); its content-type goes in `headers`. */
	raw?: Buffer;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface SandboxServer {
	url: string;
	port: number;
	requests: RecordedRequest[];
	inject(rule: FaultRule): void;
	reset(): void;
	close(): Promise<void>;
}

/** A JSON reply. */
export const reply = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({
	status,
	body,
	headers,
});

const gathering = new WeakMap<Fault, Array<(all: boolean) => void>>();

/** Resolves true once `count` requests wait on the fault, false after 10 s (real time). */
async function gathered(fault: { kind: 'gather'; count: number }): Promise<boolean> {
	const waiting = gathering.get(fault) ?? [];
	gathering.set(fault, waiting);
	return await new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), 10_000);
		waiting.push((all) => {
			clearTimeout(timer);
			resolve(all);
		});
		if (waiting.length >= fault.count) for (const release of waiting.splice(0)) release(true);
	});
}

function matches(rule: FaultRule, request: RecordedRequest) {
	if (rule.method !== '*' && rule.method !== request.method) return false;
	return typeof rule.path === 'string' ? rule.path === request.path : rule.path.test(request.path);
}

function parseQuery(url: URL) {
	const query: Record<string, string | string[]> = {};
	for (const [key, value] of url.searchParams) {
		const existing = query[key];
		query[key] =
			existing === undefined
				? value
				: [...(Array.isArray(existing) ? existing : [existing]), value];
	}
	return query;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

function send(response: ServerResponse, result: Reply, request?: RecordedRequest) {
	if (request) {
		request.respondedAt = Date.now();
		request.status = result.status;
	}
	const json = result.text === undefined && result.raw === undefined && result.body !== undefined;
	response.writeHead(result.status, {
		...(json ? { 'content-type': 'application/json' } : {}),
		...result.headers,
	});
	response.end(json ? JSON.stringify(result.body) : (result.raw ?? result.text ?? ''));
}

/**
 * A recording HTTP server on 127.0.0.1. Admin routes under /__sandbox/ (requests, reset, inject
 * and any `admin` extras) are not recorded and need no key.
 */
export async function startSandboxServer(options: {
	port?: number;
	handle: Handler;
	onReset: () => void;
	admin?: Record<string, (body: unknown) => Promise<Reply> | Reply>;
	/** The answer to a JSON body that does not parse. */
	badJson?: Reply;
}): Promise<SandboxServer> {
	const requests: RecordedRequest[] = [];
	let faults: FaultRule[] = [];
	const sockets = new Set<Socket>();

	const sandbox = {
		requests,
		inject(rule: FaultRule) {
			faults.push({ ...rule, times: rule.times ?? 1 });
		},
		reset() {
			requests.length = 0;
			faults = [];
			options.onReset();
		},
	};

	const admin: Record<string, (body: unknown) => Promise<Reply> | Reply> = {
		'GET /__sandbox/requests': () =>
			reply(
				200,
				requests.map((request) => ({ ...request, rawBody: request.rawBody.toString('base64') })),
			),
		'POST /__sandbox/reset': () => {
			sandbox.reset();
			return reply(200, { reset: true });
		},
		'POST /__sandbox/inject': (body) => {
			const rule = body as FaultRule & { path: string };
			sandbox.inject({
				...rule,
				path: rule.path.startsWith('^') ? new RegExp(rule.path) : rule.path,
			});
			return reply(200, { injected: true });
		},
		...options.admin,
	};

	const server = createServer(async (incoming, response) => {
		const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
		const rawBody = await readBody(incoming);
		let body: unknown;
		if (rawBody.length && String(incoming.headers['content-type'] ?? '').includes('json')) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				send(response, options.badJson ?? reply(400, { error: 'Body is not valid JSON' }));
				return;
			}
		}
		const request: RecordedRequest = {
			method: incoming.method ?? 'GET',
			path: url.pathname,
			query: parseQuery(url),
			headers: incoming.headers,
			body,
			rawBody,
			receivedAt: Date.now(),
		};
		const adminRoute = admin[`${request.method} ${request.path}`];
		if (adminRoute) {
			send(response, await adminRoute(body));
			return;
		}
		requests.push(request);
		const rule = faults.find((candidate) => matches(candidate, request));
		if (rule?.after) {
			rule.after--;
		} else if (rule) {
			rule.times = (rule.times ?? 1) - 1;
			if (rule.times <= 0) faults = faults.filter((candidate) => candidate !== rule);
			if (rule.fault.kind === 'reset') {
				incoming.socket.destroy();
				return;
			}
			if (rule.fault.kind === 'respond') {
				send(response, reply(rule.fault.status, rule.fault.body, rule.fault.headers), request);
				return;
			}
			if (rule.fault.kind === 'hang') return;
			if (rule.fault.kind === 'gather') {
				if (!(await gathered(rule.fault))) {
					send(response, reply(503, { error: 'gather: too few requests arrived' }), request);
					return;
				}
			} else {
				// n8n-workflow's sleep: a test on a virtual clock (test/engine/clock.ts) moves it too.
				await sleep(rule.fault.ms);
			}
		}
		send(response, await options.handle(request), request);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		...sandbox,
		url: `http://127.0.0.1:${port}`,
		port,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
