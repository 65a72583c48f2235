/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev tooling: benchmarks a real n8n, never shipped */
/**
 * `npm run bench`: our nodes against n8n's own nodes in one real n8n 2.41.1, each figure a ratio
 * measured in the same run. Prints a table and writes BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from './n8n';
import {
	createUserFolder,
	ensureN8nInstalled,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	linearWorkflow,
	manualTrigger,
	node,
	progress,
	repoRoot,
	sleep,
	startN8n,
	webhookTrigger,
} from './n8n';
import { startUnipileSandbox, UNIPILE_SANDBOX } from './sandbox/unipile';

const RUNS = 5;
const ITEMS = 500;
const WEBHOOK_CALLS = 1000;
const CONCURRENCY = 20;
const FILE_BYTES = 20 * 1024 * 1024;
const credentials = { unipileApi: { id: 'benchUnipile00001', name: 'Unipile sandbox' } };
const account = { __rl: true, mode: 'id', value: UNIPILE_SANDBOX.accountId };
const chat = UNIPILE_SANDBOX.chatIds[0];

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const items = (name: string) =>
	node(
		name,
		'n8n-nodes-base.code',
		{
			jsCode: `return Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { text: 'Bench ' + i } }));`,
		},
		{ typeVersion: 2 },
	);

function workflows(sendUrl: string): WorkflowJson[] {
	const ours = node(
		'Send',
		'n8n-nodes-linkedin-messaging.unipile',
		{
			resource: 'message',
			operation: 'send',
			account,
			chat: { __rl: true, mode: 'id', value: chat },
			text: '={{ $json.text }}',
			sendingOptions: { pacing: false },
		},
		{ credentials },
	);
	const http = node(
		'Send',
		'n8n-nodes-base.httpRequest',
		{
			method: 'POST',
			url: sendUrl,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'X-API-KEY', value: UNIPILE_SANDBOX.apiKey }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ text: $json.text }) }}',
			options: {},
		},
		{ typeVersion: 4.2 },
	);
	// The file streams from disk into n8n's binary store, so the figure is the send's own memory.
	const readFile = node(
		'Read File',
		'n8n-nodes-base.readWriteFile',
		{
			operation: 'read',
			fileSelector: '={{ $json.body.file }}',
			options: { dataPropertyName: 'data' },
		},
		{ typeVersion: 1.1 },
	);
	const sendFile = node(
		'Send File',
		'n8n-nodes-linkedin-messaging.unipile',
		{
			resource: 'message',
			operation: 'send',
			account,
			chat: { __rl: true, mode: 'id', value: chat },
			text: '',
			attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
			sendingOptions: { pacing: false },
		},
		{ credentials },
	);
	return [
		linearWorkflow(
			'Bench: Unipile send',
			[manualTrigger(), items('Items'), ours],
			'benchOurs000000001',
		),
		linearWorkflow(
			'Bench: HTTP Request',
			[manualTrigger(), items('Items'), http],
			'benchHttp000000001',
		),
		linearWorkflow(
			'Bench: 20 MB file',
			[
				webhookTrigger({
					path: 'bench-file',
					webhookId: 'b0000000-0000-4000-8000-00000000f11e',
				}),
				readFile,
				sendFile,
			],
			'benchFile000000001',
		),
		linearWorkflow(
			'Bench: trigger',
			[
				node(
					'Unipile Trigger',
					'n8n-nodes-linkedin-messaging.unipileTrigger',
					{ events: ['message.receipt.read'] },
					{ credentials, webhookId: 'b0000000-0000-4000-8000-0000000071a6' },
				),
				node('Done', 'n8n-nodes-base.noOp'),
			],
			'benchTrigger000001',
		),
		linearWorkflow(
			'Bench: webhook',
			[
				webhookTrigger({ path: 'bench-plain', webhookId: 'b0000000-0000-4000-8000-0000000091a1' }),
				node('Done', 'n8n-nodes-base.noOp'),
			],
			'benchWebhook000001',
		),
	];
}

async function nodeTime(userFolder: string, workflowId: string) {
	const times: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const result = await executeWorkflow(userFolder, workflowId, { timeoutMs: 300_000 });
		if (result.status !== 'success') throw new Error(`${workflowId}: ${result.error?.message}`);
		times.push(result.runData.Send[0].executionTime);
	}
	return median(times);
}

function rssKb(pid: number) {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('VmRSS:'));
	return Number(line?.replace(/\D+/g, '') ?? 0);
}

async function peakRssDuring(pid: number, work: Promise<unknown>) {
	let peak = rssKb(pid);
	let done = false;
	void work.finally(() => (done = true));
	while (!done) {
		peak = Math.max(peak, rssKb(pid));
		await sleep(20);
	}
	await work;
	return Math.max(peak, rssKb(pid));
}

/** Posts `bodies` at the given concurrency; returns accepted/s and mean ms per call. */
async function burst(
	url: string,
	bodies: Array<{ body: string; headers: Record<string, string> }>,
) {
	let next = 0;
	let accepted = 0;
	const started = Date.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < bodies.length) {
				const call = bodies[next++];
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...call.headers },
					body: call.body,
					signal: AbortSignal.timeout(30_000),
				});
				await response.arrayBuffer();
				if (response.ok) accepted++;
			}
		}),
	);
	const seconds = (Date.now() - started) / 1000;
	return { perSecond: accepted / seconds, msPerCall: (seconds * 1000) / bodies.length, accepted };
}

