/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * n8n processes on 127.0.0.1 for one user folder. `startN8nProcess` is the one starter of every
 * long-running n8n command (`start`, `worker`, `webhook`: own process group, log file, bounded
 * readiness wait); `startN8n` runs `n8n start` with it and drives it over HTTP: owner login, an
 * API key for the public API, activation, webhook calls, executions, credential tests, node types.
 * Works with n8n 2.x and 1.x (1.123.x): the owner is set up over REST on 1.x, and activation is
 * synchronous there (2.x goes through a publication outbox). `stop()` signals only our groups.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { E2E_OWNER, n8nEnv, n8nProcessEnv } from './env';
import { n8nInstall, type N8nInstall } from './install';
import { freePort, groupAlive, progress, spawnGroup, tail, waitFor } from './process';
import type { ApiExecution, CredentialTestResult, NodeTypeInfo, WorkflowJson } from './types';
import { prepareWorkflow } from './cli';

export const SERVER_LOG_NAME = 'n8n-server.log';

export interface StartN8nOptions {
	userFolder: string;
	/** HTTP port on 127.0.0.1 (default: a free one). */
	port?: number;
	install?: N8nInstall;
	/** Extra n8n env vars. */
	env?: Record<string, string>;
	/** Bound for `/healthz/readiness` to answer 200 (default 60 s; usually 10-14 s). */
	readyTimeoutMs?: number;
	/** Bound for each HTTP request to n8n (default 30 s). */
	requestTimeoutMs?: number;
	/** Log file name inside the user folder (default `n8n-server.log`). */
	logName?: string;
}

/** One line of n8n's log with N8N_LOG_FORMAT=json. */
export interface N8nLogEntry {
	level: string;
	message: string;
	metadata?: Record<string, unknown>;
}

/** The JSON lines of an n8n log file (other lines, e.g. the banner, are skipped). */
export function readLogEntries(logFile: string): N8nLogEntry[] {
	if (!fs.existsSync(logFile)) return [];
	const entries: N8nLogEntry[] = [];
	for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			const entry = JSON.parse(line) as Partial<N8nLogEntry>;
			if (typeof entry.message === 'string' && typeof entry.level === 'string') {
				entries.push(entry as N8nLogEntry);
			}
		} catch {
			continue; // not a log entry
		}
	}
	return entries;
}

export interface StartN8nProcessOptions {
	install: N8nInstall;
	userFolder: string;
	/** Arguments after the n8n CLI script, e.g. `['start']`, `['worker', '--concurrency=5']`. */
	args: string[];
	/** The n8n variables (`n8nEnv(...)`); the inherited env is cleaned by `n8nProcessEnv`. */
	vars: Record<string, string>;
	/** Appended to; n8n's stdout and stderr. */
	logFile: string;
	/** A URL that answers 2xx once the process is ready, e.g. `<url>/healthz/readiness`. */
	readinessUrl: string;
	/** Bound for the readiness wait (default 60 s). */
	readyTimeoutMs?: number;
	/** Its name in progress lines and errors (default `n8n <first arg>`, e.g. `n8n worker`). */
	label?: string;
}

