/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: benchmarks a real n8n, never shipped */
/**
 * 2. Webhooks, in one `n8n start` with the probe preloaded: signed Unipile read receipts (unique
 * event IDs, so the duplicate guard lets every one through and records it) to our trigger, the
 * trigger floor and n8n's Webhook node, forged calls to ours, and a diagnostic run of ours with
 * n8n's two database writes skipped. Calls go at a fixed concurrency, in chunks alternating between
 * the targets; each chunk counts until the executions it started have finished.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { progress, sleep, startN8n } from '../n8n';
import { UNIPILE_SANDBOX } from '../sandbox/unipile';
import type { Bench } from './context';
import { PROBE_FILE } from './headless';
import type { Counter, ProbeResult } from './probe';
import { COUNTERS, SKIP_DB_WRITES } from './probe';
import type { Window } from './profile';
import type { Row } from './report';
import { mb, ratio, signedMb } from './report';
import { WEBHOOK_IDS, WORKFLOW } from './workflows';

const WEBHOOK_CALLS = 1000;
const FORGED_CALLS = 500;
/** Calls of the diagnostic variant (ours with n8n's two database writes skipped). */
const DIAGNOSTIC_CALLS = 500;
const WARMUP_CALLS = 20;
/** Webhook calls go in this many alternating chunks per target. */
const WEBHOOK_CHUNKS = 5;
const CONCURRENCY = 20;
/** The probe samples n8n's memory this often (which part of it is V8's heap at the peak). */
const SAMPLE_MS = 100;

interface Call {
	body: string;
	headers: Record<string, string>;
}

interface Burst {
	/** Calls answered 2xx. */
	accepted: number;
	/** Calls answered otherwise, by status. */
	refused: Record<number, number>;
	/** From the first call to the last answer. */
	wallMs: number;
}

/**
 * `count` read receipts with unique IDs (`evt_bench_<label>_<first + i>`), signed now as Unipile
 * does, `t=<unix>,v0=<HMAC-SHA256>` with `secret`.
 */
function readReceipts(secret: string, count: number, label: string, first = 0): Call[] {
	return Array.from({ length: count }, (_, offset) => {
		const index = first + offset;
		const now = new Date().toISOString();
		const body = JSON.stringify({
			id: `evt_bench_${label}_${index}`,
			created_at: now,
			account_id: UNIPILE_SANDBOX.accountId,
			type: 'message.receipt.read',
			payload: {
				chat_id: UNIPILE_SANDBOX.chatIds[0],
				message_id: `msg_${index}`,
				user: { id: UNIPILE_SANDBOX.userIds[0] },
				read_at: now,
			},
		});
		const t = Math.floor(Date.now() / 1000);
		const signature = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
		return { body, headers: { 'unipile-signature': `t=${t},v0=${signature}` } };
	});
}

/** Posts every call to `url`, `concurrency` at a time, each bounded by `callTimeoutMs`. */
async function burst(
	url: string,
	calls: Call[],
	concurrency: number,
	callTimeoutMs = 30_000,
): Promise<Burst> {
	let next = 0;
	let accepted = 0;
	const refused: Record<number, number> = {};
	const started = Date.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < calls.length) {
				const call = calls[next++];
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...call.headers },
					body: call.body,
					signal: AbortSignal.timeout(callTimeoutMs),
				});
				await response.arrayBuffer();
				if (response.ok) accepted++;
				else refused[response.status] = (refused[response.status] ?? 0) + 1;
			}
		}),
	);
	return { accepted, refused, wallMs: Date.now() - started };
}

/** One target's load: what its chunks of calls got, and how long they took in total. */
export interface Load {
	accepted: number;
	refused: Record<number, number>;
	/** Sum over its chunks: from the first call until every execution they started had finished. */
	ms: number;
	/** What n8n did for its calls (probe counters, summed over its chunks). */
	counted: Record<Counter, number>;
	/** Each chunk's time window (CLOCK_MONOTONIC µs), to cut CPU profiles. */
	windows: Window[];
	/** How far n8n's high-water mark of resident memory rose during its chunks, in KB. */
	hwmRiseKb: number;
	/** n8n's resident memory after its last chunk, in KB. */
	rssAfterKb: number;
}

