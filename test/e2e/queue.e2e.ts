/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * Queue mode: n8n 2.41.1 as main + worker + webhook process on 127.0.0.1, one sqlite user folder,
 * Redis from the OS (scripts/redis installs it, startRedis runs it). Main serves production
 * webhooks too, so a retry can land on another process than the first delivery. Checked:
 * - our package loads in every process;
 * - Unipile and ConnectSafely sends run on the worker, paced, and the pre-flight still sends
 *   nothing when one item is invalid;
 * - the Unipile Trigger registers once (main); a signed read receipt to the webhook process runs
 *   the follow-up once, on the worker; the same event delivered again, to main (another process)
 *   or to the webhook process, sends nothing more; forged ones start nothing; the trigger's own
 *   state survives; deactivation removes the endpoint.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';

import type { IDataObject, INode } from 'n8n-workflow';

import type { QueueMode, RedisServer } from '../../tools/n8n';
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
	startQueueMode,
	startRedis,
	waitFor,
	webhookTrigger,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi, unipileApi } from '../../tools/sandbox/credentials';
import type { RecordedRequest } from '../../tools/sandbox/server';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

const pkg = readPackageJson(repoRoot());
const unipileCredential = { unipileApi: { id: 'queueUnipile0001', name: 'Unipile sandbox' } };
const csCredential = {
	connectSafelyApi: { id: 'queueConnectSaf1', name: 'ConnectSafely sandbox' },
};
const CHAT = UNIPILE_SANDBOX.chatIds[0];
const TRIGGER_HOOK = '5b9c1f0e-7a1d-4c55-9d3e-0000000queue';
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

const unipileSend = (name: string, extra: Partial<INode> = {}) =>
	node(
		name,
		`${pkg.name}.unipile`,
		{
			resource: 'message',
			operation: 'send',
			account: rl(UNIPILE_SANDBOX.accountId),
			chat: rl(CHAT),
			text: '={{ $json.text }}',
			sendingOptions: paced,
		},
		{ credentials: unipileCredential, ...extra },
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
				text: 'Thanks for reading',
				sendingOptions: { pacing: false },
			},
			{ credentials: unipileCredential },
		),
	),
};

const texts = (requests: RecordedRequest[], key: string) =>
	requests.map((request) => (request.body as IDataObject)[key]);
/** Milliseconds from the end of each send to the start of the next. */
const gaps = (requests: RecordedRequest[]) =>
	requests
		.slice(1)
		.map((request, index) => request.receivedAt - (requests[index].respondedAt ?? 0));