/** A running n8n command (`n8n start`, `n8n worker`, `n8n webhook`) in its own process group. */
export interface N8nProcess {
	/** e.g. `n8n worker`. */
	readonly label: string;
	/** PID of the n8n command (also its process group id). */
	readonly pid: number;
	readonly logFile: string;
	/** Why it is gone (`exit 1`, ...), or undefined while it runs. */
	exitReason(): string | undefined;
	/** The last lines of the log file, for failure messages. */
	logTail(lines?: number): string;
	/** Its log's JSON lines (N8N_LOG_FORMAT=json). */
	logEntries(): N8nLogEntry[];
	/** SIGTERM to its process group, SIGKILL after `graceMs` (default 20 s). Idempotent. */
	stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node n8n <args>` for a user folder in its own process group, its output appended to
 * `logFile`, and resolves once `readinessUrl` answers 2xx (bounded). On failure the process is
 * stopped and the error holds the log tail.
 */
export async function startN8nProcess(options: StartN8nProcessOptions): Promise<N8nProcess> {
	const { install, logFile } = options;
	const label = options.label ?? `n8n ${options.args[0] ?? ''}`.trim();
	const child = spawnGroup(
		`${label} (${install.n8nBin})`,
		install.nodeBin,
		[install.n8nBin, ...options.args],
		{
			cwd: options.userFolder,
			env: n8nProcessEnv(options.vars, install.nodeBinDir),
			logFile,
		},
	);
	const { pid } = child;
	const started = Date.now();
	progress(`${label} (pid ${pid}, n8n ${install.version}), log ${logFile}`);

	const handle: N8nProcess = {
		label,
		pid,
		logFile,
		exitReason: () => {
			const exited = child.exited();
			return exited ? `${label} exited (${exited})` : undefined;
		},
		logTail: (lines = 40) => tail(logFile, lines, true),
		logEntries: () => readLogEntries(logFile),
		async stop(graceMs = 20000) {
			const how = await child.stop(graceMs);
			if (how) progress(`${label} (pid ${pid}) stopped (${how})`);
		},
	};
	const failure = await waitFor(
		`${label} ${options.readinessUrl}`,
		async () => {
			const res = await fetch(options.readinessUrl, { signal: AbortSignal.timeout(2000) });
			return res.ok;
		},
		options.readyTimeoutMs ?? 60000,
		{ abortIf: handle.exitReason },
	).then(
		() => handle.exitReason(),
		(error: unknown) => (error instanceof Error ? error.message : String(error)),
	);
	if (failure === undefined) {
		progress(`${label} ready after ${Date.now() - started} ms`);
		return handle;
	}
	await handle.stop(5000);
	throw new Error(
		`${label} did not become ready: ${failure}\n--- last lines of ${logFile}:\n${handle.logTail(30)}`,
	);
}

/** A non-2xx answer from n8n. */
export class N8nHttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${url}: HTTP ${status} ${body.slice(0, 500)}`);
		this.name = 'N8nHttpError';
	}
}

export interface ApiClient {
	/** JSON request; resolves with the parsed body, throws N8nHttpError on a non-2xx status. */
	request<T>(method: string, apiPath: string, body?: unknown): Promise<T>;
	get<T>(apiPath: string): Promise<T>;
	post<T>(apiPath: string, body?: unknown): Promise<T>;
}

/** The public API (`/api/v1`, `X-N8N-API-KEY`) with an owner API key holding every scope. */
export interface PublicApi extends ApiClient {
	readonly apiKey: string;
}

export interface WebhookResponse {
	status: number;
	body: string;
	headers: Record<string, string>;
}

export interface ListExecutionsOptions {
	workflowId?: string;
	includeData?: boolean;
	status?: 'error' | 'success' | 'waiting' | 'running' | 'canceled' | 'crashed' | 'new';
	/** Default 100 (the API's maximum is 250). */
	limit?: number;
}

export interface CallWebhookInit {
	method?: string;
	/** Sent as JSON unless it is a string. */
	body?: unknown;
	headers?: Record<string, string>;
	/** How long to retry while the answer is 404 (not registered yet); default 10 s. */
	timeoutMs?: number;
}

/**
 * Calls `<webhookBase>/webhook/<path>` (a production webhook of n8n start or of `n8n webhook`);
 * retries while the answer is 404 (not registered yet) for up to `init.timeoutMs` (default 10 s).
 * `abortIf` stops the retries at once (e.g. the n8n process exited).
 */
export async function callWebhook(
	webhookBase: string,
	webhookPath: string,
	init: CallWebhookInit = {},
	options: { requestTimeoutMs?: number; abortIf?: () => string | undefined } = {},
): Promise<WebhookResponse> {
	const target = webhookUrlOf(webhookBase, webhookPath);
	const method = init.method ?? 'POST';
	const body =
		init.body === undefined || typeof init.body === 'string'
			? init.body
			: JSON.stringify(init.body);
	const headers: Record<string, string> = {
		...(init.body !== undefined && typeof init.body !== 'string'
			? { 'content-type': 'application/json' }
			: {}),
		...init.headers,
	};
	return await waitFor(
		`webhook ${method} ${target} to be registered`,
		async () => {
			const res = await fetch(target, {
				method,
				headers,
				body,
				signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30000),
			});
			const text = await readBody(res);
			if (res.status === 404) throw new Error(`HTTP 404 ${text.slice(0, 200)}`);
			return { status: res.status, body: text, headers: Object.fromEntries(res.headers.entries()) };
		},
		init.timeoutMs ?? 10000,
		{ abortIf: options.abortIf },
	);
}

