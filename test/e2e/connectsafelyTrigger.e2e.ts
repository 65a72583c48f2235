/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: drives a real n8n, never shipped */
/**
 * The ConnectSafely Trigger inside a real n8n 2.41.1 (`n8n start`, package installed as a community
 * package): signed `message.received` webhooks from the ConnectSafely sandbox start exactly one
 * execution each; forged, unsigned, stale, malformed and replayed deliveries start none, also after
 * a restart. Then the demo workflow (demo/reply.workflow.json) on both of its branches.
 */
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import type { IDataObject } from 'n8n-workflow';
import * as path from 'path';

import type { N8nInstall, N8nServer, WorkflowJson } from '../../tools/n8n';
import {
	createUserFolder,
	ensureN8nInstalled,
	importCredentials,
	importWorkflows,
	installPackage,
	linearWorkflow,
	node,
	outputOf,
	repoRoot,
	sleep,
	startN8n,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi } from '../../tools/sandbox/credentials';

const TRIGGER = 'n8n-nodes-linkedin-messaging.connectSafelyTrigger';
const WEBHOOK_ID = '0c5a8e1f-4b2d-4e7a-9f3c-00000000e2e3';
const WEBHOOK_PATH = `${WEBHOOK_ID}/webhook`;
const credential = (id: string) => ({ connectSafelyApi: { id, name: `ConnectSafely ${id}` } });

const replies: WorkflowJson = linearWorkflow(
	'E2E ConnectSafely replies',
	[
		node(
			'ConnectSafely Trigger',
			TRIGGER,
			{ options: {} },
			{ credentials: credential('e2eCsTrigger0001'), webhookId: WEBHOOK_ID },
		),
		node('Done', 'n8n-nodes-base.noOp'),
	],
	'e2eCsReplies0001',
);

const LANES_WEBHOOK_ID = '0c5a8e1f-4b2d-4e7a-9f3c-00000000e2e5';
const lanes: WorkflowJson = linearWorkflow(
	'E2E ConnectSafely test and live calls',
	[
		node(
			'ConnectSafely Trigger',
			TRIGGER,
			{ options: {} },
			{ credentials: credential('e2eCsTrigger0001'), webhookId: LANES_WEBHOOK_ID },
		),
		node('Done', 'n8n-nodes-base.noOp'),
	],
	'e2eCsLanes000001',
);

const noSecret: WorkflowJson = linearWorkflow(
	'E2E ConnectSafely trigger without secret',
	[
		node(
			'ConnectSafely Trigger',
			TRIGGER,
			{ options: {} },
			{
				credentials: credential('e2eCsNoSecret001'),
				webhookId: '0c5a8e1f-4b2d-4e7a-9f3c-00000000e2e4',
			},
		),
		node('Done', 'n8n-nodes-base.noOp'),
	],
	'e2eCsNoSecret001',
);

const demo = JSON.parse(
	readFileSync(path.join(repoRoot(), 'demo', 'reply.workflow.json'), 'utf8'),
) as WorkflowJson;
const demoWebhookPath = `${String(demo.nodes[0].webhookId)}/webhook`;

const thread = (n: number) =>
	`urn:li:messagingThread:2-${Buffer.from(`demo-thread-${n}`).toString('base64')}`;

