/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: drives a real n8n, never shipped */
/**
 * A throwaway PostgreSQL for n8n's queue mode: the OS's server binaries (scripts/postgres installs
 * them), a cluster of our own made by initdb in a new temp dir, started as our own child in its
 * own process group on a free 127.0.0.1 port, with a database and a login role for n8n. PostgreSQL
 * refuses to run as root, so as root the cluster belongs to the `postgres` user that Debian's
 * package creates. The system's clusters (if any) are never used or touched.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { repoRoot } from './install';
import {
	freePort,
	groupAlive,
	progress,
	runBounded,
	spawnGroup,
	tail,
	waitFor,
	type RunAs,
} from './process';

export interface StartPostgresOptions {
	/** Port on 127.0.0.1 (default: a free one). */
	port?: number;
	/** Directory holding initdb, postgres and psql (default: what scripts/postgres finds). */
	binDir?: string;
	/** Bound for the server to answer a query (default 30 s; usually under 1 s). */
	readyTimeoutMs?: number;
}

export interface PostgresServer {
	readonly host: '127.0.0.1';
	readonly port: number;
	/** PID of the postmaster (also its process group id). */
	readonly pid: number;
	/** The database made for n8n, owned by `user`. */
	readonly database: string;
	/** The login role n8n connects as (not a superuser). */
	readonly user: string;
	readonly logFile: string;
	/** n8n's variables for this database: DB_TYPE=postgresdb and DB_POSTGRESDB_*. */
	n8nEnv(): Record<string, string>;
	/**
	 * Runs SQL as the superuser in `database` (default `postgres`) over the cluster's own socket;
	 * resolves with psql's unaligned output (`|` between columns, one row a line).
	 */
	query(sql: string, options?: { database?: string; timeoutMs?: number }): Promise<string>;
	/**
	 * Fast shutdown (SIGINT to the postmaster's PID), SIGKILL to its process group if it has not
	 * exited after `graceMs` (default 10 s); then removes the cluster's directory. Idempotent.
	 */
	stop(graceMs?: number): Promise<void>;
}

const N8N_DATABASE = 'n8n';
const N8N_ROLE = 'n8n';
const SUPERUSER = 'postgres';
/** The n8n role's password: a throwaway cluster on 127.0.0.1 only, so it protects nothing else. */
export const E2E_POSTGRES_PASSWORD = 'n8n-linkedin e2e db, not a secret';

/**
 * The directory holding initdb, postgres and psql (>= 13), running scripts/postgres (which
 * installs Debian's postgresql with apt-get if they are missing: root or sudo needed), bounded by
 * `timeoutMs` (default 5 min).
 */
export async function ensurePostgresInstalled(timeoutMs = 5 * 60 * 1000): Promise<string> {
	const script = path.join(repoRoot(), 'scripts', 'postgres');
	const result = await runBounded('bash', [script], { env: process.env, timeoutMs, echo: true });
	// its stdout is the bin directory; its progress lines (on stderr) are interleaved with it
	const binDir = result.output
		.split('\n')
		.map((line) => line.trim())
		.find((line) => line.startsWith('/') && fs.existsSync(path.join(line, 'postgres')));
	if (result.code !== 0 || !binDir) {
		throw new Error(
			`scripts/postgres failed (${result.timedOut ? 'timeout' : `exit ${String(result.code ?? result.signal)}`}):\n${tail(result.output, 20)}`,
		);
	}
	return binDir;
}

