/** What every figure gets: the prepared n8n user folder, the sandboxes, and alternating headless runs. */
import type { N8nInstall } from '../n8n';
import type { ConnectSafelySandbox } from '../sandbox/connectsafely';
import type { UnipileSandbox } from '../sandbox/unipile';
import type { UnipileV1Sandbox } from '../sandbox/unipileV1';
import type { MeasuredRun } from './headless';
import { measuredRun } from './headless';

export interface Sandboxes {
	unipile: UnipileSandbox;
	/** 10,000 chats. */
	unipileBig: UnipileSandbox;
	/** 10,000 conversations. */
	connectSafelyBig: ConnectSafelySandbox;
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
}

/** Headless runs of `ids`, alternating, `runs` rounds; `digest` keeps what a figure needs of each. */
export async function rounds<T>(
	bench: Bench,
	ids: string[],
	runs: number,
	digest: (id: string, run: MeasuredRun) => T,
): Promise<Record<string, T[]>> {
	const results: Record<string, T[]> = Object.fromEntries(ids.map((id) => [id, []]));
	for (let round = 0; round < runs; round++) {
		for (const id of ids) {
			const run = await measuredRun(bench.userFolder, id, {
				install: bench.install,
				env: bench.env,
				profileDir: bench.profileDir,
			});
			results[id].push(digest(id, run));
		}
	}
	return results;
}

/** The Unipile sandbox's recorded sends since the last call, then forgotten (they hold bodies). */
export function takeSends(sandbox: UnipileSandbox | UnipileV1Sandbox) {
	const sends = sandbox.requests.filter(
		(request) => request.method === 'POST' && /\/messages(\/send)?$/.test(request.path),
	);
	sandbox.requests.length = 0;
	return sends;
}
