/** What every figure gets: the prepared n8n user folder, the sandboxes, and alternating headless runs. */
import type { N8nInstall } from '../n8n';
import type { ConnectSafelySandbox } from '../sandbox/connectsafely';
import type { RecordedRequest, SandboxServer } from '../sandbox/server';
import type { UnipileSandbox } from '../sandbox/unipile';
import type { UnipileV1Sandbox } from '../sandbox/unipileV1';
import type { MeasuredRun } from './headless';
import { measuredRun } from './headless';

export interface Sandboxes {
	/** Webhooks and attachments (v2). */
	unipile: UnipileSandbox;
	/** The send figures: one chat per sent item, reset after every run. */
	unipileSends: UnipileSandbox;
	/** 10,000 chats. */
	unipileBig: UnipileSandbox;
	/** 10,000 conversations. */
	connectSafelyBig: ConnectSafelySandbox;
	/** Attachment uploads. */
	connectSafely: ConnectSafelySandbox;
	v1: UnipileV1Sandbox;
}

export interface Bench {
	install: N8nInstall;
	userFolder: string;
	/** n8n env for headless runs (the files dir readable). */
	env: Record<string, string>;
	sandboxes: Sandboxes;
	/** Runs per median. */
	runs: number;
	/** With --profile: where CPU profiles go. */
	profileDir?: string;
	/** With --n8n-node-options: more Node.js options for every benched n8n process. */
	nodeOptions: string[];
}

/**
 * Headless runs of `ids`, alternating, `runs` rounds; `digest` keeps what a figure needs of each.
 * `env` is added to the bench's n8n env for these runs (e.g. a binary data mode).
 */
export async function rounds<T>(
	bench: Bench,
	ids: string[],
	runs: number,
	digest: (id: string, run: MeasuredRun) => T,
	env: Record<string, string> = {},
): Promise<Record<string, T[]>> {
	const results: Record<string, T[]> = Object.fromEntries(ids.map((id) => [id, []]));
	for (let round = 0; round < runs; round++) {
		for (const id of ids) {
			const run = await measuredRun(bench.userFolder, id, {
				install: bench.install,
				env: { ...bench.env, ...env },
				profileDir: bench.profileDir,
				nodeOptions: bench.nodeOptions,
			});
			results[id].push(digest(id, run));
		}
	}
	return results;
}

const isSend = (request: RecordedRequest) =>
	request.method === 'POST' &&
	/\/messages(\/send)?$|\/chats\/send$|\/upload-attachment$/.test(request.path);

/**
 * The sandbox's recorded requests since the last call, then the sandbox is reset to its seed (the
 * recorded requests hold bodies; chats and files it kept are dropped, so every run starts alike):
 * `sends` are the POSTs that send a message, start a chat or upload a file.
 */
export function takeRequests(sandbox: SandboxServer) {
	const requests = [...sandbox.requests];
	sandbox.reset();
	return { all: requests, sends: requests.filter(isSend) };
}
