/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * n8n's CLI against one user folder: import credentials and workflows, publish, run a workflow
 * headlessly (`n8n execute --id`), export the loaded node types. Every call is a cold n8n boot
 * (about 4-5 s), bounded by a timeout; its output is appended to `<userFolder>/n8n-cli.log`.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { IDataObject, IRunData } from 'n8n-workflow';

import { n8nEnv, n8nProcessEnv } from './env';
import { n8nInstall, type N8nInstall } from './install';
import { freePort, runBounded, tail, type RunResult } from './process';
import type { CredentialJson, ExecutionResult, RunJson, WorkflowJson } from './types';

export interface CliOptions {
	/** Default: the install in `$N8N_HOME` (see install.ts). */
	install?: N8nInstall;
	/** Bound for the command (default 120 s). */
	timeoutMs?: number;
	/** Extra n8n env vars for this call. */
	env?: Record<string, string>;
}

export const CLI_LOG_NAME = 'n8n-cli.log';

export function cliLogFile(userFolder: string): string {
	return path.join(userFolder, CLI_LOG_NAME);
}

/**
 * Makes a fresh user folder (default: a new temp dir) seeded with the migrated template DB, so
 * n8n skips about 2 s of migrations on its first boot. Returns its absolute path.
 */
export function createUserFolder(options: { dir?: string; install?: N8nInstall } = {}): string {
	const install = options.install ?? n8nInstall();
	const dir = options.dir
		? path.resolve(options.dir)
		: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-linkedin-e2e-'));
	const dotN8n = path.join(dir, '.n8n');
	fs.mkdirSync(dotN8n, { recursive: true });
	if (!fs.existsSync(path.join(dotN8n, 'database.sqlite'))) {
		for (const f of fs.readdirSync(install.templateDotN8n)) {
			if (f.startsWith('database.sqlite')) {
				fs.copyFileSync(path.join(install.templateDotN8n, f), path.join(dotN8n, f));
			}
		}
	}
	return dir;
}

/** Runs `n8n <args>` for this user folder; the output is also appended to n8n-cli.log. */
export async function runN8nCli(
	userFolder: string,
	args: string[],
	options: CliOptions = {},
): Promise<RunResult & { logFile: string }> {
	const install = options.install ?? n8nInstall();
	const port = await freePort();
	const brokerPort = await freePort();
	const vars = n8nEnv(
		userFolder,
		port,
		{ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...options.env },
		install.version,
	);
	const logFile = cliLogFile(userFolder);
	const result = await runBounded(install.nodeBin, [install.n8nBin, ...args], {
		cwd: userFolder,
		env: n8nProcessEnv(vars, install.nodeBinDir),
		timeoutMs: options.timeoutMs,
		logFile,
	});
	return { ...result, logFile };
}

