/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: benchmarks a real n8n, never shipped */
/**
 * `npm run bench`: our nodes against floors and n8n's own nodes in one real n8n 2.41.1, each figure
 * a ratio measured in the same run as its reference. Prints a table and rewrites the results part of
 * BENCHMARKS.md (the analysis above the marker is kept).
 *
 *   npm run bench                          every figure; rewrites the results in BENCHMARKS.md
 *   npm run bench -- --only=sends,lists    some figures (sends, webhooks, lists, files, package);
 *                                          prints the rows, leaves BENCHMARKS.md alone
 *   npm run bench -- --runs=1              fewer runs per median (quick look), BENCHMARKS.md alone
 *   npm run bench -- --n8n-node-options="--max-semi-space-size=16"
 *                                          more Node.js options for every benched n8n process (a
 *                                          diagnostic: BENCHMARKS.md left alone)
 *   npm run bench -- --profile             one CPU-profiled run per comparison instead, and where
 *                                          the time went (tools/bench/profile.ts); no table; with
 *                                          --only, of those figures (sends, lists, webhooks)
 *
 * The figures: tools/bench/sends.ts, webhooks.ts, memory.ts (lists, attachments), package.ts; their
 * workflows: tools/bench/workflows.ts; the floors: floor.ts; fresh headless runs measured by a probe
 * preloaded into n8n: headless.ts, probe.ts. Everything on 127.0.0.1, every wait bounded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { N8nInstall } from './n8n';
import {
	createUserFolder,
	ensureN8nInstalled,
	importCredentials,
	importWorkflows,
	installPackage,
	N8N_VERSION,
	progress,
	repoRoot,
} from './n8n';
import type { Bench, Sandboxes } from './bench/context';
import { FLOOR_CREDENTIAL, writeFloorPackage } from './bench/floor';
import {
	attachmentRuns,
	FILE_COUNT,
	fileRows,
	FIVE_MB,
	LARGE_FILE_BYTES,
	LIST_SIZE,
	listFigures,
	medianOf,
} from './bench/memory';
import { packageFigures } from './bench/package';
import { profileAll } from './bench/profiling';
import type { Row } from './bench/report';
import { table, writeResults } from './bench/report';
import { SEND_ITEMS, sendFigures } from './bench/sends';
import { webhookFigures } from './bench/webhooks';
import type { BenchFiles } from './bench/workflows';
import { benchWorkflows, CREDENTIALS, SEND_ACCOUNT, WORKFLOW } from './bench/workflows';
import { startConnectSafelySandbox } from './sandbox/connectsafely';
import { connectSafelyApi, unipileApi, unipileV1Api } from './sandbox/credentials';
import { startUnipileSandbox, UNIPILE_SANDBOX } from './sandbox/unipile';
import { startUnipileV1Sandbox } from './sandbox/unipileV1';

/** Runs per median; BENCHMARKS.md is only rewritten with this many. */
const RUNS = 5;

const FIGURES = ['sends', 'webhooks', 'lists', 'files', 'package'] as const;
type Figure = (typeof FIGURES)[number];

interface Options {
	figures: Set<Figure>;
	profile: boolean;
	runs: number;
	nodeOptions: string[];
}

function parseArgs(args: string[]): Options {
	let figures = new Set<Figure>(FIGURES);
	let profile = false;
	let runs = RUNS;
	let nodeOptions: string[] = [];
	for (const arg of args) {
		if (arg === '--profile') profile = true;
		else if (arg.startsWith('--n8n-node-options='))
			nodeOptions = arg.slice('--n8n-node-options='.length).split(/\s+/).filter(Boolean);
		else if (/^--runs=[1-9]\d*$/.test(arg)) runs = Number(arg.slice('--runs='.length));
		else if (arg.startsWith('--only=')) {
			const wanted = arg.slice('--only='.length).split(',');
			const unknown = wanted.filter((name) => !FIGURES.includes(name as Figure));
			if (unknown.length)
				throw new Error(`unknown figure(s) ${unknown.join(', ')}: ${FIGURES.join(', ')}`);
			figures = new Set(wanted as Figure[]);
		} else
			throw new Error(
				`unknown argument ${arg} (--only=<figures>, --runs=<n>, --profile, --n8n-node-options=<options>)`,
			);
	}
	return { figures, profile, runs, nodeOptions };
}

async function startSandboxes(): Promise<Sandboxes> {
	const started: Array<{ close(): Promise<void> }> = [];
	let complete = false;
	try {
		const unipile = await startUnipileSandbox();
		started.push(unipile);
		const unipileSends = await startUnipileSandbox({ chatCount: SEND_ITEMS });
		started.push(unipileSends);
		const unipileBig = await startUnipileSandbox({ chatCount: LIST_SIZE });
		started.push(unipileBig);
		const connectSafelyBig = await startConnectSafelySandbox({ conversationCount: LIST_SIZE });
		started.push(connectSafelyBig);
		const connectSafely = await startConnectSafelySandbox();
		started.push(connectSafely);
		const v1 = await startUnipileV1Sandbox();
		complete = true;
		return { unipile, unipileSends, unipileBig, connectSafelyBig, connectSafely, v1 };
	} finally {
		if (!complete) await Promise.all(started.map(async (sandbox) => await sandbox.close()));
	}
}

function writeFiles(dir: string): BenchFiles {
	fs.mkdirSync(dir, { recursive: true });
	const small = path.join(dir, 'small.bin');
	const large = path.join(dir, 'large.bin');
	fs.writeFileSync(small, Buffer.alloc(1024, 7));
	fs.writeFileSync(large, Buffer.alloc(LARGE_FILE_BYTES, 7));
	for (let index = 0; index < FILE_COUNT; index++) {
		fs.writeFileSync(path.join(dir, `five-${index}.bin`), Buffer.alloc(FIVE_MB, 7));
	}
	return { small, large, fiveMbGlob: path.join(dir, 'five-*.bin') };
}

