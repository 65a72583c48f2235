/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: reads CPU profiles of a benched n8n, never shipped */
/**
 * Reads a V8 CPU profile (`--cpu-prof`, written by `npm run bench -- --profile`) of an n8n process
 * and says where the time went: self time per area (our package, the floor, n8n's declarative
 * engine, its expression engine, the database, the HTTP client, GC...), the functions with the
 * most self time, and the inclusive time of named functions.
 *
 *   scripts/node24 .tools-build/tools/bench/profile.js <file.cpuprofile> [functionName ...]
 */
import * as fs from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	/** CLOCK_MONOTONIC in µs, like `process.hrtime` in any process of the machine. */
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** A time window in CLOCK_MONOTONIC µs (`process.hrtime.bigint() / 1000n`). */
export interface Window {
	fromUs: number;
	toUs: number;
}

/** Areas, first match wins (by script URL, or by V8's pseudo-function name). */
const AREAS: Array<[string, RegExp]> = [
	['ours (n8n-nodes-linkedin-messaging)', /n8n-nodes-linkedin-messaging/],
	['bench floor package', /n8n-nodes-bench-floor/],
	['n8n RoutingNode (declarative engine)', /n8n-core\/dist\/execution-engine\/routing-node/],
	[
		'n8n expressions (data proxy, evaluator, isolates)',
		/n8n-workflow\/dist\/cjs\/(expression|workflow-data-proxy|extensions|workflow-expression)|@n8n\/expression-runtime|@n8n\/tournament|isolated-vm|luxon/,
	],
	['database (TypeORM, sqlite)', /typeorm|sqlite3|@n8n\/db\//],
	['n8n static data', /workflow-static-data/],
	[
		'HTTP client (axios, follow-redirects, node:http)',
		/axios|follow-redirects|node:_http|node:http|node:net|undici/,
	],
	['n8n-core execution engine', /n8n-core\/dist/],
	['n8n-workflow (other)', /n8n-workflow\/dist/],
	[
		'n8n cli (webhooks, executions, logging)',
		/node_modules\/n8n\/dist|winston|@n8n\/backend-common/,
	],
	['express / body parsing', /express|body-parser|raw-body|router/],
	['zod', /node_modules\/zod\//],
	['node internals', /^node:/],
];

interface ProfileSummary {
	totalMs: number;
	areas: Array<{ area: string; ms: number }>;
	top: Array<{ fn: string; ms: number }>;
	inclusive: Array<{ fn: string; ms: number }>;
}

function areaOf(node: ProfileNode): string {
	const { functionName, url } = node.callFrame;
	if (!url) {
		if (functionName === '(garbage collector)') return 'GC';
		if (functionName === '(idle)') return 'idle';
		if (functionName === '(program)') return 'V8/native (program)';
		return `native: ${functionName || '(anonymous)'}`;
	}
	for (const [area, pattern] of AREAS) if (pattern.test(url)) return area;
	return 'other JS';
}

const shortUrl = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');

/**
 * Summarises a profile, or only its samples inside `window`; `inclusiveOf` are function names whose
 * inclusive time is wanted.
 */
export function summarize(
	file: string,
	inclusiveOf: string[] = [],
	window?: Window,
): ProfileSummary {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map<number, number>();
	let at = profile.startTime;
	profile.samples.forEach((id, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		at += delta;
		if (window && (at < window.fromUs || at > window.toUs)) return;
		self.set(id, (self.get(id) ?? 0) + delta / 1000);
	});
	const areas = new Map<string, number>();
	const functions = new Map<string, number>();
	let totalMs = 0;
	for (const [id, ms] of self) {
		const node = byId.get(id);
		if (!node) continue;
		totalMs += ms;
		const area = areaOf(node);
		areas.set(area, (areas.get(area) ?? 0) + ms);
		const name = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
		functions.set(name, (functions.get(name) ?? 0) + ms);
	}
	// Inclusive time: a matching frame's subtree, not counted again under a matching ancestor.
	const parents = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	const inclusive = inclusiveOf.map((fn) => {
		let ms = 0;
		for (const [id, own] of self) {
			for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
				if (byId.get(at)?.callFrame.functionName === fn) {
					ms += own;
					break;
				}
			}
		}
		return { fn, ms };
	});
	const sorted = (map: Map<string, number>) =>
		[...map.entries()].sort((a, b) => b[1] - a[1]).map(([key, ms]) => ({ key, ms }));
	return {
		totalMs,
		areas: sorted(areas).map(({ key, ms }) => ({ area: key, ms })),
		top: sorted(functions)
			.slice(0, 15)
			.map(({ key, ms }) => ({ fn: key, ms })),
		inclusive,
	};
}

/** The summary as text, areas with their share of the non-idle time. */
export function formatSummary(title: string, summary: ProfileSummary): string {
	const idle = summary.areas.find((entry) => entry.area === 'idle')?.ms ?? 0;
	const busy = summary.totalMs - idle;
	const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1)}%`;
	const lines = [`${title}: ${busy.toFixed(0)} ms busy (${idle.toFixed(0)} ms idle)`, '  areas:'];
	for (const { area, ms } of summary.areas) {
		if (area !== 'idle' && ms >= busy / 200)
			lines.push(`    ${pct(ms).padStart(6)} ${ms.toFixed(0).padStart(6)} ms  ${area}`);
	}
	lines.push('  top self time:');
	for (const { fn, ms } of summary.top) lines.push(`    ${ms.toFixed(0).padStart(6)} ms  ${fn}`);
	if (summary.inclusive.length) lines.push('  inclusive:');
	for (const { fn, ms } of summary.inclusive)
		lines.push(`    ${pct(ms).padStart(6)} ${ms.toFixed(0).padStart(6)} ms  ${fn}`);
	return lines.join('\n');
}

if (require.main === module) {
	const [file, ...names] = process.argv.slice(2);
	if (!file) {
		process.stderr.write('usage: profile.js <file.cpuprofile> [functionName ...]\n');
		process.exit(2);
	}
	process.stdout.write(`${formatSummary(file, summarize(file, names))}\n`);
}
