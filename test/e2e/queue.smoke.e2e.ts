/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * Queue mode smoke test: n8n 2.41.1 as main + worker + webhook process on 127.0.0.1, sharing one
 * sqlite user folder, with a Redis of our own (redis-server from the OS: scripts/redis installs
 * it, startRedis runs it). A Webhook -> No Op workflow is activated on main; a POST to the webhook
 * process starts exactly one execution, which the worker runs (its log line "Worker finished
 * execution <id>" for that id, with success) and which succeeds. Our package loads in every
 * process. Needs `npm run build` first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	createUserFolder,
	ensureN8nInstalled,
	ensureRedisInstalled,
	importWorkflows,
	installPackage,
	linearWorkflow,
	loadedPackages,
	noOp,
	progress,
	readPackageJson,
	repoRoot,
	sleep,
	startQueueMode,
	startRedis,
	webhookTrigger,
	type QueueMode,
	type RedisServer,
} from '../../tools/n8n';

const packageDir = repoRoot();
const pkg = readPackageJson(packageDir);
const WORKFLOW_ID = 'e2eQueueHook0001'; // at most 16 characters (n8n 1.x static data)
const webhookPath = `e2e-queue-${Date.now().toString(36)}`;
const TESTS = 2;
const INSTALL_AND_SETUP_TIMEOUT_MS = 35 * 60 * 1000;

describe('queue mode: main + worker + webhook process with Redis', () => {
	let redis: RedisServer | undefined;
	let queue: QueueMode | undefined;
	let userFolder: string | undefined;
	let passed = 0;
	const started = Date.now();
	const q = (): QueueMode => {
		if (!queue) throw new Error('queue mode did not start');
		return queue;
	};

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		await ensureRedisInstalled();
		if (!fs.existsSync(path.join(packageDir, 'dist'))) {
			throw new Error(`${packageDir}/dist is missing: run "npm run build" first`);
		}
		userFolder = createUserFolder({ install });
		installPackage(userFolder, packageDir);
		await importWorkflows(
			userFolder,
			[
				linearWorkflow(
					'E2E queue: webhook -> no-op',
					[
						webhookTrigger({
							path: webhookPath,
							webhookId: '3d0f1c52-6a0e-4f7e-9c1e-0e2e5a0e2001',
						}),
						noOp(),
					],
					WORKFLOW_ID,
				),
			],
			{ install },
		);
		redis = await startRedis();
		const t0 = Date.now();
		queue = await startQueueMode({ userFolder, install, redisPort: redis.port });
		progress(`queue mode (main + worker + webhook) ready in ${Date.now() - t0} ms`);
	}, INSTALL_AND_SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await queue?.stop();
		await redis?.stop();
		if (userFolder && passed === TESTS) {
			fs.rmSync(userFolder, { recursive: true, force: true });
		} else if (userFolder) {
			for (const proc of queue ? [queue.main.process, queue.worker, queue.webhook] : []) {
				progress(`--- last lines of ${proc.logFile}:\n${proc.logTail(30)}`);
			}
			progress(`kept ${userFolder} for inspection`);
		}
		progress(`queue smoke suite took ${Date.now() - started} ms`);
	});

	test('our package is loaded by main, worker and webhook process', async () => {
		const nodeTypes = (await q().main.listNodeTypes()).map((t) => t.name);
		for (const node of ['unipile', 'connectSafely', 'unipileTrigger', 'unipileTool']) {
			expect(nodeTypes).toContain(`${pkg.name}.${node}`);
		}
		// n8n-core's debug line "Loaded all credentials and nodes from <package>", per process
		for (const proc of [q().main.process, q().worker, q().webhook]) {
			expect({ process: proc.label, packages: loadedPackages(proc) }).toEqual({
				process: proc.label,
				packages: expect.arrayContaining([pkg.name]),
			});
			expect(
				proc.logEntries().filter((e) => e.message.startsWith('Failed to load package')),
			).toEqual([]);
		}
		passed++;
	});

	test('Webhook -> NoOp: POST to the webhook process, one execution, run by the worker', async () => {
		const { main, worker, webhook } = q();
		expect((await main.activate(WORKFLOW_ID)).status).toBe('published');
		// main advertises the webhook process's URL and serves no production webhooks itself
		expect(main.webhookUrl(webhookPath)).toBe(webhook.webhookUrl(webhookPath));
		const onMain = await fetch(`${main.url}/webhook/${webhookPath}`, { method: 'POST' });
		expect(onMain.status).toBe(404);

		const response = await webhook.callWebhook(webhookPath, { body: { hello: 'queue' } });
		expect(response.status).toBe(200);

		const [execution] = await main.waitForExecutions(WORKFLOW_ID, 1, 30000);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const out = execution.data?.resultData.runData['No Operation'][0].data?.main[0]?.[0]?.json;
		expect(out?.body).toEqual({ hello: 'queue' });

		// the worker ran it: its log says so for this execution id; main's and the webhook's don't
		const ran = await worker.waitForExecution(execution.id, 10000);
		expect(ran).toMatchObject({
			executionId: execution.id,
			workflowId: WORKFLOW_ID,
			success: true,
		});
		const enqueued = webhook.enqueuedExecutions().find((e) => e.executionId === execution.id);
		expect(enqueued?.jobId).toBe(ran.jobId);
		expect(main.process.logEntries().some((e) => e.message.startsWith('Worker started'))).toBe(
			false,
		);
		expect(webhook.logEntries().some((e) => e.message.startsWith('Worker started'))).toBe(false);

		// exactly one execution
		await sleep(1000);
		expect(await main.listExecutions({ workflowId: WORKFLOW_ID })).toHaveLength(1);
		expect(worker.executions()).toHaveLength(1);
		passed++;
	});
});
