/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: preloaded into the benched n8n process, never shipped */
/**
 * Preloaded into a benched n8n process (`NODE_OPTIONS=--require <this file>`, set by the bench)
 * when `BENCH_PROBE_OUT` names a file. Acts only in the n8n CLI process itself (`n8n execute`,
 * `n8n start`), not in the task runner it starts with the same environment. It records:
 *
 * - `hwmKb`: the process's high-water mark of resident memory (`VmHWM` of /proc/self/status), read
 *   at exit. The kernel keeps it as a running maximum, so nothing the process did can be missed.
 * - `nodes`: per node name, its RSS and `VmHWM` when it started and `VmHWM` when it finished, and
 *   when it ran (n8n-core's `WorkflowExecute.runNode` wrapped), so a peak or a CPU profile sample
 *   can be placed inside or outside the node. With `BENCH_PROBE_SAMPLE_MS`, also what held the
 *   memory: `process.memoryUsage()` when the node started and at its highest sampled RSS (V8 heap
 *   against Buffers), sampled every that many ms while it runs; and `peakUsage`, the sample of the
 *   whole process with the highest RSS.
 * - `finalizedHwmKb`: `VmHWM` when n8n finalized the execution, after saving it and before
 *   `n8n execute` prints it, so a peak after the last node can be placed in one or the other.
 * - `expressions`: how many times each expression was evaluated (n8n-workflow's
 *   `Expression.renderExpression` wrapped; every `={{ }}` evaluation goes through it).
 * - `staticData`: calls of n8n's `WorkflowStaticDataService.saveStaticData` (after each webhook
 *   call), how many found the static data changed, and actual writes (`saveStaticDataById`, from
 *   webhook calls and from the end of executions).
 * - `executionIds`: the executions n8n finalized (`ActiveExecutions.finalizeExecution`), so the bench
 *   reads a headless run's result from the execution n8n saved (tools/bench/executions.ts).
 * - `counters`: finished executions (`ActiveExecutions.finalizeExecution`), expression isolates
 *   acquired (`Expression.acquireIsolate`, one fresh isolated-vm isolate each in n8n 2.41.1),
 *   credential decryptions (`CredentialsHelper.getDecrypted`), static-data writes
 *   (`saveStaticDataById`) and processed-data checks (`DeduplicationHelper.checkProcessedAndRecord`,
 *   a read and a write of n8n's `processed_data` table). With `BENCH_PROBE_COUNTERS` naming a
 *   directory, each event also appends one byte to the file of its name there, so the bench can
 *   read them while n8n runs (and wait for executions) without asking n8n's API, which would load
 *   the process it measures.
 *
 * Classes are patched when n8n first loads them (`Module._load` wrapped), so this file needs no path
 * into the n8n install. The result is written as JSON to `BENCH_PROBE_OUT` at exit.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
type Method = (this: unknown, ...args: unknown[]) => unknown;
type Prototype = Record<string, Method>;

/** The parts of `process.memoryUsage()` that say what holds memory, in KB. */
export interface Usage {
	rssKb: number;
	/** V8's heap as committed (the young generation grows under a high allocation rate). */
	heapTotalKb: number;
	heapUsedKb: number;
	/** Buffers and other ArrayBuffers outside V8's heap. */
	arrayBuffersKb: number;
}

interface NodeMark {
	/** With sampling: usage when the node started and at its highest sampled RSS. */
	usageStart?: Usage;
	usagePeak?: Usage;
	rssStartKb: number;
	hwmStartKb: number;
	hwmEndKb: number;
	/** CLOCK_MONOTONIC in µs (the clock of V8's CPU profiles and of `process.hrtime`). */
	startUs: number;
	endUs: number;
}

export interface ProbeResult {
	pid: number;
	hwmKb: number;
	/** VmHWM when the (last) execution was finalized; 0 before one was. */
	finalizedHwmKb: number;
	/** With sampling: the process's sample with the highest RSS. */
	peakUsage?: Usage;
	nodes: Record<string, NodeMark>;
	expressions: Record<string, number>;
	staticData: { saveCalls: number; changed: number; writes: number };
	counters: Record<Counter, number>;
	executionIds: string[];
	patched: string[];
}

export const COUNTERS = [
	'executions',
	'isolates',
	'credentials',
	'staticDataWrites',
	'processedDataChecks',
] as const;
export type Counter = (typeof COUNTERS)[number];

/** The diagnostic switch's file name in the counters dir (see `skipDbWrites`). */
export const SKIP_DB_WRITES = 'skip-db-writes';

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

function statusKb(field: 'VmHWM' | 'VmRSS'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(
		fs.readFileSync('/proc/self/status', 'utf8'),
	);
	return match ? Number(match[1]) : 0;
}

function usage(): Usage {
	const { rss, heapTotal, heapUsed, arrayBuffers } = process.memoryUsage();
	return {
		rssKb: Math.round(rss / 1024),
		heapTotalKb: Math.round(heapTotal / 1024),
		heapUsedKb: Math.round(heapUsed / 1024),
		arrayBuffersKb: Math.round(arrayBuffers / 1024),
	};
}