async function prepare(
	install: N8nInstall,
	root: string,
	sandboxes: Sandboxes,
	options: Options,
): Promise<Bench & { files: BenchFiles }> {
	const userFolder = createUserFolder({ install });
	const filesDir = path.join(userFolder, 'bench-files');
	const files = writeFiles(filesDir);
	installPackage(userFolder, root);
	const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-bench-floor-'));
	installPackage(
		userFolder,
		writeFloorPackage(floorDir, { baseUrl: sandboxes.unipileSends.baseUrl, account: SEND_ACCOUNT }),
	);
	fs.rmSync(floorDir, { recursive: true, force: true });
	await importCredentials(userFolder, [
		unipileApi(CREDENTIALS.unipile, sandboxes.unipile),
		unipileApi(CREDENTIALS.unipileSends, sandboxes.unipileSends),
		unipileApi(CREDENTIALS.unipileBig, sandboxes.unipileBig),
		unipileV1Api(CREDENTIALS.unipileV1, sandboxes.v1),
		connectSafelyApi(CREDENTIALS.connectSafelyBig, sandboxes.connectSafelyBig),
		connectSafelyApi(CREDENTIALS.connectSafely, sandboxes.connectSafely),
		{ ...CREDENTIALS.floor, type: FLOOR_CREDENTIAL, data: { apiKey: UNIPILE_SANDBOX.apiKey } },
	]);
	await importWorkflows(
		userFolder,
		benchWorkflows(
			{
				unipileSends: sandboxes.unipileSends.baseUrl,
				unipileBig: sandboxes.unipileBig.baseUrl,
				connectSafelyBig: sandboxes.connectSafelyBig.baseUrl,
			},
			files,
			SEND_ITEMS,
		),
	);
	return {
		install,
		userFolder,
		env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
		sandboxes,
		runs: options.runs,
		files,
		profileDir: options.profile ? path.join(userFolder, 'profiles') : undefined,
		nodeOptions: options.nodeOptions,
	};
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const root = repoRoot();
	const install = await ensureN8nInstalled();
	const sandboxes = await startSandboxes();
	const rows: Row[] = [];
	try {
		const bench = await prepare(install, root, sandboxes, options);
		progress(`user folder ${bench.userFolder}`);
		const { figures } = options;
		if (options.profile) {
			process.stdout.write(`\n${await profileAll(bench, figures)}\n`);
			return;
		}
		if (figures.has('sends')) rows.push(...(await sendFigures(bench)));
		if (figures.has('webhooks')) rows.push(...(await webhookFigures(bench)).rows);
		if (figures.has('files') || figures.has('lists')) {
			// Lists run without the variable, which is filesystem mode in n8n 2.41.1: same control.
			const filesystem = await attachmentRuns(
				bench,
				'filesystem',
				figures.has('files')
					? [WORKFLOW.control, WORKFLOW.file20, WORKFLOW.files10]
					: [WORKFLOW.control],
			);
			const controlKb = medianOf(filesystem[WORKFLOW.control], 'hwmKb');
			if (figures.has('lists')) rows.push(...(await listFigures(bench, controlKb)));
			if (figures.has('files')) {
				const memory = await attachmentRuns(bench, 'default', [
					WORKFLOW.control,
					WORKFLOW.file20,
					WORKFLOW.files10,
					WORKFLOW.files10V1,
					WORKFLOW.files10Cs,
				]);
				rows.push(...fileRows(bench, memory, filesystem));
			}
		}
		if (figures.has('package')) {
			progress('package: npm pack size, require time, runtime dependencies');
			const pkg = await packageFigures(root);
			rows.push(
				{
					figure: 'npm pack size',
					ours: `${pkg.packKb.toFixed(1)} KB`,
					reference: '',
					ratio: '',
					target: '< 150 KB',
					met: pkg.packKb < 150,
				},
				{
					figure: 'require all nodes and credentials',
					ours: `${pkg.requireMs.toFixed(1)} ms`,
					reference: '',
					ratio: '',
					target: '< 50 ms',
					met: pkg.requireMs < 50,
				},
				{
					figure: 'runtime dependencies',
					ours: `${pkg.dependencies}`,
					reference: '',
					ratio: '',
					target: '0',
					met: pkg.dependencies === 0,
				},
			);
		}
		// About 1 GB per run (files, n8n's binary store, logs of every run's output); kept on failure.
		fs.rmSync(bench.userFolder, { recursive: true, force: true });
		progress(`user folder ${bench.userFolder} removed`);
	} finally {
		await Promise.all(Object.values(sandboxes).map(async (sandbox) => await sandbox.close()));
	}
	const cpus = os.cpus();
	const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, n8n ${N8N_VERSION} on Node ${process.version}`;
	const took = Math.round((Date.now() - started) / 1000);
	const text = `Run of ${new Date().toISOString().slice(0, 16)} UTC, ${Math.floor(took / 60)} min ${took % 60} s. Machine: ${machine}.${options.nodeOptions.length ? ` n8n run with Node.js options ${options.nodeOptions.join(' ')}.` : ''}\n\n${table(rows)}`;
	process.stdout.write(`\n${text}\n`);
	const complete =
		options.figures.size === FIGURES.length && options.runs === RUNS && !options.nodeOptions.length;
	if (complete) {
		writeResults(path.join(root, 'BENCHMARKS.md'), text);
		progress('BENCHMARKS.md results rewritten');
	} else progress('some figures, fewer runs or other n8n options: BENCHMARKS.md left as it was');
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
