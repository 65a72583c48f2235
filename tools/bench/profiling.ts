/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: profiles a real n8n, never shipped */
/**
 * `npm run bench -- --profile`: one CPU-profiled run per headless comparison (the summary cut to the
 * measured node's time), and the webhook loads of one profiled `n8n start` (cut to each target's
 * calls). tools/bench/profile.ts reads the profiles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Bench } from './context';
import { takeRequests } from './context';
import { measuredRun, nodeTimeMs } from './headless';
import { formatSummary, summarize } from './profile';
import type { Load } from './webhooks';
import { webhookFigures } from './webhooks';
import { MEASURED, WORKFLOW } from './workflows';

const PROFILE_FUNCTIONS = [
	'renderExpression',
	'getParameterValue',
	'resolveBaseUrl',
	'getRequestOptionsFromParameters',
	'makeRoutingRequest',
	'httpRequestWithAuthentication',
	'saveStaticData',
	'executeWebhook',
	'acquireIsolate',
	'getDecrypted',
	'createBridge',
	'replenish',
	'checkProcessedAndRecord',
	'saveStaticDataById',
	'versionOf',
	'verifySignature',
	'firstDelivery',
	'onlyNewEvents',
	'recordDelivered',
	'storedEntries',
	'bounded',
	'oneAtATime',
];

function profileOf(bench: Bench, pid: number): string | undefined {
	const dir = bench.profileDir ?? '';
	// CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
	const file = fs.readdirSync(dir).find((name) => name.includes(`.${pid}.0.`));
	return file && path.join(dir, file);
}

function webhookSummaries(bench: Bench, pid: number, loads: Record<string, Load>): string[] {
	const file = profileOf(bench, pid);
	if (!file) throw new Error(`no CPU profile of n8n (pid ${pid}) in ${bench.profileDir}`);
	return Object.entries(loads).map(([name, entry]) =>
		formatSummary(
			`webhooks, ${name} (${entry.accepted} accepted, ${entry.ms} ms)`,
			summarize(file, PROFILE_FUNCTIONS, entry.windows[0]),
		),
	);
}

const HEADLESS = {
	sends: [
		WORKFLOW.sendOurs,
		WORKFLOW.sendNoSkip,
		WORKFLOW.startUrl,
		WORKFLOW.sendFloor,
		WORKFLOW.sendHttp,
	],
	lists: [WORKFLOW.chatsOurs, WORKFLOW.chatsHttp, WORKFLOW.convsOurs, WORKFLOW.convsHttp],
};

async function headlessSummaries(bench: Bench, ids: string[]): Promise<string[]> {
	const summaries: string[] = [];
	for (const id of ids) {
		const run = await measuredRun(bench.userFolder, id, {
			install: bench.install,
			env: bench.env,
			profileDir: bench.profileDir,
			nodeOptions: bench.nodeOptions,
		});
		for (const sandbox of [
			bench.sandboxes.unipileSends,
			bench.sandboxes.unipileBig,
			bench.sandboxes.connectSafelyBig,
		])
			takeRequests(sandbox);
		const node = run.probe.nodes[MEASURED];
		if (!run.cpuProfile || !node) throw new Error(`no CPU profile for ${id}`);
		const counts = Object.entries(run.probe.expressions)
			.map(([expression, count]) => `${count}× ${expression}`)
			.join('; ');
		summaries.push(
			`${formatSummary(
				`${id}, node "${MEASURED}" (${nodeTimeMs(run, MEASURED)} ms)`,
				summarize(run.cpuProfile, PROFILE_FUNCTIONS, { fromUs: node.startUs, toUs: node.endUs }),
			)}\n  expressions evaluated in the run: ${counts || 'none'}`,
		);
	}
	return summaries;
}

/** Profiles each comparison of `figures` (sends, lists, webhooks) once; the summaries as text. */
export async function profileAll(bench: Bench, figures: Set<string>): Promise<string> {
	const ids = Object.entries(HEADLESS).flatMap(([figure, list]) =>
		figures.has(figure) ? list : [],
	);
	const summaries = await headlessSummaries(bench, ids);
	if (figures.has('webhooks')) {
		const { loads, pid } = await webhookFigures(bench);
		summaries.push(...webhookSummaries(bench, pid, loads));
	}
	return `${summaries.join('\n\n')}\n\nProfiles: ${bench.profileDir}`;
}
