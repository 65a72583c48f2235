/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: benchmarks a real n8n (its own path for the probe), never shipped */
/**
 * One benched headless run: `n8n execute --id` in a fresh n8n process, with tools/bench/probe.js
 * preloaded into it. Returns the run data (node execution times), read from the execution n8n saved
 * (tools/bench/executions.ts), and what the probe saw: the process's memory high-water mark
 * (`VmHWM`), per node the high-water mark when it finished, and how many times each expression was
 * evaluated. Optionally writes a V8 CPU profile of the process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IRunData } from 'n8n-workflow';

import type { N8nInstall } from '../n8n';
import { runN8nCli, tail } from '../n8n';
import { takeSavedRun } from './executions';
import type { ProbeResult } from './probe';

export interface MeasuredRun {
	workflowId: string;
	runData: IRunData;
	probe: ProbeResult;
	/** Wall time of the whole `n8n execute` (boot included). */
	durationMs: number;
	/** The CPU profile written for this run, with `profileDir`. */
	cpuProfile?: string;
}

interface MeasureOptions {
	install: N8nInstall;
	/** Extra n8n env for the run. */
	env?: Record<string, string>;
	/** Bound of the run (default 180 s). */
	timeoutMs?: number;
	/** Write a CPU profile of the n8n process into this dir (`--cpu-prof`). */
	profileDir?: string;
	/** More Node.js options for the n8n process, e.g. `--max-semi-space-size=16`. */
	nodeOptions?: string[];
}

/** The compiled probe, next to this file in .tools-build. */
export const PROBE_FILE = path.join(__dirname, 'probe.js');

let sequence = 0;

/**
 * Runs the workflow in a fresh `n8n execute` and measures it. Throws when the run did not succeed,
 * with n8n's error, so no figure is ever taken from a failed run.
 */
export async function measuredRun(
	userFolder: string,
	workflowId: string,
	options: MeasureOptions,
): Promise<MeasuredRun> {
	const dir = path.join(userFolder, 'bench-probe');
	fs.mkdirSync(dir, { recursive: true });
	const out = path.join(dir, `${workflowId}-${++sequence}.json`);
	const nodeOptions = [`--require ${PROBE_FILE}`, ...(options.nodeOptions ?? [])];
	let before = new Set<string>();
	if (options.profileDir) {
		fs.mkdirSync(options.profileDir, { recursive: true });
		before = new Set(fs.readdirSync(options.profileDir));
		nodeOptions.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
	}
	const result = await runN8nCli(userFolder, ['execute', '--id', workflowId], {
		install: options.install,
		timeoutMs: options.timeoutMs ?? 180_000,
		env: {
			// Where the result is read from (the defaults, set so that the bench does not depend on them).
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			...options.env,
			NODE_OPTIONS: nodeOptions.join(' '),
			BENCH_PROBE_OUT: out,
		},
	});
	const how = result.timedOut ? 'timed out' : `exit ${String(result.code ?? result.signal)}`;
	const failed = (why: string) =>
		new Error(
			`workflow ${workflowId}: ${why} (${how}); last output:\n${tail(result.output, 15)}\n(full log: ${result.logFile})`,
		);
	if (!fs.existsSync(out)) throw failed(`the probe wrote nothing (${out})`);
	const probe = JSON.parse(fs.readFileSync(out, 'utf8')) as ProbeResult;
	const hooked = ['Expression.renderExpression', 'WorkflowExecute.runNode'];
	if (!probe.hwmKb || hooked.some((hook) => !probe.patched.includes(hook))) {
		throw new Error(
			`the probe did not hook n8n in ${workflowId}: ${JSON.stringify(probe.patched)}`,
		);
	}
	if (probe.executionIds.length !== 1)
		throw failed(`n8n finalized ${probe.executionIds.length} executions, want 1`);
	const run = takeSavedRun(options.install, userFolder, probe.executionIds[0]);
	if (run.status !== 'success') {
		const error = run.data.resultData.error;
		throw failed(
			`did not succeed (${run.status}): ${error?.message ?? 'no error message'}${error?.description ? ` — ${String(error.description)}` : ''}`,
		);
	}
	let cpuProfile: string | undefined;
	if (options.profileDir) {
		const made = fs
			.readdirSync(options.profileDir)
			.filter((file) => !before.has(file) && file.includes(`.${probe.pid}.0.`));
		cpuProfile = made.length ? path.join(options.profileDir, made[0]) : undefined;
	}
	return {
		workflowId,
		runData: run.data.resultData.runData,
		probe,
		durationMs: result.durationMs,
		cpuProfile,
	};
}

/** A node's execution time in a run (n8n's own `executionTime` of its first run). */
export function nodeTimeMs(run: MeasuredRun, nodeName: string): number {
	const task = run.runData[nodeName]?.[0];
	if (!task) throw new Error(`node "${nodeName}" did not run in ${run.workflowId}`);
	return task.executionTime;
}

/** How many output items a node gave on its main output 0. */
export function outputCount(run: MeasuredRun, nodeName: string): number {
	return run.runData[nodeName]?.[0]?.data?.main?.[0]?.length ?? 0;
}

/** Evaluations of expressions whose text contains `needle`. */
export function evaluations(run: MeasuredRun, needle: string): number {
	return Object.entries(run.probe.expressions)
		.filter(([expression]) => expression.includes(needle))
		.reduce((sum, [, count]) => sum + count, 0);
}