/** A field of /proc/<pid>/status in KB, read from outside: it costs the n8n process nothing. */
function statusKbOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(
		fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	return match ? Number(match[1]) : 0;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * The probe's live counters in the n8n server (a byte per event in a file each): reading them
 * costs n8n nothing, while its API would load the process being measured.
 */
function liveCounters(dir: string) {
	fs.mkdirSync(dir, { recursive: true });
	for (const name of COUNTERS) fs.writeFileSync(path.join(dir, name), '');
	const read = (name: Counter) => fs.statSync(path.join(dir, name)).size;
	return {
		dir,
		read,
		snapshot: () =>
			Object.fromEntries(COUNTERS.map((name) => [name, read(name)])) as Record<Counter, number>,
		async waitForExecutions(total: number, timeoutMs = 300_000) {
			const deadline = Date.now() + timeoutMs;
			while (read('executions') < total) {
				if (Date.now() > deadline) {
					throw new Error(
						`${read('executions')} of ${total} executions finished after ${timeoutMs} ms`,
					);
				}
				await sleep(10);
			}
		},
	};
}

/** "3 / 1 / 1 / 1": isolates, credential decryptions, static-data writes, processed-data checks per call. */
const work = (load: Load, calls: number) =>
	(['isolates', 'credentials', 'staticDataWrites', 'processedDataChecks'] as const)
		.map((name) => +(load.counted[name] / calls).toFixed(2))
		.join(' / ');

/** e.g. "1 executions, 3 isolates, 1 credentials" per call. */
const perCallCounts = (load: Load, calls: number) =>
	COUNTERS.map((name) => `${+(load.counted[name] / calls).toFixed(2)} ${name}`).join(', ');

export async function webhookFigures(
	bench: Bench,
): Promise<{ rows: Row[]; loads: Record<string, Load>; pid: number }> {
	const profiling = Boolean(bench.profileDir);
	const calls = profiling ? 300 : WEBHOOK_CALLS;
	const forgedCalls = profiling ? 300 : FORGED_CALLS;
	const diagnosticCalls = profiling ? 300 : DIAGNOSTIC_CALLS;
	const chunks = profiling ? 1 : WEBHOOK_CHUNKS;
	progress(
		`webhooks: ${calls} signed read receipts each to our trigger, the floor trigger and the Webhook node, ${forgedCalls} forged ones; ${chunks} alternating chunks`,
	);
	const probeOut = path.join(bench.userFolder, 'bench-probe', 'server.json');
	const counters = liveCounters(path.join(bench.userFolder, 'bench-probe', 'server-counters'));
	const nodeOptions = [`--require ${PROBE_FILE}`, ...bench.nodeOptions];
	if (bench.profileDir) nodeOptions.push('--cpu-prof', `--cpu-prof-dir=${bench.profileDir}`);
	const server = await startN8n({
		userFolder: bench.userFolder,
		install: bench.install,
		env: {
			NODE_OPTIONS: nodeOptions.join(' '),
			BENCH_PROBE_OUT: probeOut,
			BENCH_PROBE_COUNTERS: counters.dir,
			BENCH_PROBE_SAMPLE_MS: String(SAMPLE_MS),
		},
	});
	const loads: Record<string, Load> = {};
	try {
		for (const id of [WORKFLOW.trigger, WORKFLOW.floorTrigger, WORKFLOW.webhook]) {
			await server.activate(id);
		}
		const secret = bench.sandboxes.unipile.webhooks()[0]?.secret;
		if (!secret)
			throw new Error('the Unipile Trigger registered no webhook endpoint in the sandbox');
		const ours = server.webhookUrl(`${WEBHOOK_IDS.trigger}/webhook`);
		const targets = [
			{ name: 'ours', url: ours, secret, count: calls, executes: true, skipDb: false },
			{
				name: 'floor',
				url: server.webhookUrl(`${WEBHOOK_IDS.floorTrigger}/webhook`),
				secret,
				count: calls,
				executes: true,
				skipDb: false,
			},
			{
				name: 'webhook',
				url: server.webhookUrl(WEBHOOK_IDS.webhookPath),
				secret,
				count: calls,
				executes: true,
				skipDb: false,
			},
			{
				name: 'forged',
				url: ours,
				secret: 'not-the-secret',
				count: forgedCalls,
				executes: false,
				skipDb: false,
			},
			// Diagnostic: ours while the probe skips n8n's static-data writes and processed-data checks.
			{ name: 'oursNoDb', url: ours, secret, count: diagnosticCalls, executes: true, skipDb: true },
		];
		let expected = 0;
		/** Posts `batch` and waits until the executions it started have finished. */
		const chunk = async (target: (typeof targets)[number], batch: Call[], load?: Load) => {
			const before = counters.snapshot();
			const hwmBefore = statusKbOf(server.pid, 'VmHWM');
			const skipFlag = path.join(counters.dir, SKIP_DB_WRITES);
			if (target.skipDb) fs.writeFileSync(skipFlag, '');
			const fromUs = monotonicUs();
			const started = Date.now();
			const result = await burst(target.url, batch, CONCURRENCY);
			if (target.executes) {
				expected += result.accepted;
				await counters.waitForExecutions(expected);
			}
			fs.rmSync(skipFlag, { force: true });
			if (!load) return;
			load.ms += Date.now() - started;
			const after = counters.snapshot();
			for (const name of COUNTERS) load.counted[name] += after[name] - before[name];
			load.accepted += result.accepted;
			for (const [status, count] of Object.entries(result.refused)) {
				load.refused[Number(status)] = (load.refused[Number(status)] ?? 0) + count;
			}
			load.windows.push({ fromUs, toUs: monotonicUs() });
			load.hwmRiseKb += statusKbOf(server.pid, 'VmHWM') - hwmBefore;
			load.rssAfterKb = statusKbOf(server.pid, 'VmRSS');
		};
		// Warm-up: n8n compiles and caches on the first calls of each kind.
		for (const target of targets)
			await chunk(target, readReceipts(target.secret, WARMUP_CALLS, `${target.name}_warm`));
		// Chunks alternate between the targets, so each sees the same n8n (its database grows with
		// every execution, which slows later calls).
		for (const target of targets) {
			loads[target.name] = {
				accepted: 0,
				refused: {},
				ms: 0,
				counted: Object.fromEntries(COUNTERS.map((name) => [name, 0])) as Record<Counter, number>,
				windows: [],
				hwmRiseKb: 0,
				rssAfterKb: 0,
			};
		}
		// Each chunk is signed just before it goes: the trigger refuses signatures over 5 minutes old.
		for (let index = 0; index < chunks; index++) {
			for (const target of targets) {
				const size = Math.ceil(target.count / chunks);
				const count = Math.min(size, target.count - index * size);
				const batch = readReceipts(target.secret, count, target.name, index * size);
				await chunk(target, batch, loads[target.name]);
			}
		}
		for (const target of targets) {
			const load = loads[target.name];
			progress(
				`    ${target.name}: ${load.accepted} accepted, refused ${JSON.stringify(load.refused)}, ${load.ms} ms; per call: ${perCallCounts(load, target.count)}; n8n's VmHWM rose ${mb(load.hwmRiseKb)} during its chunks, VmRSS ${mb(load.rssAfterKb)} after its last one`,
			);
			const wanted = target.executes ? target.count : 0;
			if (load.accepted !== wanted) {
				throw new Error(
					`${target.name}: ${load.accepted} of ${target.count} calls accepted, want ${wanted}`,
				);
			}
		}
	} finally {
		await server.stop();
	}
	const probe = JSON.parse(fs.readFileSync(probeOut, 'utf8')) as ProbeResult;
	const peak = probe.peakUsage;
	const heldBy = peak
		? ` (at its highest sample, RSS ${mb(peak.rssKb)}: V8 heap ${mb(peak.heapTotalKb)} committed, ${mb(peak.heapUsedKb)} used; Buffers ${mb(peak.arrayBuffersKb)})`
		: '';
	progress(
		`    n8n static data: ${JSON.stringify(probe.staticData)}; peak memory ${mb(probe.hwmKb)}${heldBy}`,
	);
	if (profiling) return { rows: [], loads, pid: server.pid };
	const perSecond = (load: Load) => load.accepted / (load.ms / 1000);
	const [oursRate, floorRate, webhookRate] = [loads.ours, loads.floor, loads.webhook].map(
		perSecond,
	);
	const perCall = (load: Load, count: number) => load.ms / count;
	const rows: Row[] = [
		{
			figure: `${calls} signed read receipts (unique IDs) at concurrency ${CONCURRENCY}, accepted/s until their executions finished: ours vs trigger floor`,
			ours: `${oursRate.toFixed(1)}/s`,
			reference: `floor ${floorRate.toFixed(1)}/s`,
			ratio: ratio(oursRate / floorRate),
			target: '≥ 0.9×',
			met: oursRate / floorRate >= 0.9,
		},
		{
			figure: `Same (${diagnosticCalls} calls), ours with n8n's static-data write and processed-data check skipped (diagnostic, probe stub): their share`,
			ours: `${perSecond(loads.oursNoDb).toFixed(1)}/s without them`,
			reference: `ours ${oursRate.toFixed(1)}/s with them: ${(perCall(loads.ours, calls) - perCall(loads.oursNoDb, diagnosticCalls)).toFixed(1)} ms of ${perCall(loads.ours, calls).toFixed(1)} ms per call`,
			ratio: ratio(perSecond(loads.oursNoDb) / floorRate),
			target: '—',
		},
		{
			figure: `${calls} read receipts: ours vs n8n's Webhook node`,
			ours: `${oursRate.toFixed(1)}/s`,
			reference: `Webhook node ${webhookRate.toFixed(1)}/s`,
			ratio: ratio(oursRate / webhookRate),
			target: '—',
		},
		{
			figure: `${forgedCalls} forged calls (bad signature) to our trigger, answered 401: ms per call`,
			ours: `${perCall(loads.forged, forgedCalls).toFixed(1)} ms per rejected call`,
			reference: `accepted call ${perCall(loads.ours, calls).toFixed(1)} ms; floor ${perCall(loads.floor, calls).toFixed(1)} ms; Webhook node ${perCall(loads.webhook, calls).toFixed(1)} ms`,
			ratio: ratio(perCall(loads.forged, forgedCalls) / perCall(loads.ours, calls)),
			target: '—',
		},
		{
			figure: `n8n's memory (one \`n8n start\` for every target): how far its high-water mark rose during each target's chunks (warm-up excluded), and its peak`,
			ours: `ours ${signedMb(loads.ours.hwmRiseKb)}; forged ${signedMb(loads.forged.hwmRiseKb)}; ours without the database writes ${signedMb(loads.oursNoDb.hwmRiseKb)}`,
			reference: `floor ${signedMb(loads.floor.hwmRiseKb)}; Webhook node ${signedMb(loads.webhook.hwmRiseKb)}; peak ${mb(probe.hwmKb)}${heldBy}`,
			ratio: '—',
			target: '—',
		},
		{
			figure:
				'n8n work per webhook call (probe): isolates created / credential decryptions / static-data writes / processed-data checks',
			ours: `${work(loads.ours, calls)}; forged call: ${work(loads.forged, forgedCalls)}`,
			reference: `floor ${work(loads.floor, calls)}; Webhook node ${work(loads.webhook, calls)}`,
			ratio: '—',
			target: '—',
		},
	];
	return { rows, loads, pid: server.pid };
}
