/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * Installs a built community-node package into an n8n user folder exactly where n8n's own
 * community-package installer puts it: `<userFolder>/.n8n/nodes/node_modules/<name>`. n8n 2.x
 * scans `n8n-nodes-*` / `@scope/n8n-nodes-*` there at every start (no DB row needed) and names the
 * node types `<package name>.<node name>`, as for a user's install.
 *
 * The files are copied, never symlinked: through a symlink, `require('n8n-workflow')` would
 * resolve to this repo's devDependency instead of n8n's own copy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface PackageJson {
	name: string;
	version?: string;
	files?: string[];
	dependencies?: Record<string, string>;
	n8n?: { n8nNodesApiVersion?: number; nodes?: string[]; credentials?: string[] };
}

export interface InstalledPackage {
	name: string;
	/** Where it was copied to. */
	dir: string;
	/** `package.json` `n8n.nodes` / `n8n.credentials` (paths relative to the package). */
	nodes: string[];
	credentials: string[];
}

export function readPackageJson(packageDir: string): PackageJson {
	return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as PackageJson;
}

/** The directory n8n loads community packages from. */
export function communityNodesDir(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes', 'node_modules');
}

/**
 * Copies `package.json`, the `files` entries (default `dist`), README/LICENSE and any runtime
 * `dependencies` (from the package's node_modules) into the user folder. Throws if the name would
 * make n8n skip the package or a file listed under `n8n` is not built: n8n 2.41.1 then logs
 * `Failed to load package` and loads none of the package's nodes.
 */
export function installPackage(userFolder: string, packageDir: string): InstalledPackage {
	const src = path.resolve(packageDir);
	const pj = readPackageJson(src);
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(pj.name)) {
		throw new Error(
			`package name "${pj.name}" must match n8n-nodes-* or @scope/n8n-nodes-*, or n8n skips it`,
		);
	}
	const nodes = pj.n8n?.nodes ?? [];
	const credentials = pj.n8n?.credentials ?? [];
	if (!pj.n8n) throw new Error(`${src}/package.json has no "n8n" section`);
	const missing = [...nodes, ...credentials].filter((f) => !fs.existsSync(path.join(src, f)));
	if (missing.length) {
		throw new Error(`not built (run "npm run build"): ${missing.join(', ')} missing in ${src}`);
	}
	const dest = path.join(communityNodesDir(userFolder), pj.name);
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	const entries = new Set(['package.json', ...(pj.files ?? ['dist'])]);
	for (const f of fs.readdirSync(src)) if (/^(readme|license)/i.test(f)) entries.add(f);
	for (const entry of entries) {
		const from = path.join(src, entry);
		if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, entry), { recursive: true });
	}
	for (const dep of Object.keys(pj.dependencies ?? {})) {
		const from = path.join(src, 'node_modules', dep);
		if (!fs.existsSync(from))
			throw new Error(`runtime dependency ${dep} is not in ${src}/node_modules`);
		fs.cpSync(from, path.join(dest, 'node_modules', dep), { recursive: true, dereference: true });
	}
	return { name: pj.name, dir: dest, nodes, credentials };
}