async function runOrThrow(
	userFolder: string,
	args: string[],
	options: CliOptions,
): Promise<RunResult> {
	const result = await runN8nCli(userFolder, args, options);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} failed (${result.timedOut ? 'timeout' : `exit ${String(result.code ?? result.signal)}`}); ` +
				`last output:\n${tail(result.output, 20)}\n(full log: ${result.logFile})`,
		);
	}
	return result;
}

/** Imports credentials (plain `data`, encrypted on import). The temp input file is deleted. */
export async function importCredentials(
	userFolder: string,
	credentials: CredentialJson[],
	options: CliOptions = {},
): Promise<void> {
	const file = path.join(userFolder, `credentials-${crypto.randomUUID()}.json`);
	fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
	try {
		await runOrThrow(userFolder, ['import:credentials', '--input', file], options);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random workflow id of 16 characters (`n8n execute --id` takes at most 21). */
export function randomWorkflowId(): string {
	return Array.from(crypto.randomBytes(16), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

/** The workflow with an id (at most 21 characters), a name, `active: false` and default settings. */
export function prepareWorkflow(
	workflow: WorkflowJson,
): WorkflowJson & { id: string; name: string } {
	const id = workflow.id && workflow.id.length <= 21 ? workflow.id : randomWorkflowId();
	return {
		...workflow,
		id,
		name: workflow.name ?? `e2e ${id}`,
		active: false,
		settings: workflow.settings ?? { executionOrder: 'v1' },
	};
}

/** Imports workflows (inactive) with one n8n boot and returns their ids, in order. */
export async function importWorkflows(
	userFolder: string,
	workflows: WorkflowJson[],
	options: CliOptions = {},
): Promise<string[]> {
	const prepared = workflows.map(prepareWorkflow);
	const file = path.join(userFolder, `workflows-${crypto.randomUUID()}.json`);
	fs.writeFileSync(file, JSON.stringify(prepared, null, 2));
	try {
		await runOrThrow(userFolder, ['import:workflow', '--input', file], options);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return prepared.map((w) => w.id);
}

/** Imports one workflow (inactive) and returns its id. */
export async function importWorkflow(
	userFolder: string,
	workflow: WorkflowJson,
	options: CliOptions = {},
): Promise<string> {
	const [id] = await importWorkflows(userFolder, [workflow], options);
	return id;
}

/**
 * Publishes (= activates, in n8n 2.x) a workflow offline. It takes effect at the next
 * `n8n start`; while n8n runs, use `N8nServer.activate()` instead.
 */
export async function publishWorkflow(
	userFolder: string,
	workflowId: string,
	options: CliOptions = {},
): Promise<void> {
	await runOrThrow(userFolder, ['publish:workflow', '--id', workflowId], options);
}

/**
 * Finds the IRun in `n8n execute` output. With N8N_LOG_FORMAT=json every line is a JSON log entry
 * and the result (successful or not) is the `message` of one of them; the last such run wins.
 */
export function extractRun(output: string): RunJson | undefined {
	let run: RunJson | undefined;
	for (const line of output.split('\n')) {
		if (!line.startsWith('{')) continue;
		let message: unknown;
		try {
			message = (JSON.parse(line) as { message?: unknown }).message;
		} catch {
			continue; // not a log entry (n8n also prints plain lines)
		}
		if (typeof message !== 'string' || !message.startsWith('{')) continue;
		try {
			const candidate = JSON.parse(message) as Partial<RunJson>;
			if (candidate?.data?.resultData && typeof candidate.status === 'string') {
				run = candidate as RunJson;
			}
		} catch {
			continue; // a log message that merely starts with "{"
		}
	}
	return run;
}

/**
 * Reads the newest execution from the user folder's SQLite database, for runs whose result line
 * is lost: `n8n execute` exits without waiting for its logger, so a run of several MB (a file held
 * in memory in binary mode `default`) may be printed cut short. n8n saves `cli` executions with
 * their data by default; the row is serialised with `flatted`, read here with n8n's own copy, by
 * n8n's Node 24 (`node:sqlite`).
 */
async function savedRun(userFolder: string, options: CliOptions): Promise<RunJson | undefined> {
	const install = options.install ?? n8nInstall();
	const out = path.join(userFolder, `run-${crypto.randomUUID()}.json`);
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const flatted = require(${JSON.stringify(path.join(install.home, 'node_modules', 'flatted'))});
		const db = new DatabaseSync(process.argv[1]);
		const row = db.prepare(
			'SELECT e.status AS status, d.data AS data FROM execution_entity e ' +
			'JOIN execution_data d ON d.executionId = e.id ORDER BY e.id DESC LIMIT 1').get();
		require('node:fs').writeFileSync(process.argv[2], row
			? JSON.stringify({ status: row.status, data: flatted.parse(row.data) }) : 'null');`;
	try {
		const read = await runBounded(
			install.nodeBin,
			['-e', script, path.join(userFolder, '.n8n', 'database.sqlite'), out],
			{ cwd: userFolder, env: {}, timeoutMs: 60000 },
		);
		if (read.code !== 0 || !fs.existsSync(out)) return undefined;
		return (JSON.parse(fs.readFileSync(out, 'utf8')) as RunJson | null) ?? undefined;
	} finally {
		fs.rmSync(out, { force: true });
	}
}

/**
 * Runs an imported workflow headlessly (`n8n execute --id`). Its start node must be a Manual
 * Trigger (or Execute Workflow Trigger). Resolves for successful and failed runs alike (check
 * `status` / `error`); throws only if n8n printed no run at all (bad id, package not loaded...).
 */
export async function executeWorkflow(
	userFolder: string,
	workflowId: string,
	options: CliOptions = {},
): Promise<ExecutionResult> {
	const result = await runN8nCli(userFolder, ['execute', '--id', workflowId], options);
	const run =
		extractRun(result.output) ??
		(/Execution was (NOT )?successful/.test(result.output)
			? await savedRun(userFolder, options)
			: undefined);
	if (!run) {
		throw new Error(
			`n8n execute --id=${workflowId} printed no execution result (${result.timedOut ? 'timeout' : `exit ${String(result.code ?? result.signal)}`}); ` +
				`last output:\n${tail(result.output, 20)}\n(full log: ${result.logFile})`,
		);
	}
	return {
		status: run.status,
		runData: run.data.resultData.runData,
		error: run.data.resultData.error,
		run,
		logFile: result.logFile,
		durationMs: result.durationMs,
	};
}

/** The items (their `json`) of a node's first run on `output`. */
export function outputOf(runData: IRunData, name: string, output = 0): IDataObject[] {
	return (runData[name]?.[0]?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** Imports the credentials (if any) and the workflow, then executes it: three n8n boots. */
export async function runWorkflow(
	userFolder: string,
	workflow: WorkflowJson,
	credentials: CredentialJson[] = [],
	options: CliOptions = {},
): Promise<ExecutionResult & { workflowId: string }> {
	if (credentials.length) await importCredentials(userFolder, credentials, options);
	const workflowId = await importWorkflow(userFolder, workflow, options);
	return { ...(await executeWorkflow(userFolder, workflowId, options)), workflowId };
}

/** Names of every node type this user folder's n8n loads (`n8n export:nodes`), e.g. to check a package loaded. */
export async function exportNodeTypes(
	userFolder: string,
	options: CliOptions = {},
): Promise<string[]> {
	const file = path.join(userFolder, `nodes-${crypto.randomUUID()}.json`);
	try {
		await runOrThrow(userFolder, ['export:nodes', '--output', file], options);
		const list = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ name: string }>;
		return list.map((n) => n.name);
	} finally {
		fs.rmSync(file, { force: true });
	}
}