describe('ConnectSafely Trigger in a real n8n 2.41.1', () => {
	let install: N8nInstall;
	let userFolder: string;
	let sandbox: ConnectSafelySandbox;
	let server: N8nServer;

	beforeAll(
		async () => {
			install = await ensureN8nInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			sandbox = await startConnectSafelySandbox();
			const signing = { webhookSigningSecret: CONNECTSAFELY_SANDBOX.webhookSecret };
			await importCredentials(userFolder, [
				connectSafelyApi(credential('e2eCsTrigger0001').connectSafelyApi, sandbox, signing),
				connectSafelyApi(credential('e2eCsNoSecret001').connectSafelyApi, sandbox),
				connectSafelyApi(
					{ id: 'demoConnectSafely1', name: 'ConnectSafely (sandbox)' },
					sandbox,
					signing,
				),
			]);
			await importWorkflows(userFolder, [replies, noSecret, demo, lanes]);
			server = await startN8n({ userFolder, install });
		},
		40 * 60 * 1000,
	);

	afterAll(async () => {
		await server?.stop();
		await sandbox?.close();
	});

	const count = async (workflowId: string) => (await server.listExecutions({ workflowId })).length;

	it('runs once per signed message; forged, unsigned, stale, malformed and replayed calls run nothing, also after a restart', async () => {
		await server.activate(replies.id as string);
		const url = server.webhookUrl(WEBHOOK_PATH);
		// The first call also waits until n8n serves the webhook.
		await server.callWebhook(WEBHOOK_PATH, { body: {} }).then((response) => {
			expect(response.status).toBe(401);
			expect(response.body).toBe(
				'{"message":"Invalid signature: missing X-Webhook-Signature header"}',
			);
		});

		const delivered = await sandbox.deliverMessage({ url, text: 'Tell me more' });
		expect(delivered.status).toBe(200);
		const [execution] = await server.waitForExecutions(replies.id as string, 1);
		expect(execution.status).toBe('success');
		const items = outputOf(execution.data?.resultData.runData ?? {}, 'ConnectSafely Trigger');
		expect(items).toHaveLength(1);
		const payload = items[0].payload as IDataObject;
		expect(items[0]).toEqual({
			message_id: delivered.id,
			message_urn: delivered.id,
			conversation_id: thread(1),
			account_id: CONNECTSAFELY_SANDBOX.accountId,
			sender_id: CONNECTSAFELY_SANDBOX.profileUrns[0],
			sender_name: 'Contact ana-demo-1',
			sender_profile_url: null,
			sender_profile_picture: null,
			provider: 'LINKEDIN',
			text: 'Tell me more',
			timestamp: payload.timestamp,
			attachments: [],
			payload: {
				id: delivered.id,
				message_urn: delivered.id,
				account_id: CONNECTSAFELY_SANDBOX.accountId,
				provider: 'LINKEDIN',
				sender: {
					id: CONNECTSAFELY_SANDBOX.profileUrns[0],
					name: 'Contact ana-demo-1',
					profile_url: null,
					profile_picture: null,
				},
				body: 'Tell me more',
				timestamp: payload.timestamp,
				conversation_id: thread(1),
				attachments: [],
			},
		});
		expect(payload.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

		expect((await sandbox.deliverMessage({ url, signature: 'forged' })).status).toBe(401);
		expect((await sandbox.deliverMessage({ url, signature: 'none' })).status).toBe(401);
		expect((await sandbox.deliverMessage({ url, timestamp: 'stale' })).status).toBe(401);
		const notAnEnvelope = JSON.stringify({ hello: 'world' });
		const malformed = await server.callWebhook(WEBHOOK_PATH, {
			body: notAnEnvelope,
			headers: {
				'content-type': 'application/json',
				'x-webhook-signature': `sha256=${createHmac('sha256', CONNECTSAFELY_SANDBOX.webhookSecret)
					.update(notAnEnvelope)
					.digest('hex')}`,
			},
		});
		expect(malformed.status).toBe(400);
		const replayed = await sandbox.deliverMessage({ url, id: delivered.id, timestamp: 'now' });
		expect(replayed).toEqual({ status: 200, id: delivered.id });
		await sleep(3000);
		expect(await count(replies.id as string)).toBe(1);

		// n8n saved the remembered ID with the workflow's static data...
		const saved = await server.rest.get<{ staticData?: IDataObject }>(
			`/workflows/${replies.id as string}`,
		);
		const nodeData = saved.staticData?.['node:ConnectSafely Trigger'] as IDataObject | undefined;
		expect(Object.keys((nodeData?.recentEvents as IDataObject | undefined) ?? {})).toHaveLength(1);

		// ...so a retry after a restart (memory gone) starts nothing either.
		await server.stop();
		server = await startN8n({ userFolder, install });
		await server.waitForPublished(replies.id as string);
		const afterRestart = await sandbox.deliverMessage({
			url: server.webhookUrl(WEBHOOK_PATH),
			id: delivered.id,
		});
		expect(afterRestart.status).toBe(200);
		const fresh = await sandbox.deliverMessage({ url: server.webhookUrl(WEBHOOK_PATH) });
		expect(fresh.status).toBe(200);
		await server.waitForExecutions(replies.id as string, 2);
		await sleep(2000);
		expect(await count(replies.id as string)).toBe(2);
		await server.deactivate(replies.id as string);
	});

	it('runs a signed message sent to the Test URL, then the same message sent to the Production URL, once in each', async () => {
		const workflowId = lanes.id as string;
		await server.activate(workflowId);
		const path = `${LANES_WEBHOOK_ID}/webhook`;
		// "Listen for test event" in the editor: n8n registers the Test URL for one call.
		expect(
			await server.rest.post(`/workflows/${workflowId}/run`, {
				triggerToStartFrom: { name: 'ConnectSafely Trigger' },
			}),
		).toEqual({ waitingForWebhook: true });
		const testUrl = server.webhookUrl(path).replace('/webhook/', '/webhook-test/');
		const tested = await sandbox.deliverMessage({ url: testUrl, text: 'Tested first' });
		expect(tested.status).toBe(200);
		const [test] = await server.waitForExecutions(workflowId, 1);
		expect(test.mode).toBe('manual');

		const live = await sandbox.deliverMessage({ url: server.webhookUrl(path), id: tested.id });
		expect(live).toEqual({ status: 200, id: tested.id });
		const runs = await server.waitForExecutions(workflowId, 2);
		expect(runs.map((run) => [run.mode, run.status])).toEqual([
			['manual', 'success'],
			['webhook', 'success'],
		]);
		expect(
			runs.map((run) =>
				outputOf(run.data?.resultData.runData ?? {}, 'Done').map((item) => item.message_id),
			),
		).toEqual([[tested.id], [tested.id]]);
		// A redelivery of the live call is still one.
		expect(
			(await sandbox.deliverMessage({ url: server.webhookUrl(path), id: tested.id })).status,
		).toBe(200);
		await sleep(2000);
		expect(await count(workflowId)).toBe(2);
		await server.deactivate(workflowId);
	});

	it('refuses to activate without a signing secret in the credential', async () => {
		await expect(server.activate(noSecret.id as string)).rejects.toThrow(
			'No webhook signing secret configured',
		);
	});

	it('demo: stops the sequence on a reply in one of our conversations, passes the others', async () => {
		const demoId = demo.id as string;
		await server.activate(demoId);
		const url = server.webhookUrl(demoWebhookPath);
		expect((await sandbox.deliverMessage({ url, text: 'Please stop' })).status).toBe(200);
		const [ours] = await server.waitForExecutions(demoId, 1);
		const oursRun = ours.data?.resultData.runData ?? {};
		expect(ours.status).toBe('success');
		expect(outputOf(oursRun, 'Stop Sequence')).toEqual([
			{ stopped: true, conversation_id: thread(1) },
		]);
		expect(oursRun['Not Ours']).toBeUndefined();

		const other = await sandbox.deliverMessage({
			url,
			conversationUrn: CONNECTSAFELY_SANDBOX.conversationUrns[2],
		});
		expect(other.status).toBe(200);
		const [, notOurs] = await server.waitForExecutions(demoId, 2);
		const notOursRun = notOurs.data?.resultData.runData ?? {};
		expect(notOurs.status).toBe('success');
		expect(notOursRun['Stop Sequence']).toBeUndefined();
		expect(outputOf(notOursRun, 'Not Ours')).toHaveLength(1);
		expect(outputOf(notOursRun, 'Not Ours')[0]).toMatchObject({ conversation_id: thread(3) });
		await server.deactivate(demoId);
	});
});