/** The `postgres` user's uid and gid when we are root (PostgreSQL refuses root), else nothing. */
function serverUser(): RunAs {
	if (process.getuid?.() !== 0) return {};
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${SUPERUSER}:`));
	const [, , uid, gid] = line?.split(':') ?? [];
	if (!uid || !gid) {
		throw new Error(
			`PostgreSQL does not run as root and there is no "${SUPERUSER}" user: run scripts/postgres`,
		);
	}
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * initdb into a new temp dir, then `postgres -D <dir>/data` on 127.0.0.1 (its socket in that dir,
 * fsync off: a test cluster), resolves once it answers a query and the n8n role and database
 * exist. On failure it is stopped and the error holds its log tail.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
	const binDir = options.binDir ?? (await ensurePostgresInstalled());
	const runAs = serverUser();
	const port = options.port ?? (await freePort());
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-linkedin-postgres-'));
	if (runAs.uid !== undefined && runAs.gid !== undefined) fs.chownSync(dir, runAs.uid, runAs.gid);
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');

	const initdb = await runBounded(
		path.join(binDir, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			SUPERUSER,
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'--encoding=UTF8',
			'--no-locale',
			'--no-sync',
		],
		{ cwd: dir, env: process.env, timeoutMs: 60000, ...runAs },
	);
	if (initdb.code !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed (exit ${String(initdb.code)}):\n${tail(initdb.output, 20)}`);
	}

	const server = spawnGroup(
		'postgres',
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`port=${port}`,
			'-c',
			`unix_socket_directories=${dir}`,
			'-c',
			'fsync=off',
			'-c',
			'full_page_writes=off',
		],
		{ cwd: dir, env: process.env, logFile, ...runAs },
	);
	const { pid } = server;

	const query = async (
		sql: string,
		{ database = 'postgres', timeoutMs = 10000 }: { database?: string; timeoutMs?: number } = {},
	): Promise<string> => {
		const result = await runBounded(
			path.join(binDir, 'psql'),
			[
				'-h',
				dir,
				'-p',
				String(port),
				'-U',
				SUPERUSER,
				'-d',
				database,
				'-XAtq',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			],
			{ cwd: dir, env: process.env, timeoutMs },
		);
		if (result.code !== 0) throw new Error(`psql: ${tail(result.output, 5).trim()}`);
		return result.output.trim();
	};

	let stopping: Promise<void> | undefined;
	const stop = async (graceMs = 10000): Promise<void> => {
		stopping ??= (async () => {
			let how = 'exited';
			if (groupAlive(pid)) {
				// SIGINT: fast shutdown (disconnects clients, then a clean stop)
				try {
					process.kill(pid, 'SIGINT');
				} catch {
					// gone already
				}
				const exited = await waitFor('postgres to shut down', () => !groupAlive(pid), graceMs, {
					intervalMs: 50,
				}).then(
					() => true,
					() => false,
				);
				if (!exited) how = 'killed';
			}
			await server.stop(2000);
			fs.rmSync(dir, { recursive: true, force: true });
			progress(`postgres (pid ${pid}) stopped (${how})`);
		})();
		await stopping;
	};

	const started = Date.now();
	const failure = await waitFor(
		`postgres on 127.0.0.1:${port} to answer`,
		async () => (await query('SELECT 1', { timeoutMs: 2000 })) === '1',
		options.readyTimeoutMs ?? 30000,
		{
			intervalMs: 100,
			abortIf: () => {
				const exited = server.exited();
				return exited ? `postgres exited (${exited})` : undefined;
			},
		},
	)
		.then(async () => {
			await query(`CREATE ROLE ${N8N_ROLE} LOGIN PASSWORD '${E2E_POSTGRES_PASSWORD}'`);
			await query(`CREATE DATABASE ${N8N_DATABASE} OWNER ${N8N_ROLE}`);
		})
		.then(
			() => undefined,
			(error: unknown) => (error instanceof Error ? error.message : String(error)),
		);
	if (failure !== undefined) {
		const log = tail(logFile, 20, true);
		await stop(2000);
		throw new Error(`${failure}\n--- ${logFile}:\n${log}`);
	}
	progress(`postgres (pid ${pid}) on 127.0.0.1:${port} ready after ${Date.now() - started} ms`);
	return {
		host: '127.0.0.1',
		port,
		pid,
		database: N8N_DATABASE,
		user: N8N_ROLE,
		logFile,
		n8nEnv: () => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: N8N_DATABASE,
			DB_POSTGRESDB_USER: N8N_ROLE,
			DB_POSTGRESDB_PASSWORD: E2E_POSTGRES_PASSWORD,
			DB_POSTGRESDB_SCHEMA: 'public',
		}),
		query,
		stop,
	};
}
