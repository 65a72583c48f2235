/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * n8n in queue mode on one machine: main (`n8n start`), N workers (`n8n worker`) and one webhook
 * process (`n8n webhook`), all on 127.0.0.1 with ports of their own, sharing one user folder
 * (community packages), one encryption key, one Redis (tools/n8n/redis.ts) and one database:
 * pass PostgreSQL's variables in `env` (`startPostgres().n8nEnv()`, tools/n8n/postgres.ts), as
 * n8n's queue-mode docs require; without them every process uses the user folder's SQLite file,
 * which n8n only warns about.
 *
 * URLs: every process gets N8N_WEBHOOK_URL = the webhook process, so the production webhook URLs
 * n8n shows and hands to triggers (e.g. the URL a trigger registers with a third party in its
 * `create`, which runs on main at activation) point at the webhook process; main stays the
 * editor/API (N8N_EDITOR_BASE_URL) and, by default, serves no production webhooks
 * (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true), as n8n's queue-mode docs recommend. Main registers
 * the webhooks in the shared DB at activation; the webhook process looks them up there, runs the
 * trigger's `webhook()`, and enqueues the execution in Redis; a worker runs it.
 */
import * as path from 'node:path';

import { n8nEnv } from './env';
import { n8nInstall, type N8nInstall } from './install';
import { freePort, waitFor } from './process';
import {
	callWebhook,
	startN8n,
	startN8nProcess,
	webhookUrlOf,
	type CallWebhookInit,
	type N8nProcess,
	type N8nServer,
	type WebhookResponse,
} from './server';

export const QUEUE_LOG_NAMES = {
	main: 'n8n-main.log',
	/** `n8n-worker-1.log`, `n8n-worker-2.log`, ... */
	worker: (index: number) => `n8n-worker-${index + 1}.log`,
	webhook: 'n8n-webhook.log',
} as const;

export interface StartQueueModeOptions {
	/** Shared by every process (install the package and import workflows first). */
	userFolder: string;
	install?: N8nInstall;
	/** Redis on 127.0.0.1 (`startRedis()`). */
	redisPort: number;
	/** How many `n8n worker` processes (default 1). */
	workers?: number;
	/** Jobs each worker runs at once (default 5, n8n's recommended minimum). */
	concurrency?: number;
	/**
	 * Let main serve production webhooks too (default false: N8N_DISABLE_PRODUCTION_MAIN_PROCESS,
	 * so `/webhook/*` only answers on the webhook process).
	 */
	mainServesProductionWebhooks?: boolean;
	/**
	 * N8N_LOG_LEVEL of every process (default `debug`: only at debug level does n8n log
	 * "Loaded all credentials and nodes from <package>", see `loadedPackages`).
	 */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Extra n8n env vars for every process, e.g. the database's (`PostgresServer.n8nEnv()`). */
	env?: Record<string, string>;
	/** Bound for each process's readiness (default 60 s). */
	readyTimeoutMs?: number;
}

/** A "Worker started/finished execution <id> (job <job>)" line of the worker's log. */
export interface WorkerExecution {
	executionId: string;
	jobId: string;
	workflowId: string | undefined;
	/** Undefined until the worker logged "Worker finished execution". */
	success: boolean | undefined;
}

export interface QueueWorker extends N8nProcess {
	/** 0 for the first worker, 1 for the second, ... */
	readonly index: number;
	/** Its health server: `http://127.0.0.1:<QUEUE_HEALTH_CHECK_PORT>`. */
	readonly healthUrl: string;
	/** Executions this worker picked up, from its log (one entry per execution id). */
	executions(): WorkerExecution[];
}

export interface QueueWebhook extends N8nProcess {
	/** `http://127.0.0.1:<port>` (also N8N_WEBHOOK_URL of every process). */
	readonly url: string;
	readonly port: number;
	/** `<url>/webhook/<path>` */
	webhookUrl(webhookPath: string): string;
	/** POSTs (by default) to the webhook process; retries while 404 (see `callWebhook`). */
	callWebhook(webhookPath: string, init?: CallWebhookInit): Promise<WebhookResponse>;
	/** Execution ids this process enqueued ("Enqueued execution <id> (job <job>)"). */
	enqueuedExecutions(): Array<{ executionId: string; jobId: string }>;
}

