/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: drives a real n8n, never shipped */
/**
 * A throwaway Redis for n8n's queue mode: `redis-server` from the OS (scripts/redis installs it),
 * started as our own child in its own process group on a free 127.0.0.1 port, without
 * persistence. The system service (if any) is never used or touched.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { repoRoot } from './install';
import { freePort, progress, spawnGroup, runBounded, tail, waitFor } from './process';

export interface StartRedisOptions {
	/** Port on 127.0.0.1 (default: a free one). */
	port?: number;
	/** The server binary (default `redis-server` from PATH, /usr/bin or /usr/sbin). */
	redisServer?: string;
	/** Working dir and log file location (default: a new temp dir, removed by `stop()`). */
	dir?: string;
	/** Bound for the first PING to be answered (default 10 s; usually well under 1 s). */
	readyTimeoutMs?: number;
}

export interface RedisServer {
	readonly host: '127.0.0.1';
	readonly port: number;
	/** PID of redis-server (also its process group id). */
	readonly pid: number;
	readonly logFile: string;
	/** Sends one inline command (e.g. `PING`, `DBSIZE`) and resolves with the first reply line. */
	command(line: string, timeoutMs?: number): Promise<string>;
	/** SIGTERM to its process group, SIGKILL after `graceMs` (default 5 s). Idempotent. */
	stop(graceMs?: number): Promise<void>;
}

/** The redis-server binary, or undefined if it is not installed (run scripts/redis). */
export function findRedisServer(): string | undefined {
	const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin'];
	for (const dir of dirs) {
		if (!dir) continue;
		const candidate = path.join(dir, 'redis-server');
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			continue;
		}
	}
	return undefined;
}

/**
 * Returns the redis-server binary, running scripts/redis first if it is missing (installs Debian's
 * redis-server with apt-get: root or sudo needed; bounded by `timeoutMs`, default 5 min).
 */
export async function ensureRedisInstalled(timeoutMs = 5 * 60 * 1000): Promise<string> {
	const found = findRedisServer();
	if (found) return found;
	const script = path.join(repoRoot(), 'scripts', 'redis');
	const result = await runBounded('bash', [script], { env: process.env, timeoutMs, echo: true });
	const installed = findRedisServer();
	if (result.code !== 0 || !installed) {
		throw new Error(
			`scripts/redis failed (${result.timedOut ? 'timeout' : `exit ${String(result.code ?? result.signal)}`}):\n${tail(result.output, 20)}`,
		);
	}
	return installed;
}

/** One inline command over a fresh connection; resolves with the first reply line. */
export async function redisCommand(port: number, line: string, timeoutMs = 2000): Promise<string> {
	return await new Promise<string>((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let buffer = '';
		const finish = (error?: Error, reply?: string) => {
			socket.destroy();
			if (error) reject(error);
			else resolve(reply ?? '');
		};
		socket.setTimeout(timeoutMs, () =>
			finish(new Error(`redis ${line}: no reply in ${timeoutMs} ms`)),
		);
		socket.once('error', (error) => finish(error));
		socket.once('connect', () => socket.write(`${line}\r\n`));
		socket.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			const end = buffer.indexOf('\r\n');
			if (end >= 0) finish(undefined, buffer.slice(0, end));
		});
	});
}

/**
 * Starts `redis-server --port <free> --bind 127.0.0.1 --save '' --appendonly no` (no daemonize)
 * and resolves once it answers PING. On failure it is stopped and the error holds its log tail.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
	const binary = options.redisServer ?? findRedisServer();
	if (!binary) throw new Error('redis-server is not installed: run scripts/redis first');
	const port = options.port ?? (await freePort());
	const ownDir = options.dir === undefined;
	const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-linkedin-redis-'));
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, `redis-${port}.log`);
	const redis = spawnGroup(
		binary,
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			dir,
		],
		{ cwd: dir, logFile },
	);
	const pid = redis.pid;
	const stop = async (graceMs = 5000): Promise<void> => {
		const how = await redis.stop(graceMs);
		if (!how) return;
		if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
		progress(`redis-server (pid ${pid}) stopped (${how})`);
	};

	const started = Date.now();
	const failure = await waitFor(
		`redis-server on 127.0.0.1:${port} to answer PING`,
		async () => (await redisCommand(port, 'PING', 1000)) === '+PONG',
		options.readyTimeoutMs ?? 10000,
		{
			intervalMs: 50,
			abortIf: () => {
				const exited = redis.exited();
				return exited ? `redis-server exited (${exited})` : undefined;
			},
		},
	).then(
		() => undefined,
		(error: unknown) => (error instanceof Error ? error.message : String(error)),
	);
	if (failure !== undefined) {
		const log = tail(logFile, 20, true);
		await stop(2000);
		throw new Error(`${failure}\n--- ${logFile}:\n${log}`);
	}
	progress(`redis-server (pid ${pid}) on 127.0.0.1:${port} ready after ${Date.now() - started} ms`);
	return {
		host: '127.0.0.1',
		port,
		pid,
		logFile,
		command: async (line, timeoutMs) => await redisCommand(port, line, timeoutMs),
		stop,
	};
}