function install(out: string, countersDir: string | undefined, sampleMs: number) {
	const result: ProbeResult = {
		pid: process.pid,
		hwmKb: 0,
		finalizedHwmKb: 0,
		nodes: {},
		expressions: {},
		staticData: { saveCalls: 0, changed: 0, writes: 0 },
		counters: Object.fromEntries(COUNTERS.map((name) => [name, 0])) as Record<Counter, number>,
		executionIds: [],
		patched: [],
	};
	const expressions = new Map<string, number>();
	/** Nodes running now, with their highest sampled usage (sampling only). */
	const running = new Map<string, { start: Usage; peak: Usage }>();
	if (sampleMs > 0) {
		setInterval(() => {
			const now = usage();
			if (now.rssKb > (result.peakUsage?.rssKb ?? 0)) result.peakUsage = now;
			for (const entry of running.values()) if (now.rssKb > entry.peak.rssKb) entry.peak = now;
		}, sampleMs).unref();
	}
	/**
	 * Diagnostic switch (a file `skip-db-writes` in the counters dir): while it exists, static-data
	 * writes and processed-data checks are skipped, to measure what they cost a trigger.
	 */
	const skipDbWrites = () =>
		countersDir !== undefined && fs.existsSync(path.join(countersDir, SKIP_DB_WRITES));
	const bump = (counter: Counter) => {
		result.counters[counter]++;
		if (countersDir) fs.appendFileSync(path.join(countersDir, counter), '.');
	};

	/** Wraps `prototype[method]` of the class exported as `className`, once. */
	const patches: Array<{
		className: string;
		method: string;
		wrap: (original: Method) => Method;
	}> = [
		{
			className: 'Expression',
			method: 'renderExpression',
			wrap: (original) =>
				function (this: unknown, ...args: unknown[]) {
					const expression = String(args[0]);
					expressions.set(expression, (expressions.get(expression) ?? 0) + 1);
					return original.apply(this, args);
				},
		},
		{
			className: 'WorkflowExecute',
			method: 'runNode',
			wrap: (original) =>
				async function (this: unknown, ...args: unknown[]) {
					const name = (args[1] as { node?: { name?: string } } | undefined)?.node?.name ?? '?';
					const rssStartKb = statusKb('VmRSS');
					const hwmStartKb = statusKb('VmHWM');
					const startUs = monotonicUs();
					if (sampleMs > 0) {
						const start = usage();
						running.set(name, { start, peak: start });
					}
					try {
						return await original.apply(this, args);
					} finally {
						const sampled = running.get(name);
						running.delete(name);
						result.nodes[name] = {
							...(sampled ? { usageStart: sampled.start, usagePeak: sampled.peak } : {}),
							rssStartKb,
							hwmStartKb,
							hwmEndKb: statusKb('VmHWM'),
							startUs,
							endUs: monotonicUs(),
						};
					}
				},
		},
		{
			className: 'ActiveExecutions',
			method: 'finalizeExecution',
			wrap: (original) =>
				function (this: unknown, ...args: unknown[]) {
					const value = original.apply(this, args);
					result.finalizedHwmKb = statusKb('VmHWM');
					result.executionIds.push(String(args[0]));
					bump('executions');
					return value;
				},
		},
		{
			className: 'Expression',
			method: 'acquireIsolate',
			wrap: (original) =>
				async function (this: unknown, ...args: unknown[]) {
					const acquired = await original.apply(this, args);
					if (acquired === true) bump('isolates');
					return acquired;
				},
		},
		{
			className: 'CredentialsHelper',
			method: 'getDecrypted',
			wrap: (original) =>
				async function (this: unknown, ...args: unknown[]) {
					bump('credentials');
					return await original.apply(this, args);
				},
		},
		{
			className: 'WorkflowStaticDataService',
			method: 'saveStaticData',
			wrap: (original) =>
				async function (this: unknown, ...args: unknown[]) {
					const workflow = args[0] as { staticData?: { __dataChanged?: boolean } } | undefined;
					result.staticData.saveCalls++;
					if (workflow?.staticData?.__dataChanged === true) result.staticData.changed++;
					return await original.apply(this, args);
				},
		},
		{
			className: 'WorkflowStaticDataService',
			method: 'saveStaticDataById',
			wrap: (original) =>
				async function (this: unknown, ...args: unknown[]) {
					if (skipDbWrites()) return;
					result.staticData.writes++;
					bump('staticDataWrites');
					return await original.apply(this, args);
				},
		},
		{
			className: 'DeduplicationHelper',
			method: 'checkProcessedAndRecord',
			wrap: (original) =>
				async function (this: unknown, ...args: unknown[]) {
					// Every value is new; nothing read or written.
					if (skipDbWrites()) return { new: args[0], processed: [] };
					bump('processedDataChecks');
					return await original.apply(this, args);
				},
		},
	];

	const patch = (exports: unknown) => {
		if (!exports || typeof exports !== 'object') return;
		for (const entry of patches) {
			const key = `${entry.className}.${entry.method}`;
			if (result.patched.includes(key)) continue;
			const prototype = (exports as Record<string, { prototype?: Prototype } | undefined>)[
				entry.className
			]?.prototype;
			const original = prototype?.[entry.method];
			if (!prototype || typeof original !== 'function') continue;
			prototype[entry.method] = entry.wrap(original);
			result.patched.push(key);
		}
	};

	const loader = Module as unknown as { _load: Load };
	const load = loader._load;
	loader._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
		const exports = load.call(this, request, parent, isMain);
		if (result.patched.length < patches.length) patch(exports);
		return exports;
	};

	process.on('exit', () => {
		result.hwmKb = statusKb('VmHWM');
		result.expressions = Object.fromEntries(expressions);
		fs.writeFileSync(out, JSON.stringify(result));
	});
}

const out = process.env.BENCH_PROBE_OUT;
// The n8n CLI (`.../n8n/bin/n8n`), not the task runner it starts with the same environment.
if (out && /[/\\]n8n[/\\]bin[/\\]n8n$|[/\\]\.bin[/\\]n8n$/.test(process.argv[1] ?? '')) {
	install(out, process.env.BENCH_PROBE_COUNTERS, Number(process.env.BENCH_PROBE_SAMPLE_MS ?? 0));
}