export interface QueueMode {
	/** `n8n start`: REST/public API client (activate, executions, node types...). */
	main: N8nServer;
	workers: QueueWorker[];
	webhook: QueueWebhook;
	userFolder: string;
	/** The worker that logged it picked up `executionId`, if any has. */
	workerOf(executionId: string): QueueWorker | undefined;
	/**
	 * Waits (default 30 s) until a worker logged that it finished `executionId`; resolves with that
	 * worker and its entry.
	 */
	waitForExecution(
		executionId: string,
		timeoutMs?: number,
	): Promise<{ worker: QueueWorker; execution: WorkerExecution }>;
	/** Stops the webhook process and the workers, then main. Idempotent. */
	stop(): Promise<void>;
}

const PACKAGE_LOADED = /^Loaded all credentials and nodes from (.+)$/;

/**
 * Packages a process loaded, from its debug log line "Loaded all credentials and nodes from
 * <package>" (n8n-core's package loader; needs N8N_LOG_LEVEL=debug).
 */
export function loadedPackages(proc: Pick<N8nProcess, 'logEntries'>): string[] {
	const names = new Set<string>();
	for (const entry of proc.logEntries()) {
		const match = PACKAGE_LOADED.exec(entry.message);
		if (match) names.add(match[1]);
	}
	return [...names];
}

/** Execution ids (with job ids) whose log line in `proc` matches `<verb> execution <id> (job <job>)`. */
function executionLines(
	proc: Pick<N8nProcess, 'logEntries'>,
	verb: RegExp,
): Array<{ executionId: string; jobId: string; metadata: Record<string, unknown> }> {
	const lines = [];
	const pattern = new RegExp(`^${verb.source} execution (\\S+) \\(job (\\S+)\\)$`);
	for (const entry of proc.logEntries()) {
		const match = pattern.exec(entry.message);
		if (match)
			lines.push({ executionId: match[1], jobId: match[2], metadata: entry.metadata ?? {} });
	}
	return lines;
}

/** The worker's view of its executions (started and finished lines merged by execution id). */
export function workerExecutions(proc: Pick<N8nProcess, 'logEntries'>): WorkerExecution[] {
	const byId = new Map<string, WorkerExecution>();
	for (const line of executionLines(proc, /Worker started/)) {
		const workflowId = line.metadata.workflowId;
		byId.set(line.executionId, {
			executionId: line.executionId,
			jobId: line.jobId,
			workflowId: workflowId === undefined ? undefined : String(workflowId),
			success: undefined,
		});
	}
	for (const line of executionLines(proc, /Worker finished/)) {
		const known = byId.get(line.executionId);
		const success = line.metadata.success === true;
		if (known) known.success = success;
		else {
			const workflowId = line.metadata.workflowId;
			byId.set(line.executionId, {
				executionId: line.executionId,
				jobId: line.jobId,
				workflowId: workflowId === undefined ? undefined : String(workflowId),
				success,
			});
		}
	}
	return [...byId.values()];
}

/**
 * Starts main, then the workers and the webhook process (in parallel), each bounded by its
 * readiness check: main `/healthz/readiness` plus owner login and API key (startN8n), each
 * worker's health server `/healthz/readiness`, the webhook process's `/healthz/readiness`. If any
 * fails, everything started here is stopped and the error holds that process's log tail.
 */