describe('queue mode: main + worker + webhook process with Redis', () => {
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

	/** Runs a webhook-started workflow and checks the worker ran it; returns the execution. */
	async function runOnWorker(workflowId: string, path: string) {
		const { main, worker, webhook } = q();
		await main.activate(workflowId);
		expect((await webhook.callWebhook(path, { body: {} })).status).toBe(200);
		const [execution] = await main.waitForExecutions(workflowId, 1, 60_000);
		expect(await worker.waitForExecution(execution.id, 30_000)).toMatchObject({
			executionId: execution.id,
			workflowId,
		});
		expect(
			main.process.logEntries().some((entry) => entry.message.startsWith('Worker started')),
		).toBe(false);
		await main.deactivate(workflowId);
		return execution;
	}

	beforeAll(
		async () => {
			const install = await ensureN8nInstalled();
			await ensureRedisInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			unipile = await startUnipileSandbox();
			cs = await startConnectSafelySandbox();
			await importCredentials(userFolder, [
				unipileApi(unipileCredential.unipileApi, unipile),
				connectSafelyApi(csCredential.connectSafelyApi, cs),
			]);
			await importWorkflows(userFolder, Object.values(workflows), { install });
			redis = await startRedis();
			queue = await startQueueMode({
				userFolder,
				install,
				redisPort: redis.port,
				mainServesProductionWebhooks: true,
			});
		},
		35 * 60 * 1000,
	);

	afterAll(async () => {
		await queue?.stop();
		await redis?.stop();
		await unipile?.close();
		await cs?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	beforeEach(() => {
		unipile.reset();
		cs.reset();
	});

	test('our package is loaded by main, worker and webhook process', async () => {
		const nodeTypes = (await q().main.listNodeTypes()).map((type) => type.name);
		for (const name of ['unipile', 'connectSafely', 'unipileTrigger', 'connectSafelyTrigger']) {
			expect(nodeTypes).toContain(`${pkg.name}.${name}`);
		}
		for (const proc of [q().main.process, q().worker, q().webhook]) {
			expect({ process: proc.label, packages: loadedPackages(proc) }).toEqual({
				process: proc.label,
				packages: expect.arrayContaining([pkg.name]),
			});
		}
	});

	test('a Unipile send runs on the worker, paced', async () => {
		const execution = await runOnWorker(workflows.unipile.id as string, 'q-unipile');
		expect(execution.status).toBe('success');
		expect(texts(unipileSends(), 'text')).toEqual(['one', 'two', 'three']);
		for (const gap of gaps(unipileSends())) expect(gap).toBeGreaterThanOrEqual(990);
	});

	test('on the worker too, one invalid item means nothing is sent', async () => {
		const execution = await runOnWorker(workflows.unipileBad.id as string, 'q-unipile-bad');
		expect(execution.status).toBe('error');
		await sleep(2500);
		expect(unipileSends()).toHaveLength(0);
	});

	test('a ConnectSafely send runs on the worker, paced; an invalid item sends nothing', async () => {
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

	test('the Unipile Trigger: registered once, the follow-up sent once per event, whichever process receives it', async () => {
		const { main, worker, webhook } = q();
		const workflowId = workflows.trigger.id as string;
		await main.activate(workflowId);
		const registrations = unipile.requests.filter((request) => request.method === 'POST');
		expect(registrations.map((request) => request.path)).toEqual(['/v2/webhooks/endpoints/']);
		const [endpoint] = unipile.webhooks();
		expect(endpoint.url).toBe(webhook.webhookUrl(`${TRIGGER_HOOK}/webhook`));

		const eventId = 'evt_queue_once';
		const delivered = await unipile.emitReadReceipt(CHAT, UNIPILE_SANDBOX.messageIds[0], {
			id: eventId,
		});
		expect(delivered).toEqual([{ url: endpoint.url, status: 200 }]);
		const [first] = await main.waitForExecutions(workflowId, 1, 30_000);
		expect(await worker.waitForExecution(first.id, 30_000)).toMatchObject({ success: true });
		expect(webhook.enqueuedExecutions().map((entry) => entry.executionId)).toContain(first.id);
		expect(unipileSends().map(({ path, body }) => ({ path, body }))).toEqual([
			{
				path: `/v2/${UNIPILE_SANDBOX.accountId}/chats/${CHAT}/messages/send`,
				body: { text: 'Thanks for reading' },
			},
		]);

		// The same event again, signed, to main: a process that has not seen it.
		const body = JSON.stringify({
			id: eventId,
			created_at: new Date().toISOString(),
			account_id: UNIPILE_SANDBOX.accountId,
			type: 'message.receipt.read',
			payload: { chat_id: CHAT, message_id: UNIPILE_SANDBOX.messageIds[0] },
		});
		const deliver = async (url: string) => {
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
		expect(await deliver(`${main.url}/webhook/${TRIGGER_HOOK}/webhook`)).toEqual({
			status: 200,
			answer: null,
		});
		// Its execution, on the worker, ends at the trigger: n8n's processed-data store (shared by
		// every process) already holds the event, so the follow-up does not run.
		const executions = await main.waitForExecutions(workflowId, 2, 30_000);
		const repeat = executions.find((execution) => execution.id !== first.id);
		expect(await worker.waitForExecution(repeat?.id ?? '', 30_000)).toMatchObject({
			success: true,
		});
		const ran = await main.getExecution(repeat?.id ?? '');
		const runData = ran.data?.resultData.runData ?? {};
		expect(Object.keys(runData)).toEqual(['Unipile Trigger']);
		expect(runData['Unipile Trigger'][0].data?.main).toEqual([[]]);
		expect(unipileSends()).toHaveLength(1);

		// The webhook process remembers the event itself and refuses it at the door.
		expect(await deliver(webhook.webhookUrl(`${TRIGGER_HOOK}/webhook`))).toEqual({
			status: 200,
			answer: { received: true, ignored: 'duplicate delivery' },
		});
		// The trigger's own state (its webhook secret) is intact.
		const saved = await main.rest.get<{ staticData?: IDataObject }>(`/workflows/${workflowId}`);
		expect(saved.staticData?.['node:Unipile Trigger']).toMatchObject({
			endpointId: endpoint.id,
			secret: endpoint.secret,
		});

		const forged = await unipile.emitReadReceipt(CHAT, 'msg_forged', { signature: 'forged' });
		expect(forged.map((entry) => entry.status)).toEqual([401]);
		await sleep(2000);
		expect(await main.listExecutions({ workflowId })).toHaveLength(2);
		expect(unipileSends()).toHaveLength(1);

		await main.deactivate(workflowId);
		await waitFor('the endpoint removed', () => unipile.webhooks().length === 0, 10_000);
		expect(
			unipile.requests
				.filter((request) => request.method === 'DELETE')
				.map((request) => request.path),
		).toEqual([`/v2/webhooks/endpoints/${endpoint.id}`]);
		progress('queue mode: trigger checked');
	});
});
