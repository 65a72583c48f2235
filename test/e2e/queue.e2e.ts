/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * Queue mode as users deploy it: n8n 2.41.1 as main + two workers + one webhook process on
 * 127.0.0.1, on PostgreSQL and Redis from the OS (scripts/postgres and scripts/redis install them;
 * startPostgres and startRedis run throwaway servers). Main serves production webhooks too, so a
 * delivery can land on either process. Checked:
 * - our package loads in every process, and n8n keeps its data in PostgreSQL;
 * - Unipile and ConnectSafely sends run on a worker, paced, and the pre-flight still sends nothing
 *   when one item is invalid;
 * - the Unipile Trigger registers once (main); a signed read receipt to the webhook process runs
 *   the follow-up once, on a worker; the same event again, to main or to the webhook process,
 *   sends nothing more; forged ones start nothing; the trigger's own state survives; deactivation
 *   removes the endpoint;
 * - measured across processes (figures printed; docs/n8n-behaviour.md#queue-mode-on-postgresql):
 *   the same event delivered to the webhook process and to main at the same moment (20 events;
 *   counted, at most one follow-up per delivery); the same event twice at once to the webhook
 *   process alone (refused at its door: one follow-up each); retries that land on the other
 *   process after the first delivery ran (none may run past the trigger); 20 different events at
 *   once, then each retried on main (exactly the events n8n's processed-data store lost run
 *   again); the smallest gap between 20 paced sends of one account run by both workers (each
 *   worker keeps its own gaps); how many POSTs leave when the same send with "Skip If Already
 *   Sent" runs twice at once.
 */
import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type {
	ApiExecution,
	PostgresServer,
	QueueMode,
	QueueWorker,
	RedisServer,
} from '../../tools/n8n';
import {
	createUserFolder,
	ensureN8nInstalled,
	ensureRedisInstalled,
	importCredentials,
	importWorkflows,
	installPackage,
	linearWorkflow,
	loadedPackages,
	node,
	progress,
	readPackageJson,
	readReceiptsWorkflow,
	repoRoot,
	rl,
	sleep,
	startPostgres,
	startQueueMode,
	startRedis,
	webhookTrigger,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi, unipileApi } from '../../tools/sandbox/credentials';
import type { RecordedRequest } from '../../tools/sandbox/server';
import type { UnipileSandbox, WebhookEndpoint } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

const pkg = readPackageJson(repoRoot());
const unipileCredential = { unipileApi: { id: 'queueUnipile0001', name: 'Unipile sandbox' } };
const csCredential = {
	connectSafelyApi: { id: 'queueConnectSaf1', name: 'ConnectSafely sandbox' },
};
const CHAT = UNIPILE_SANDBOX.chatIds[0];
const TRIGGER_HOOK = '5b9c1f0e-7a1d-4c55-9d3e-0000000queue';
/** Events delivered twice at once, and events retried on the other process. */
const DUPLICATE_ROUNDS = 20;
/** Paced sends of one account, from as many executions. */
const PACED_SENDS = 20;
/** Times the same send with "Skip If Already Sent" is started twice at once. */
const SKIP_TRIALS = 10;

const threeTexts = (name: string) =>
	node(
		name,
		'n8n-nodes-base.code',
		{ jsCode: "return ['one', 'two', 'three'].map((text) => ({ json: { text } }));" },
		{ typeVersion: 2 },
	);
const withBadItem = (name: string) =>
	node(
		name,
		'n8n-nodes-base.code',
		{ jsCode: "return ['one', 'two', '', 'four'].map((text) => ({ json: { text } }));" },
		{ typeVersion: 2 },
	);
const paced = { minDelay: 1, maxDelay: 1 };

const unipileSend = (
	name: string,
	text = '={{ $json.text }}',
	sendingOptions: INodeParameters = paced,
) =>
	node(
		name,
		`${pkg.name}.unipile`,
		{
			resource: 'message',
			operation: 'send',
			account: rl(UNIPILE_SANDBOX.accountId),
			chat: rl(CHAT),
			text,
			sendingOptions,
		},
		{ credentials: unipileCredential },
	);
const csSend = (name: string) =>
	node(
		name,
		`${pkg.name}.connectSafely`,
		{
			resource: 'message',
			operation: 'send',
			account: rl(CONNECTSAFELY_SANDBOX.accountId),
			recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[0],
			message: '={{ $json.text }}',
			sendingOptions: paced,
		},
		{ credentials: csCredential },
	);
const hooked = (workflowId: string, path: string, nodes: INode[]) =>
	linearWorkflow(
		`E2E queue ${workflowId}`,
		[
			webhookTrigger({
				path,
				webhookId: `3d0f1c52-6a0e-4f7e-9c1e-${workflowId.slice(-12).padStart(12, '0')}`,
			}),
			...nodes,
		],
		workflowId,
	);

const workflows = {
	unipile: hooked('queueUnipile01', 'q-unipile', [threeTexts('Texts'), unipileSend('Send')]),
	unipileBad: hooked('queueUnipileBad1', 'q-unipile-bad', [
		withBadItem('Texts'),
		unipileSend('Send'),
	]),
	connectSafely: hooked('queueCsSend0001', 'q-cs', [threeTexts('Texts'), csSend('Send')]),
	connectSafelyBad: hooked('queueCsBad00001', 'q-cs-bad', [withBadItem('Texts'), csSend('Send')]),
	/** One paced send (1-2 s) of the account per execution; the text says which call started it. */
	paced: hooked('queuePaced00001', 'q-paced', [
		unipileSend('Send', '=paced {{ $json.body.n }}', { minDelay: 1, maxDelay: 2 }),
	]),
	/** One send with "Skip If Already Sent" on (pacing on, 1 s), the text given by the call. */
	skip: hooked('queueSkipSent01', 'q-skip', [
		unipileSend('Send', '={{ $json.body.text }}', { ...paced, skipIfSent: true }),
	]),
	trigger: readReceiptsWorkflow(
		'E2E queue read receipts',
		'queueReceipts01',
		{ credentials: unipileCredential, webhookId: TRIGGER_HOOK },
		node(
			'Follow Up',
			`${pkg.name}.unipile`,
			{
				resource: 'message',
				operation: 'send',
				account: rl(UNIPILE_SANDBOX.accountId),
				chat: rl('={{ $json.chat_id }}'),
				text: '=Thanks for reading ({{ $json.event_id }})',
				sendingOptions: { pacing: false },
			},
			{ credentials: unipileCredential },
		),
	),
};

const texts = (requests: RecordedRequest[], key: string) =>
	requests.map((request) => (request.body as IDataObject)[key]);
/** Milliseconds from the end of each send to the start of the next (negative: they overlapped). */
const gaps = (requests: RecordedRequest[]) =>
	requests
		.slice(1)
		.map((request, index) => request.receivedAt - (requests[index].respondedAt ?? 0));
const byArrival = (requests: RecordedRequest[]) =>
	[...requests].sort((a, b) => a.receivedAt - b.receivedAt);

/** A read receipt as Unipile v2 delivers it, signed with the endpoint's secret. */
function readReceipt(endpoint: WebhookEndpoint, eventId: string) {
	const body = JSON.stringify({
		id: eventId,
		created_at: new Date().toISOString(),
		account_id: UNIPILE_SANDBOX.accountId,
		type: 'message.receipt.read',
		payload: { chat_id: CHAT, message_id: UNIPILE_SANDBOX.messageIds[0] },
	});
	return async (url: string) => {
		const t = Math.floor(Date.now() / 1000);
		const signature = createHmac('sha256', endpoint.secret).update(`${t}.${body}`).digest('hex');
		const response = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'unipile-signature': `t=${t},v0=${signature}`,
			},
			body,
			signal: AbortSignal.timeout(10_000),
		});
		const text = await response.text();
		return { status: response.status, answer: text ? (JSON.parse(text) as IDataObject) : null };
	};
}