/** `<webhookBase>/webhook/<path>` (webhookBase with or without a trailing slash). */
export function webhookUrlOf(webhookBase: string, webhookPath: string): string {
	return `${webhookBase.replace(/\/+$/, '')}/webhook/${webhookPath.replace(/^\/+/, '')}`;
}

/**
 * State of a workflow's publication (n8n 2.x activates workflows through an outbox). On 1.x,
 * where activation is synchronous, it is derived from the workflow's `active` flag
 * (`published` / `not_published`, no triggers).
 */
export interface PublicationStatus {
	status: 'not_published' | 'in_progress' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface N8nServer {
	/** `http://127.0.0.1:<port>` */
	readonly url: string;
	readonly port: number;
	/** The n8n version running (`N8nInstall.version`). */
	readonly version: string;
	/** PID of `n8n start` (also its process group id). */
	readonly pid: number;
	readonly userFolder: string;
	/** n8n's stdout/stderr (JSON log lines). */
	readonly logFile: string;
	/** The `n8n start` process (log entries, exit reason). */
	readonly process: N8nProcess;
	readonly api: PublicApi;
	/** The editor's REST API (`/rest`, owner session cookie); resolves with the `data` field. */
	readonly rest: ApiClient;
	/**
	 * Production URL of a webhook path: `<webhook URL>/webhook/<path>`, where the webhook URL is
	 * N8N_WEBHOOK_URL (this server's url unless set; in queue mode the `n8n webhook` process).
	 */
	webhookUrl(webhookPath: string): string;
	/**
	 * Calls a production webhook (at `webhookUrl(path)`); retries while the answer is 404 (not
	 * registered yet) for up to `timeoutMs` (default 10 s). The body is sent as JSON unless it is a
	 * string.
	 */
	callWebhook(webhookPath: string, init?: CallWebhookInit): Promise<WebhookResponse>;
	/**
	 * Activates (publishes) a workflow through the public API and waits (default 30 s) until n8n's
	 * publication outbox has activated its triggers (webhooks registered, trigger `create` run).
	 * Throws with the triggers' error messages if publishing failed. On 1.x the API call itself
	 * activates the triggers (and fails if they fail).
	 */
	activate(workflowId: string, timeoutMs?: number): Promise<PublicationStatus>;
	/**
	 * Waits until a workflow published before `startN8n` (`publishWorkflow`) or by `activate` is
	 * live; n8n applies publications through an outbox shortly after it is ready.
	 */
	waitForPublished(workflowId: string, timeoutMs?: number): Promise<PublicationStatus>;
	/** Deactivates it and waits until its triggers are torn down (status `not_published`). */
	deactivate(workflowId: string, timeoutMs?: number): Promise<PublicationStatus>;
	/**
	 * `GET /rest/workflows/{id}/publication-status` (n8n 2.x publication outbox); on 1.x derived
	 * from the workflow's `active` flag.
	 */
	publicationStatus(workflowId: string): Promise<PublicationStatus>;
	/** Creates a workflow through the public API and returns the id n8n gave it. */
	importWorkflowViaApi(workflow: WorkflowJson): Promise<string>;
	listExecutions(options?: ListExecutionsOptions): Promise<ApiExecution[]>;
	getExecution(executionId: string, includeData?: boolean): Promise<ApiExecution>;
	/**
	 * Waits until the workflow has at least `count` finished executions (any final status) and
	 * returns them with their data, oldest first. Default bound 30 s.
	 */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<ApiExecution[]>;
	/** Waits until the workflow has at least `count` finished executions, counted without data. */
	waitForExecutionCount(workflowId: string, count: number, timeoutMs?: number): Promise<number>;
	/** Runs the credential type's `test` request through n8n (`POST /api/v1/credentials/{id}/test`). */
	testCredential(credentialId: string): Promise<CredentialTestResult>;
	/** Every node type n8n loaded (`GET /types/nodes.json`, as the editor reads it). */
	listNodeTypes(): Promise<NodeTypeInfo[]>;
	/** Every credential type n8n loaded (`GET /types/credentials.json`). */
	listCredentialTypes(): Promise<Array<{ name: string; displayName: string }>>;
	/** The last lines of the log file, for failure messages. */
	logTail(lines?: number): string;
	/** SIGTERM to n8n's process group, SIGKILL after `graceMs` (default 20 s). Idempotent. */
	stop(graceMs?: number): Promise<void>;
}

const FINAL_STATUSES = new Set(['success', 'error', 'canceled', 'crashed']);

async function readBody(res: Response): Promise<string> {
	return await res.text();
}

/**
 * Starts `n8n start` for `userFolder` (install the package and import workflows first; the CLI
 * helpers must not run against the same folder while the server is up). Resolves once n8n is
 * ready and the owner is logged in with an API key; on failure n8n is stopped and the error holds
 * the log tail.
 */
export async function startN8n(options: StartN8nOptions): Promise<N8nServer> {
	const install = options.install ?? n8nInstall();
	const v1 = install.major === 1;
	const userFolder = path.resolve(options.userFolder);
	const port = options.port ?? (await freePort());
	const brokerPort = await freePort();
	const requestTimeoutMs = options.requestTimeoutMs ?? 30000;
	const url = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, options.logName ?? SERVER_LOG_NAME);
	const vars = n8nEnv(
		userFolder,
		port,
		{ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...options.env },
		install.version,
	);
	const webhookBase = vars.N8N_WEBHOOK_URL || url;