export async function startQueueMode(options: StartQueueModeOptions): Promise<QueueMode> {
	const install = options.install ?? n8nInstall();
	const userFolder = path.resolve(options.userFolder);
	const workerCount = options.workers ?? 1;
	const [mainPort, webhookPort, webhookBroker] = await Promise.all([
		freePort(),
		freePort(),
		freePort(),
	]);
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	const shared: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(options.redisPort),
		N8N_WEBHOOK_URL: `${webhookUrl}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
		N8N_LOG_LEVEL: options.logLevel ?? 'debug',
		...options.env,
	};
	const processEnv = (port: number, extra: Record<string, string>) =>
		n8nEnv(userFolder, port, { ...shared, ...extra }, install.version);

	const main = await startN8n({
		userFolder,
		install,
		port: mainPort,
		logName: QUEUE_LOG_NAMES.main,
		readyTimeoutMs: options.readyTimeoutMs,
		env: {
			...shared,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: String(!options.mainServesProductionWebhooks),
		},
	});

	const startWorker = async (index: number): Promise<QueueWorker> => {
		const [healthPort, brokerPort] = await Promise.all([freePort(), freePort()]);
		const healthUrl = `http://127.0.0.1:${healthPort}`;
		const proc = await startN8nProcess({
			install,
			userFolder,
			label: `n8n worker ${index + 1}`,
			args: ['worker', `--concurrency=${options.concurrency ?? 5}`],
			// N8N_PORT stays main's (a worker listens only on its health port)
			vars: processEnv(mainPort, {
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			}),
			logFile: path.join(userFolder, QUEUE_LOG_NAMES.worker(index)),
			readinessUrl: `${healthUrl}/healthz/readiness`,
			readyTimeoutMs: options.readyTimeoutMs,
		});
		return {
			...proc,
			index,
			healthUrl,
			executions: () => workerExecutions(proc),
		};
	};
	const [workerStarts, webhookStart] = await Promise.all([
		Promise.allSettled(Array.from({ length: workerCount }, async (_, i) => await startWorker(i))),
		Promise.allSettled([
			startN8nProcess({
				install,
				userFolder,
				args: ['webhook'],
				vars: processEnv(webhookPort, { N8N_RUNNERS_BROKER_PORT: String(webhookBroker) }),
				logFile: path.join(userFolder, QUEUE_LOG_NAMES.webhook),
				readinessUrl: `${webhookUrl}/healthz/readiness`,
				readyTimeoutMs: options.readyTimeoutMs,
			}),
		]),
	]);
	const workers = workerStarts.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
	const [webhookProc] = webhookStart.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
	if (workers.length < workerCount || !webhookProc) {
		const started: N8nProcess[] = [...workers, ...(webhookProc ? [webhookProc] : [])];
		await Promise.allSettled([...started.map(async (p) => await p.stop(5000)), main.stop(5000)]);
		const reasons = [...workerStarts, ...webhookStart].flatMap((r) =>
			r.status === 'rejected'
				? [r.reason instanceof Error ? r.reason.message : String(r.reason)]
				: [],
		);
		throw new Error(`queue mode did not start:\n${reasons.join('\n')}`);
	}

	const webhook: QueueWebhook = {
		...webhookProc,
		url: webhookUrl,
		port: webhookPort,
		webhookUrl: (webhookPath) => webhookUrlOf(webhookUrl, webhookPath),
		async callWebhook(webhookPath, init) {
			return await callWebhook(webhookUrl, webhookPath, init, { abortIf: webhookProc.exitReason });
		},
		enqueuedExecutions: () =>
			executionLines(webhookProc, /Enqueued/).map(({ executionId, jobId }) => ({
				executionId,
				jobId,
			})),
	};

	let stopping: Promise<void> | undefined;
	const stop = async (): Promise<void> => {
		stopping ??= (async () => {
			await Promise.allSettled([webhookProc.stop(), ...workers.map(async (w) => await w.stop())]);
			await main.stop();
		})();
		await stopping;
	};
	const workerOf = (executionId: string) =>
		workers.find((w) => w.executions().some((e) => e.executionId === executionId));
	return {
		main,
		workers,
		webhook,
		userFolder,
		workerOf,
		async waitForExecution(executionId, timeoutMs = 30000) {
			return await waitFor(
				`a worker to finish execution ${executionId}`,
				() => {
					for (const worker of workers) {
						const execution = worker
							.executions()
							.find((e) => e.executionId === executionId && e.success !== undefined);
						if (execution) return { worker, execution };
					}
					return undefined;
				},
				timeoutMs,
				{ abortIf: () => workers.map((w) => w.exitReason()).find(Boolean) },
			);
		},
		stop,
	};
}
