/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev tooling: drives a real n8n, never shipped */
/**
 * Process helpers for driving n8n: bounded child processes in their own process group, free
 * loopback ports, polling with a deadline. Only process groups started here are ever signalled.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export const sleep = async (ms: number): Promise<void> =>
	await new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `promise` settles or after `ms`, whichever comes first; leaves no timer behind. */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<void>((resolve) => {
		timer = setTimeout(resolve, ms);
	});
	await Promise.race([
		promise.then(
			() => undefined,
			() => undefined,
		),
		timeout,
	]);
	clearTimeout(timer);
}

/** Progress line on stderr (tests and tools must not use console). */
export function progress(message: string): void {
	process.stderr.write(`[n8n-tools ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A TCP port that is free on 127.0.0.1 right now (small race window, fine for tests). */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
		});
	});
}

export interface WaitOptions {
	/** Poll interval (default 250 ms). */
	intervalMs?: number;
	/** Checked before each poll: a non-empty string stops the wait at once with that reason. */
	abortIf?: () => string | undefined;
}

/**
 * Polls `check` until it returns a value other than `undefined`/`false`, or throws after
 * `timeoutMs`. Errors thrown by `check` count as "not yet" (the last one is reported).
 */
export async function waitFor<T>(
	label: string,
	check: () => Promise<T | undefined | false> | T | undefined | false,
	timeoutMs: number,
	options: WaitOptions = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError = '';
	for (;;) {
		const abortReason = options.abortIf?.();
		if (abortReason) throw new Error(`gave up waiting for ${label}: ${abortReason}`);
		try {
			const value = await check();
			if (value !== undefined && value !== false) return value;
		} catch (error) {
			lastError = error instanceof Error ? error.message : String(error);
		}
		if (Date.now() >= deadline) {
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${label}${lastError ? ` (last error: ${lastError})` : ''}`,
			);
		}
		await sleep(options.intervalMs ?? 250);
	}
}

/** True while the process group `pgid` (a group we created) still has members. */
export function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Signals a group we started; a group that is already gone (ESRCH) is fine. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	let failure: NodeJS.ErrnoException | undefined;
	try {
		process.kill(-pgid, signal);
	} catch (error) {
		failure = error as NodeJS.ErrnoException;
	}
	if (failure && failure.code !== 'ESRCH') {
		throw new Error(`could not send ${signal} to process group ${pgid}: ${failure.message}`);
	}
}

/**
 * Stops a process group that this module started (its leader's PID == the group id): SIGTERM,
 * wait up to `graceMs` for every member to exit, then SIGKILL the group.
 */
export async function stopGroup(pgid: number, graceMs = 20000): Promise<'exited' | 'killed'> {
	if (!groupAlive(pgid)) return 'exited';
	signalGroup(pgid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline) {
		if (!groupAlive(pgid)) return 'exited';
		await sleep(100);
	}
	signalGroup(pgid, 'SIGKILL');
	await waitFor('process group to die after SIGKILL', () => !groupAlive(pgid), 5000, {
		intervalMs: 50,
	});
	return 'killed';
}

/** Groups started by this process that are still running; killed if the test process exits. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
export function trackGroup(pgid: number): void {
	liveGroups.add(pgid);
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => {
		for (const group of liveGroups) signalGroup(group, 'SIGKILL');
	});
}
export function untrackGroup(pgid: number): void {
	liveGroups.delete(pgid);
}

/** Runs a child as another user (root only), e.g. PostgreSQL, which refuses to run as root. */
export interface RunAs {
	uid?: number;
	gid?: number;
}

/** A long-running child in its own tracked process group (see `spawnGroup`). */
export interface GroupProcess {
	/** PID of the command (also its process group id). */
	readonly pid: number;
	/** Why it is gone (`exit 1`, `spawn error ...`), or undefined while it runs. */
	exited(): string | undefined;
	/** `stopGroup`, then untracks it; undefined if it was stopped before. */
	stop(graceMs: number): Promise<'exited' | 'killed' | undefined>;
}

/**
 * Starts `command` detached in its own process group (tracked until stopped), stdout and stderr
 * appended to `logFile`. `name` is for the error if it does not start.
 */
export function spawnGroup(
	name: string,
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string } & RunAs,
): GroupProcess {
	const logFd = fs.openSync(options.logFile, 'a');
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		uid: options.uid,
		gid: options.gid,
		detached: true,
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	const pid = child.pid;
	if (pid === undefined) throw new Error(`could not start ${name}`);
	trackGroup(pid);
	let exited: string | undefined;
	const exit = new Promise<void>((resolve) => {
		child.once('exit', (code, signal) => {
			exited = `exit ${String(code ?? signal)}`;
			resolve();
		});
		child.once('error', (error) => {
			exited = `spawn error ${error.message}`;
			resolve();
		});
	});
	let stopped = false;
	return {
		pid,
		exited: () => exited,
		async stop(graceMs) {
			if (stopped) return undefined;
			stopped = true;
			const how = await stopGroup(pid, graceMs);
			await settleWithin(exit, 2000);
			untrackGroup(pid);
			return how;
		},
	};
}

export interface RunResult {
	/** Exit code, or null if killed by a signal. */
	code: number | null;
	signal: NodeJS.Signals | null;
	/** stdout and stderr interleaved as they arrived. */
	output: string;
	timedOut: boolean;
	durationMs: number;
}

export interface RunOptions extends RunAs {
	cwd?: string;
	env: NodeJS.ProcessEnv;
	/** Kill the process group after this long (default 120 s). */
	timeoutMs?: number;
	/** Also append the output to this file. */
	logFile?: string;
	/** Also copy the output to our stderr as it arrives (long installs). */
	echo?: boolean;
}

/**
 * Runs a command in its own process group, bounded by `timeoutMs`; on timeout the whole group
 * (the command and e.g. n8n's task runner) is stopped. Any group member left behind after the
 * command exits is killed too (it can only be a child of the command).
 */
export async function runBounded(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<RunResult> {
	const started = Date.now();
	const timeoutMs = options.timeoutMs ?? 120000;
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		uid: options.uid,
		gid: options.gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`could not start ${command}`);
	trackGroup(pid);
	const chunks: Buffer[] = [];
	const collect = (chunk: Buffer) => {
		chunks.push(chunk);
		if (options.echo) process.stderr.write(chunk);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void stopGroup(pid, 5000);
	}, timeoutMs);
	const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
		(resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
		},
	).finally(() => clearTimeout(timer));
	// anything left in the group (n8n's task runner) is a child of the command: stop it too, so it
	// neither lingers nor keeps the output pipes open
	if (groupAlive(pid)) await stopGroup(pid, 5000);
	await settleWithin(closed, 5000);
	untrackGroup(pid);
	const output = Buffer.concat(chunks).toString('utf8');
	if (options.logFile) {
		fs.appendFileSync(
			options.logFile,
			`\n===== ${[command, ...args].join(' ')} -> ${timedOut ? 'TIMEOUT' : (signal ?? code)} in ${Date.now() - started} ms\n${output}`,
		);
	}
	return { code, signal, output, timedOut, durationMs: Date.now() - started };
}

/** The last `lines` lines of a text (or of a file, if it exists). */
export function tail(textOrFile: string, lines = 30, isFile = false): string {
	let text = textOrFile;
	if (isFile) {
		if (!fs.existsSync(textOrFile)) return '';
		text = fs.readFileSync(textOrFile, 'utf8');
	}
	return text.split('\n').slice(-lines).join('\n');
}