	const proc = await startN8nProcess({
		install,
		userFolder,
		args: ['start'],
		vars,
		logFile,
		readinessUrl: `${url}/healthz/readiness`,
		readyTimeoutMs: options.readyTimeoutMs,
	});
	const n8nGone = proc.exitReason;

	const fetchText = async (
		method: string,
		target: string,
		headers: Record<string, string>,
		body?: unknown,
	): Promise<{ res: Response; text: string }> => {
		const res = await fetch(target, {
			method,
			headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(requestTimeoutMs),
		});
		const text = await readBody(res);
		if (!res.ok) throw new N8nHttpError(method, target, res.status, text);
		return { res, text };
	};

	/**
	 * Owner session cookie: 2.x creates the owner from N8N_INSTANCE_OWNER_*; 1.x has no such env,
	 * so the owner is set up over REST on the first start of a user folder (which also logs in).
	 */
	const ownerSession = async (browserId: string): Promise<Response> => {
		const password = E2E_OWNER.loginSecret;
		// 1.x answers /healthz/readiness before it has mounted its REST API (404 until then)
		const settings = await waitFor(
			'n8n REST API (/rest/settings)',
			async () => {
				const { text } = await fetchText('GET', `${url}/rest/settings`, {
					'browser-id': browserId,
				});
				return JSON.parse(text) as {
					data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
				};
			},
			options.readyTimeoutMs ?? 60000,
			{ abortIf: n8nGone },
		);
		if (v1) {
			if (settings.data?.userManagement?.showSetupOnFirstLoad) {
				const { email, firstName, lastName } = E2E_OWNER;
				const setup = await fetchText(
					'POST',
					`${url}/rest/owner/setup`,
					{ 'browser-id': browserId },
					{ email, firstName, lastName, password },
				);
				return setup.res;
			}
		}
		const login = await fetchText(
			'POST',
			`${url}/rest/login`,
			{ 'browser-id': browserId },
			{ emailOrLdapLoginId: E2E_OWNER.email, password },
		);
		return login.res;
	};