/** The nodes an execution ran. */
const ranNodes = (execution: ApiExecution) => Object.keys(execution.data?.resultData.runData ?? {});

describe('queue mode on PostgreSQL: main + 2 workers + webhook process, Redis', () => {
	let postgres: PostgresServer | undefined;
	let redis: RedisServer | undefined;
	let queue: QueueMode | undefined;
	let userFolder = '';
	let unipile: UnipileSandbox;
	let cs: ConnectSafelySandbox;
	const q = (): QueueMode => {
		if (!queue) throw new Error('queue mode did not start');
		return queue;
	};
	const unipileSends = () =>
		unipile.requests.filter((request) => request.path.endsWith('/messages/send'));
	const csSends = () =>
		cs.requests.filter((request) => request.path === '/linkedin/conversations/send');
	const triggerUrls = () => ({
		webhook: q().webhook.webhookUrl(`${TRIGGER_HOOK}/webhook`),
		main: `${q().main.url}/webhook/${TRIGGER_HOOK}/webhook`,
	});

	/** Runs a webhook-started workflow and checks a worker ran it; returns the execution. */
	async function runOnWorker(workflowId: string, path: string) {
		const { main, webhook } = q();
		await main.activate(workflowId);
		expect((await webhook.callWebhook(path, { body: {} })).status).toBe(200);
		const [execution] = await main.waitForExecutions(workflowId, 1, 60_000);
		const ran = await q().waitForExecution(execution.id, 30_000);
		expect(ran.execution.workflowId).toBe(workflowId);
		expect(
			main.process.logEntries().some((entry) => entry.message.startsWith('Worker started')),
		).toBe(false);
		await main.deactivate(workflowId);
		return execution;
	}

	/** Calls a webhook workflow `bodies.length` times at once; returns its executions, oldest first. */
	async function startAtOnce(workflowId: string, path: string, bodies: IDataObject[]) {
		const { main, webhook } = q();
		const before = (await main.listExecutions({ workflowId, limit: 250 })).length;
		const answers = await Promise.all(
			bodies.map(async (body) => await webhook.callWebhook(path, { body })),
		);
		expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 200));
		const executions = await main.waitForExecutions(workflowId, before + bodies.length, 120_000);
		const fresh = executions.slice(before);
		for (const execution of fresh) await q().waitForExecution(execution.id, 30_000);
		return fresh;
	}

	const workerName = (worker: QueueWorker | undefined) =>
		worker ? `worker ${worker.index + 1}` : 'no worker';

	beforeAll(
		async () => {
			const install = await ensureN8nInstalled();
			await ensureRedisInstalled();
			postgres = await startPostgres();
			const database = postgres.n8nEnv();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			unipile = await startUnipileSandbox();
			cs = await startConnectSafelySandbox();
			// the first CLI call creates n8n's tables in PostgreSQL
			await importCredentials(
				userFolder,
				[
					unipileApi(unipileCredential.unipileApi, unipile),
					connectSafelyApi(csCredential.connectSafelyApi, cs),
				],
				{ install, env: database, timeoutMs: 300_000 },
			);
			await importWorkflows(userFolder, Object.values(workflows), { install, env: database });
			redis = await startRedis();
			queue = await startQueueMode({
				userFolder,
				install,
				redisPort: redis.port,
				workers: 2,
				mainServesProductionWebhooks: true,
				env: database,
			});
		},
		35 * 60 * 1000,
	);

	afterAll(async () => {
		await queue?.stop();
		await redis?.stop();
		await postgres?.stop();
		await unipile?.close();
		await cs?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	const resetSandboxes = () => {
		unipile.reset();
		cs.reset();
	};

	test('our package is loaded by main, both workers and the webhook process; n8n keeps its data in PostgreSQL', async () => {
		const { main, workers, webhook } = q();
		const nodeTypes = (await main.listNodeTypes()).map((type) => type.name);
		for (const name of ['unipile', 'connectSafely', 'unipileTrigger', 'connectSafelyTrigger']) {
			expect(nodeTypes).toContain(`${pkg.name}.${name}`);
		}
		expect(workers.map((worker) => worker.label)).toEqual(['n8n worker 1', 'n8n worker 2']);
		for (const proc of [main.process, ...workers, webhook]) {
			expect({ process: proc.label, packages: loadedPackages(proc) }).toEqual({
				process: proc.label,
				packages: expect.arrayContaining([pkg.name]),
			});
			// n8n warns at start when queue mode runs on SQLite
			expect({
				process: proc.label,
				sqlite: proc.logEntries().filter((entry) => /sqlite/i.test(entry.message)),
			}).toEqual({ process: proc.label, sqlite: [] });
		}
		const stored = await postgres?.query('SELECT id FROM workflow_entity ORDER BY id', {
			database: postgres.database,
		});
		expect(stored?.split('\n')).toEqual(
			Object.values(workflows)
				.map((workflow) => workflow.id)
				.sort(),
		);
	});

	describe('sends on the workers', () => {
		beforeEach(resetSandboxes);

		test('a Unipile send runs on a worker, paced', async () => {
			const execution = await runOnWorker(workflows.unipile.id as string, 'q-unipile');
			expect(execution.status).toBe('success');
			expect(texts(unipileSends(), 'text')).toEqual(['one', 'two', 'three']);
			for (const gap of gaps(unipileSends())) expect(gap).toBeGreaterThanOrEqual(990);
		});

		test('on a worker too, one invalid item means nothing is sent', async () => {
			const execution = await runOnWorker(workflows.unipileBad.id as string, 'q-unipile-bad');
			expect(execution.status).toBe('error');
			await sleep(2500);
			expect(unipileSends()).toHaveLength(0);
		});

		test('a ConnectSafely send runs on a worker, paced; an invalid item sends nothing', async () => {
			const execution = await runOnWorker(workflows.connectSafely.id as string, 'q-cs');
			expect(execution.status).toBe('success');
			expect(texts(csSends(), 'message')).toEqual(['one', 'two', 'three']);
			for (const gap of gaps(csSends())) expect(gap).toBeGreaterThanOrEqual(990);
			cs.reset();
			const bad = await runOnWorker(workflows.connectSafelyBad.id as string, 'q-cs-bad');
			expect(bad.status).toBe('error');
			await sleep(2500);
			expect(csSends()).toHaveLength(0);
		});
	});

	describe('the Unipile Trigger across processes', () => {
		const workflowId = workflows.trigger.id as string;
		let endpoint: WebhookEndpoint | undefined;
		const registered = (): WebhookEndpoint => {
			if (!endpoint) throw new Error('the trigger did not register its endpoint');
			return endpoint;
		};
		/** Where this test's requests start in the sandbox's record (no reset: it holds the endpoint). */
		let mark = 0;
		beforeEach(() => {
			mark = unipile.requests.length;
		});
		const followUps = () =>
			unipile.requests.slice(mark).filter((request) => request.path.endsWith('/messages/send'));
		/** Follow-ups sent per event id. */
		const followUpsPerEvent = () => {
			const counts = new Map<string, number>();
			for (const text of texts(followUps(), 'text')) {
				const id = /^Thanks for reading \((.+)\)$/.exec(String(text))?.[1] ?? String(text);
				counts.set(id, (counts.get(id) ?? 0) + 1);
			}
			return counts;
		};
		const executionCount = async () =>
			(await q().main.listExecutions({ workflowId, limit: 250 })).length;
		/** The events n8n's processed-data store holds for the trigger (MD5 of each ID, base64). */
		const storedEvents = async () => {
			const rows = await postgres?.query(
				`SELECT value FROM processed_data WHERE "workflowId" = '${workflowId}'`,
				{ database: postgres.database },
			);
			return new Set(
				(rows ?? '')
					.split('\n')
					.filter(Boolean)
					.flatMap((row) => (JSON.parse(row) as { data: string[] }).data),
			);
		};
		const storeKey = (eventId: string) => createHash('md5').update(eventId).digest('base64');

		test('registered once; a read receipt runs the follow-up once; the same event again, to main or to the webhook process, sends nothing more; forged ones start nothing', async () => {
			const { main, webhook } = q();
			resetSandboxes();
			mark = 0;
			await main.activate(workflowId);
			const registrations = unipile.requests.filter((request) => request.method === 'POST');
			expect(registrations.map((request) => request.path)).toEqual(['/v2/webhooks/endpoints/']);
			[endpoint] = unipile.webhooks();
			expect(unipile.webhooks()).toHaveLength(1);
			expect(registered().url).toBe(triggerUrls().webhook);

			const eventId = 'evt_queue_once';
			const delivered = await unipile.emitReadReceipt(CHAT, UNIPILE_SANDBOX.messageIds[0], {
				id: eventId,
			});
			expect(delivered).toEqual([{ url: registered().url, status: 200 }]);
			const [first] = await main.waitForExecutions(workflowId, 1, 30_000);
			expect((await q().waitForExecution(first.id, 30_000)).execution.success).toBe(true);
			expect(webhook.enqueuedExecutions().map((entry) => entry.executionId)).toContain(first.id);
			expect(followUps().map(({ path, body }) => ({ path, body }))).toEqual([
				{
					path: `/v2/${UNIPILE_SANDBOX.accountId}/chats/${CHAT}/messages/send`,
					body: { text: `Thanks for reading (${eventId})` },
				},
			]);

			// The same event again, signed, to main: a process that has not seen it.
			const deliver = readReceipt(registered(), eventId);
			expect(await deliver(triggerUrls().main)).toEqual({ status: 200, answer: null });
			// Its execution, on a worker, ends at the trigger: n8n's processed-data store (in
			// PostgreSQL, shared by every process) already holds the event.
			const executions = await main.waitForExecutions(workflowId, 2, 30_000);
			const repeat = executions.find((execution) => execution.id !== first.id);
			expect((await q().waitForExecution(repeat?.id ?? '', 30_000)).execution.success).toBe(true);
			const ran = await main.getExecution(repeat?.id ?? '');
			expect(ranNodes(ran)).toEqual(['Unipile Trigger']);
			expect(ran.data?.resultData.runData['Unipile Trigger'][0].data?.main).toEqual([[]]);
			expect(followUps()).toHaveLength(1);

			// The webhook process remembers the event itself and refuses it at the door.
			expect(await deliver(triggerUrls().webhook)).toEqual({
				status: 200,
				answer: { received: true, ignored: 'duplicate delivery' },
			});

			const forged = await unipile.emitReadReceipt(CHAT, 'msg_forged', { signature: 'forged' });
			expect(forged.map((entry) => entry.status)).toEqual([401]);
			await sleep(2000);
			expect(await executionCount()).toBe(2);
			expect(followUps()).toHaveLength(1);
		});

		test(`the same event to the webhook process and to main at the same moment (${DUPLICATE_ROUNDS} events): counted`, async () => {
			const before = await executionCount();
			const answers = [];
			for (let round = 0; round < DUPLICATE_ROUNDS; round++) {
				const deliver = readReceipt(registered(), `evt_both_${round}`);
				answers.push(
					...(await Promise.all([deliver(triggerUrls().webhook), deliver(triggerUrls().main)])),
				);
			}
			expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
			const started = answers.filter((answer) => answer.answer === null).length;
			const all = await q().main.waitForExecutions(workflowId, before + started, 120_000);
			const executions = all.slice(before);
			const landed = [];
			for (const execution of executions) {
				landed.push(workerName((await q().waitForExecution(execution.id, 30_000)).worker));
			}
			const pastTrigger = executions.filter((execution) =>
				ranNodes(execution).includes('Follow Up'),
			);
			const counts = followUpsPerEvent();
			const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
			progress(
				`queue mode: same event at the same moment to the webhook process and main, ${DUPLICATE_ROUNDS} events: ` +
					`${started} executions started (${answers.length - started} refused at the door), ` +
					`${pastTrigger.length} ran past the trigger, ${duplicates} duplicate follow-ups; ` +
					`statuses ${JSON.stringify(countBy(executions.map((e) => e.status)))}, ` +
					`on ${JSON.stringify(countBy(landed))}`,
			);
			// What the design guarantees: no event lost, never more than one follow-up per delivery.
			// A second execution past the trigger may still send nothing: the follow-up's "Skip If
			// Already Sent" (on by default) finds the first one's message.
			expect([...counts.keys()].sort()).toEqual(
				Array.from({ length: DUPLICATE_ROUNDS }, (_, round) => `evt_both_${round}`).sort(),
			);
			for (const count of counts.values()) expect(count).toBeLessThanOrEqual(2);
			expect(pastTrigger.length).toBeGreaterThanOrEqual(DUPLICATE_ROUNDS + duplicates);
			expect(pastTrigger.length).toBeLessThanOrEqual(2 * DUPLICATE_ROUNDS);
		});

		test(`the same event twice at the same moment to the webhook process alone (${DUPLICATE_ROUNDS} events): one runs, the other is refused at the door`, async () => {
			const before = await executionCount();
			const answers = [];
			for (let round = 0; round < DUPLICATE_ROUNDS; round++) {
				const deliver = readReceipt(registered(), `evt_one_process_${round}`);
				answers.push(
					await Promise.all([deliver(triggerUrls().webhook), deliver(triggerUrls().webhook)]),
				);
			}
			// one process checks and records an event in its memory in one synchronous step
			for (const pair of answers) {
				const outcomes = pair.map((answer) => (answer.answer === null ? 'started' : answer.answer));
				expect(outcomes).toEqual(
					expect.arrayContaining(['started', { received: true, ignored: 'duplicate delivery' }]),
				);
			}
			const executions = (
				await q().main.waitForExecutions(workflowId, before + DUPLICATE_ROUNDS, 120_000)
			).slice(before);
			for (const execution of executions) await q().waitForExecution(execution.id, 30_000);
			expect(executions).toHaveLength(DUPLICATE_ROUNDS);
			expect([...followUpsPerEvent().entries()].sort()).toEqual(
				Array.from({ length: DUPLICATE_ROUNDS }, (_, round) => [
					`evt_one_process_${round}`,
					1,
				]).sort(),
			);
		});

		test(`retries that land on the other process after the first delivery ran (${DUPLICATE_ROUNDS} events): none runs past the trigger`, async () => {
			const urls = triggerUrls();
			const retries: Array<{ refused: boolean; pastTrigger: boolean }> = [];
			const landed: string[] = [];
			for (let round = 0; round < DUPLICATE_ROUNDS; round++) {
				// even rounds: first to the webhook process, the retry to main; odd rounds the other way
				const order = round % 2 === 0 ? [urls.webhook, urls.main] : [urls.main, urls.webhook];
				const deliver = readReceipt(registered(), `evt_retry_${round}`);
				for (const [attempt, url] of order.entries()) {
					const before = await executionCount();
					const { status, answer } = await deliver(url);
					expect(status).toBe(200);
					if (answer !== null) {
						expect({ attempt, answer }).toEqual({
							attempt: 1,
							answer: { received: true, ignored: 'duplicate delivery' },
						});
						retries.push({ refused: true, pastTrigger: false });
						continue;
					}
					const [started] = (
						await q().main.waitForExecutions(workflowId, before + 1, 30_000)
					).slice(before);
					const ran = await q().waitForExecution(started.id, 30_000);
					landed.push(workerName(ran.worker));
					const execution = await q().main.getExecution(started.id);
					if (attempt === 0) expect(ranNodes(execution)).toContain('Follow Up');
					else
						retries.push({
							refused: false,
							pastTrigger: ranNodes(execution).includes('Follow Up'),
						});
				}
			}
			progress(
				`queue mode: ${DUPLICATE_ROUNDS} retries on the other process after the first delivery ran: ` +
					`${retries.filter((r) => r.refused).length} refused at the door, ` +
					`${retries.filter((r) => r.pastTrigger).length} ran past the trigger; ` +
					`executions on ${JSON.stringify(countBy(landed))}`,
			);
			expect(retries).toHaveLength(DUPLICATE_ROUNDS);
			expect(retries.filter((retry) => retry.pastTrigger)).toEqual([]);
			expect([...followUpsPerEvent().entries()].sort()).toEqual(
				Array.from({ length: DUPLICATE_ROUNDS }, (_, round) => [`evt_retry_${round}`, 1]).sort(),
			);
		});

		test(`different events at the same moment (${DUPLICATE_ROUNDS}), each retried on main afterwards: the events the store lost run again`, async () => {
			const ids = Array.from({ length: DUPLICATE_ROUNDS }, (_, round) => `evt_burst_${round}`);
			const before = await executionCount();
			const answers = await Promise.all(
				ids.map(async (id) => await readReceipt(registered(), id)(triggerUrls().webhook)),
			);
			expect(answers).toEqual(ids.map(() => ({ status: 200, answer: null })));
			const burst = (
				await q().main.waitForExecutions(workflowId, before + ids.length, 120_000)
			).slice(before);
			for (const execution of burst) await q().waitForExecution(execution.id, 30_000);
			expect(burst.filter((execution) => ranNodes(execution).includes('Follow Up'))).toHaveLength(
				ids.length,
			);
			// n8n reads the trigger's whole list of events, adds its own and writes the list back,
			// without a lock: executions that overlap can overwrite each other's records.
			const stored = await storedEvents();
			const lost = ids.filter((id) => !stored.has(storeKey(id)));

			// Each event again, one after the other, to main (which has not seen them).
			const ranAgain: string[] = [];
			for (const id of ids) {
				const start = await executionCount();
				expect(await readReceipt(registered(), id)(triggerUrls().main)).toEqual({
					status: 200,
					answer: null,
				});
				const [retry] = (await q().main.waitForExecutions(workflowId, start + 1, 30_000)).slice(
					start,
				);
				await q().waitForExecution(retry.id, 30_000);
				if (ranNodes(await q().main.getExecution(retry.id)).includes('Follow Up')) {
					ranAgain.push(id);
				}
			}
			progress(
				`queue mode: ${DUPLICATE_ROUNDS} different events at the same moment: ${lost.length} of their records lost ` +
					`in n8n's processed-data store; retried one by one on main afterwards, ${ranAgain.length} ran past the trigger again`,
			);
			// A retry runs again exactly when the store lost its event.
			expect(ranAgain).toEqual(lost);
			const counts = followUpsPerEvent();
			expect([...counts.keys()].sort()).toEqual([...ids].sort());
			for (const count of counts.values()) expect(count).toBeLessThanOrEqual(2);
		});

		test("the trigger's state is kept; deactivation removes the endpoint", async () => {
			const { main } = q();
			const saved = await main.rest.get<{ staticData?: IDataObject }>(`/workflows/${workflowId}`);
			expect(saved.staticData?.['node:Unipile Trigger']).toMatchObject({
				endpointId: registered().id,
				secret: registered().secret,
			});
			await main.deactivate(workflowId);
			expect(unipile.webhooks()).toEqual([]);
			expect(
				unipile.requests
					.slice(mark)
					.filter((request) => request.method === 'DELETE')
					.map((request) => request.path),
			).toEqual([`/v2/webhooks/endpoints/${registered().id}`]);
			const after = await fetch(triggerUrls().webhook, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
				signal: AbortSignal.timeout(10_000),
			});
			expect(after.status).toBe(404);
		});
	});

	describe('what holds across the two workers', () => {
		beforeEach(resetSandboxes);

		test(`pacing across workers: ${PACED_SENDS} sends of one account from executions on both workers`, async () => {
			const workflowId = workflows.paced.id as string;
			await q().main.activate(workflowId);
			const executions = await startAtOnce(
				workflowId,
				'q-paced',
				Array.from({ length: PACED_SENDS }, (_, n) => ({ n })),
			);
			await q().main.deactivate(workflowId);
			expect(executions.map((execution) => execution.status)).toEqual(
				executions.map(() => 'success'),
			);
			const sends = byArrival(unipileSends());
			expect(texts(sends, 'text').sort()).toEqual(
				Array.from({ length: PACED_SENDS }, (_, n) => `paced ${n}`).sort(),
			);
			// which worker sent each message: the execution that the call with that `n` started
			const workerOfText = new Map<string, QueueWorker | undefined>();
			for (const execution of executions) {
				const body = execution.data?.resultData.runData.Webhook?.[0].data?.main[0]?.[0]?.json
					.body as IDataObject | undefined;
				workerOfText.set(`paced ${String(body?.n)}`, q().workerOf(execution.id));
			}
			const senders = sends.map((send) =>
				workerName(workerOfText.get(String((send.body as IDataObject).text))),
			);
			const all = gaps(sends);
			const starts = sends.slice(1).map((send, index) => send.receivedAt - sends[index].receivedAt);
			const perWorker = q().workers.map((worker) => {
				const own = sends.filter((_, index) => senders[index] === workerName(worker));
				return { worker: workerName(worker), sends: own.length, gaps: gaps(own) };
			});
			progress(
				`queue mode: ${PACED_SENDS} paced sends (1-2 s) of one account: smallest gap ${Math.min(...all)} ms ` +
					`(end of one send to the start of the next), smallest start-to-start ${Math.min(...starts)} ms, ` +
					`${all.filter((gap) => gap < 1000).length} gaps under 1 s; senders in order ${senders.join(', ')}; ` +
					perWorker
						.map((w) => `${w.worker}: ${w.sends} sends, smallest gap ${Math.min(...w.gaps)} ms`)
						.join('; '),
			);
			// Both workers sent, and each one spaces its own sends (pacing is per process).
			for (const w of perWorker) {
				expect(w.sends).toBeGreaterThan(0);
				for (const gap of w.gaps) expect(gap).toBeGreaterThanOrEqual(990);
			}
		});

		test(`"Skip If Already Sent" when the same send runs twice at once (${SKIP_TRIALS} times): counted`, async () => {
			const workflowId = workflows.skip.id as string;
			await q().main.activate(workflowId);
			const trials: Array<{ sameWorker: boolean; posts: number }> = [];
			for (let trial = 0; trial < SKIP_TRIALS; trial++) {
				const text = `Only once, please (${trial})`;
				const executions = await startAtOnce(workflowId, 'q-skip', [{ text }, { text }]);
				const workers = executions.map((execution) => workerName(q().workerOf(execution.id)));
				const posts = unipileSends().filter(
					(send) => (send.body as IDataObject).text === text,
				).length;
				trials.push({ sameWorker: workers[0] === workers[1], posts });
			}
			await q().main.deactivate(workflowId);
			const summary = (sameWorker: boolean) => {
				const own = trials.filter((trial) => trial.sameWorker === sameWorker);
				return `${own.length} trials, POSTs ${JSON.stringify(countBy(own.map((t) => String(t.posts))))}`;
			};
			progress(
				`queue mode: the same send with "Skip If Already Sent" twice at once, ${SKIP_TRIALS} times: ` +
					`on two workers ${summary(false)}; on one worker ${summary(true)}`,
			);
			for (const trial of trials) {
				expect(trial.posts).toBeGreaterThanOrEqual(1);
				expect(trial.posts).toBeLessThanOrEqual(2);
				// on one worker the second send waits for the first (pacing), then finds it and skips
				if (trial.sameWorker) expect(trial.posts).toBe(1);
			}
		});
	});
});

/** How many times each value occurs. */
function countBy(values: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}