function receipts(secret: string | undefined, count: number, forged = false) {
	return Array.from({ length: count }, (_, index) => {
		const body = JSON.stringify({
			id: `evt_bench_${forged ? 'f' : 'v'}_${index}`,
			created_at: new Date().toISOString(),
			account_id: UNIPILE_SANDBOX.accountId,
			type: 'message.receipt.read',
			payload: {
				chat_id: chat,
				message_id: `msg_${index}`,
				user: { id: 'ACoAAUser0001' },
				read_at: new Date().toISOString(),
			},
		});
		const t = Math.floor(Date.now() / 1000);
		const signature = createHmac('sha256', forged ? 'not-the-secret' : (secret ?? ''))
			.update(`${t}.${body}`)
			.digest('hex');
		return { body, headers: { 'unipile-signature': `t=${t},v0=${signature}` } };
	});
}

function packageFigures(root: string) {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	) as Array<{ size: number }>;
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		dependencies?: IDataObject;
		n8n: { nodes: string[]; credentials: string[] };
	};
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(root, file));
	// n8n has n8n-workflow and zod loaded already: time only our files.
	const script = `require('n8n-workflow'); require('zod'); const t = process.hrtime.bigint(); for (const f of ${JSON.stringify(files)}) require(f); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
	const requireMs = median(
		Array.from({ length: 5 }, () =>
			Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })),
		),
	);
	return {
		packKb: pack.size / 1024,
		requireMs,
		dependencies: Object.keys(pkg.dependencies ?? {}).length,
	};
}

async function main() {
	const started = Date.now();
	const root = repoRoot();
	const install = await ensureN8nInstalled();
	const sandbox = await startUnipileSandbox();
	const userFolder = createUserFolder({ install });
	const filesDir = path.join(userFolder, 'bench-files');
	mkdirSync(filesDir);
	const smallFile = path.join(filesDir, 'small.bin');
	const largeFile = path.join(filesDir, 'attachment.bin');
	writeFileSync(smallFile, Buffer.alloc(1024, 7));
	writeFileSync(largeFile, Buffer.alloc(FILE_BYTES, 7));
	installPackage(userFolder, root);
	await importCredentials(userFolder, [
		{
			...credentials.unipileApi,
			type: 'unipileApi',
			data: {
				apiKey: UNIPILE_SANDBOX.apiKey,
				serviceApiKey: UNIPILE_SANDBOX.serviceApiKey,
				baseUrl: sandbox.baseUrl,
			},
		},
	]);
	await importWorkflows(
		userFolder,
		workflows(`${sandbox.baseUrl}/${UNIPILE_SANDBOX.accountId}/chats/${chat}/messages/send`),
	);

	progress(`1/4 ${ITEMS} sends, ${RUNS} runs each (headless)`);
	const oursMs = await nodeTime(userFolder, 'benchOurs000000001');
	const httpMs = await nodeTime(userFolder, 'benchHttp000000001');
	progress(`    Unipile node ${oursMs} ms, HTTP Request node ${httpMs} ms (medians)`);

	const server = await startN8n({
		userFolder,
		install,
		env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
	});
	const results: string[] = [];
	try {
		progress(`2/4 one 20 MB attachment, median of ${RUNS}`);
		await server.activate('benchFile000000001');
		// RSS rise while the workflow reads the file and sends it, above the idle RSS just before.
		// The same workflow with a 1 KB file shows what one execution costs n8n itself (e.g. its
		// expression isolate); a first run warms n8n up. Medians: GC timing makes single runs vary.
		let executions = 0;
		const rise = async (file: string) => {
			await sleep(3000);
			const idleKb = rssKb(server.pid);
			executions++;
			const peakKb = await peakRssDuring(
				server.pid,
				server
					.callWebhook('bench-file', { body: { file }, timeoutMs: 120_000 })
					.then(() => server.waitForExecutionCount('benchFile000000001', executions, 120_000)),
			);
			return peakKb - idleKb;
		};
		const rises = async (file: string) => {
			const values: number[] = [];
			for (let run = 0; run < RUNS; run++) values.push(await rise(file));
			return median(values);
		};
		await rise(smallFile);
		const runOverheadKb = await rises(smallFile);
		const riseKb = await rises(largeFile);
		const memoryRatio = (riseKb * 1024) / FILE_BYTES;
		const fileSent = sandbox.requests.some((request) => request.rawBody.length > FILE_BYTES);
		progress(
			`    peak RSS ${(riseKb / 1024).toFixed(0)} MB above idle (1 KB file: ${(runOverheadKb / 1024).toFixed(0)} MB), file sent: ${fileSent}`,
		);

		progress(
			`3/4 ${WEBHOOK_CALLS} webhooks at concurrency ${CONCURRENCY}, trigger vs Webhook node`,
		);
		await server.activate('benchTrigger000001');
		await server.activate('benchWebhook000001');
		const secret = sandbox.webhooks()[0]?.secret;
		const trigger = await burst(
			server.webhookUrl('b0000000-0000-4000-8000-0000000071a6/webhook'),
			receipts(secret, WEBHOOK_CALLS),
		);
		await server.waitForExecutionCount('benchTrigger000001', WEBHOOK_CALLS, 300_000);
		const plain = await burst(server.webhookUrl('bench-plain'), receipts(secret, WEBHOOK_CALLS));
		await server.waitForExecutionCount('benchWebhook000001', WEBHOOK_CALLS, 300_000);
		const forged = await burst(
			server.webhookUrl('b0000000-0000-4000-8000-0000000071a6/webhook'),
			receipts(secret, WEBHOOK_CALLS, true),
		);

		progress('4/4 package');
		const pkg = packageFigures(root);
		const row = (
			name: string,
			ours: string,
			reference: string,
			ratio: number,
			target: string,
			ok: boolean,
		) =>
			`| ${name} | ${ours} | ${reference} | ${ratio.toFixed(2)}× | ${target} | ${ok ? 'met' : '**missed**'} |`;
		results.push(
			'| Figure | Ours | Reference | Ratio | Target | |',
			'| --- | --- | --- | --- | --- | --- |',
			row(
				`${ITEMS} sends, node execution time (median of ${RUNS})`,
				`${oursMs} ms`,
				`HTTP Request ${httpMs} ms`,
				oursMs / httpMs,
				'≤ 1.0×',
				oursMs <= httpMs,
			),
			row(
				`20 MB attachment: peak RSS above idle / file size (median of ${RUNS})`,
				`${(riseKb / 1024).toFixed(0)} MB${fileSent ? '' : ' (file not sent!)'}`,
				`20 MB file (same run with 1 KB: ${(runOverheadKb / 1024).toFixed(0)} MB)`,
				memoryRatio,
				'≤ 2×',
				memoryRatio <= 2,
			),
			row(
				`${WEBHOOK_CALLS} signed webhooks, accepted/s`,
				`${trigger.perSecond.toFixed(1)}/s (${trigger.accepted} ok)`,
				`Webhook node ${plain.perSecond.toFixed(1)}/s`,
				trigger.perSecond / plain.perSecond,
				'≥ 0.95×',
				trigger.perSecond / plain.perSecond >= 0.95,
			),
			`| ${WEBHOOK_CALLS} forged webhooks rejected | ${forged.msPerCall.toFixed(2)} ms per call (${forged.accepted} accepted) | accepted call ${trigger.msPerCall.toFixed(2)} ms; Webhook node call ${plain.msPerCall.toFixed(2)} ms | ${(forged.msPerCall / trigger.msPerCall).toFixed(2)}× | — | |`,
			`| npm pack size | ${pkg.packKb.toFixed(1)} KB | | | < 150 KB | ${pkg.packKb < 150 ? 'met' : '**missed**'} |`,
			`| require all nodes and credentials | ${pkg.requireMs.toFixed(1)} ms | | | < 50 ms | ${pkg.requireMs < 50 ? 'met' : '**missed**'} |`,
			`| runtime dependencies | ${pkg.dependencies} | | | 0 | ${pkg.dependencies === 0 ? 'met' : '**missed**'} |`,
		);
	} finally {
		await server.stop();
		await sandbox.close();
	}
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, n8n 2.41.1 on Node ${process.version}`;
	const table = results.join('\n');
	process.stdout.write(
		`\n${table}\n\nMachine: ${machine}. Took ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
	);
	const file = path.join(root, 'BENCHMARKS.md');
	const previous = readFileSync(file, 'utf8');
	const marker = '<!-- RESULTS -->';
	const [head] = previous.split(marker);
	writeFileSync(
		file,
		`${head}${marker}\n\nRun of ${new Date().toISOString().slice(0, 16)} UTC. Machine: ${machine}.\n\n${table}\n`,
	);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