	const connect = async (): Promise<N8nServer> => {
		// cookie requests need browser-id
		const browserId = `e2e-${proc.pid}`;
		const cookie = (await ownerSession(browserId)).headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		if (!cookie) throw new Error('owner login/setup set no session cookie');
		const sessionHeaders = { cookie, 'browser-id': browserId };

		const makeClient = (
			base: string,
			headers: Record<string, string>,
			unwrapData: boolean,
		): ApiClient => {
			const request = async <T>(method: string, apiPath: string, body?: unknown): Promise<T> => {
				const { text } = await fetchText(method, `${base}${apiPath}`, headers, body);
				if (!text) return undefined as T;
				const parsed = JSON.parse(text) as { data?: unknown };
				return (unwrapData ? parsed.data : parsed) as T;
			};
			return {
				request,
				get: async <T>(apiPath: string) => await request<T>('GET', apiPath),
				post: async <T>(apiPath: string, body?: unknown) => await request<T>('POST', apiPath, body),
			};
		};
		const rest = makeClient(`${url}/rest`, sessionHeaders, true);

		const scopes = await rest.get<string[]>('/api-keys/scopes');
		const key = await rest.post<{ rawApiKey: string }>('/api-keys', {
			label: `e2e-${Date.now()}`,
			expiresAt: null,
			scopes,
		});
		const apiKey = key.rawApiKey;
		const api: PublicApi = {
			...makeClient(`${url}/api/v1`, { 'X-N8N-API-KEY': apiKey }, false),
			apiKey,
		};

		const listExecutions = async (opts: ListExecutionsOptions = {}): Promise<ApiExecution[]> => {
			const query = new URLSearchParams({ limit: String(opts.limit ?? 100) });
			if (opts.workflowId) query.set('workflowId', opts.workflowId);
			if (opts.includeData) query.set('includeData', 'true');
			if (opts.status) query.set('status', opts.status);
			const page = await api.get<{ data: ApiExecution[] }>(`/executions?${query.toString()}`);
			return page.data.map((e) => ({ ...e, id: String(e.id), workflowId: String(e.workflowId) }));
		};

		/** Finished executions of a workflow, paging through all of them (250 per page). */
		const countFinished = async (workflowId: string): Promise<number> => {
			let count = 0;
			let cursor: string | undefined;
			do {
				const query = new URLSearchParams({ workflowId, limit: '250' });
				if (cursor) query.set('cursor', cursor);
				const page = await api.get<{ data: ApiExecution[]; nextCursor?: string | null }>(
					`/executions?${query.toString()}`,
				);
				count += page.data.filter((e) => FINAL_STATUSES.has(e.status)).length;
				cursor = page.nextCursor ?? undefined;
			} while (cursor);
			return count;
		};

		const publicationStatus = async (workflowId: string): Promise<PublicationStatus> => {
			if (!v1) {
				return await rest.get<PublicationStatus>(
					`/workflows/${encodeURIComponent(workflowId)}/publication-status`,
				);
			}
			// 1.x: no outbox; `active` is set once the triggers are activated
			const workflow = await api.get<{ active: boolean; versionId?: string | null }>(
				`/workflows/${encodeURIComponent(workflowId)}`,
			);
			return {
				status: workflow.active ? 'published' : 'not_published',
				liveVersionId: workflow.active ? (workflow.versionId ?? null) : null,
				pendingVersionId: null,
				triggers: [],
			};
		};
		const waitForPublication = async (
			workflowId: string,
			done: (status: PublicationStatus) => boolean,
			timeoutMs: number,
		): Promise<PublicationStatus> =>
			await waitFor(
				`publication of workflow ${workflowId} to settle`,
				async () => {
					const status = await publicationStatus(workflowId);
					return done(status) ? status : undefined;
				},
				timeoutMs,
				{ intervalMs: 100, abortIf: n8nGone },
			);

		const waitForPublished = async (
			workflowId: string,
			timeoutMs = 30000,
		): Promise<PublicationStatus> => {
			const status = await waitForPublication(
				workflowId,
				// 1.x: poll until active (a workflow activated at startup becomes active once n8n did it)
				(st) => (v1 ? st.status === 'published' : st.status !== 'in_progress'),
				timeoutMs,
			);
			if (status.status === 'published') return status;
			const reasons = status.triggers
				.filter((t) => t.errorMessage)
				.map((t) => `${t.nodeId}: ${t.errorMessage}`)
				.join('; ');
			throw new Error(
				`workflow ${workflowId} is not published: ${status.status}${reasons ? ` (${reasons})` : ''}`,
			);
		};

		const server: N8nServer = {
			url,
			port,
			version: install.version,
			pid: proc.pid,
			userFolder,
			logFile,
			process: proc,
			api,
			rest,
			webhookUrl: (webhookPath) => webhookUrlOf(webhookBase, webhookPath),
			async callWebhook(webhookPath, init = {}) {
				return await callWebhook(webhookBase, webhookPath, init, {
					requestTimeoutMs,
					abortIf: n8nGone,
				});
			},
			async activate(workflowId, timeoutMs = 30000) {
				await api.post(`/workflows/${encodeURIComponent(workflowId)}/activate`);
				return await waitForPublished(workflowId, timeoutMs);
			},
			waitForPublished,
			async deactivate(workflowId, timeoutMs = 30000) {
				await api.post(`/workflows/${encodeURIComponent(workflowId)}/deactivate`);
				return await waitForPublication(workflowId, (s) => s.status === 'not_published', timeoutMs);
			},
			publicationStatus,
			async importWorkflowViaApi(workflow) {
				const { name, nodes, connections, settings } = prepareWorkflow(workflow);
				const created = await api.post<{ id: string }>('/workflows', {
					name,
					nodes,
					connections,
					settings,
				});
				return String(created.id);
			},
			listExecutions,
			async getExecution(executionId, includeData = true) {
				const e = await api.get<ApiExecution>(
					`/executions/${encodeURIComponent(executionId)}?includeData=${String(includeData)}`,
				);
				return { ...e, id: String(e.id), workflowId: String(e.workflowId) };
			},
			async waitForExecutions(workflowId, count, timeoutMs = 30000) {
				return await waitFor(
					`${count} finished execution(s) of workflow ${workflowId}`,
					async () => {
						const all = await listExecutions({ workflowId, includeData: true, limit: 250 });
						const done = all.filter((e) => FINAL_STATUSES.has(e.status));
						return done.length >= count
							? done.sort((a, b) => Number(a.id) - Number(b.id))
							: undefined;
					},
					timeoutMs,
					{ abortIf: n8nGone },
				);
			},
			async waitForExecutionCount(workflowId, count, timeoutMs = 30000) {
				return await waitFor(
					`${count} finished execution(s) of workflow ${workflowId}`,
					async () => {
						const done = await countFinished(workflowId);
						return done >= count ? done : undefined;
					},
					timeoutMs,
					{ intervalMs: 1000, abortIf: n8nGone },
				);
			},
			async testCredential(credentialId) {
				return await api.post<CredentialTestResult>(
					`/credentials/${encodeURIComponent(credentialId)}/test`,
				);
			},
			async listNodeTypes() {
				const { text } = await fetchText('GET', `${url}/types/nodes.json`, sessionHeaders);
				return JSON.parse(text) as NodeTypeInfo[];
			},
			async listCredentialTypes() {
				const { text } = await fetchText('GET', `${url}/types/credentials.json`, sessionHeaders);
				return JSON.parse(text) as Array<{ name: string; displayName: string }>;
			},
			logTail: proc.logTail,
			stop: proc.stop,
		};
		return server;
	};

	const outcome = await connect().then(
		(server) => ({ server, failure: undefined }),
		(failure: unknown) => ({ server: undefined, failure }),
	);
	if (outcome.server) {
		return outcome.server;
	}
	const message =
		outcome.failure instanceof Error ? outcome.failure.message : String(outcome.failure);
	await proc.stop(5000);
	throw new Error(
		`n8n start failed: ${message}\n--- last lines of ${logFile}:\n${proc.logTail(30)}`,
	);
}

/** True while the n8n started as `server` is still running. */
export function isRunning(server: Pick<N8nServer, 'pid'>): boolean {
	return groupAlive(server.pid);
}
