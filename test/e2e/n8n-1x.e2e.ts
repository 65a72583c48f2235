/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * The package on n8n 1.x (N8N_1X_VERSION, the newest 1.123.x): scripts/install-n8n installs it
 * into its own home (first time 3-4 min), n8n 1.x starts with this package installed as a
 * community package and lists our node types; then the smoke set: a send with a file, a Get Many
 * that pages, the credential test, and the trigger's signed read receipt (once, not twice).
 * Needs `npm run build` first. Workflow IDs stay at 16 characters or fewer: n8n 1.x saves no
 * static data for longer ones.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import {
	createUserFolder,
	ensureN8nInstalled,
	importCredentials,
	importWorkflows,
	installPackage,
	linearWorkflow,
	N8N_1X_VERSION,
	node,
	PNG,
	progress,
	readPackageJson,
	readReceiptsWorkflow,
	repoRoot,
	rl,
	sleep,
	startN8n,
	webhookTrigger,
	type N8nInstall,
	type N8nServer,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi, unipileApi } from '../../tools/sandbox/credentials';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

const packageDir = repoRoot();
const pkg = readPackageJson(packageDir);
const unipileCredential = { unipileApi: { id: 'v1xUnipile000001', name: 'Unipile sandbox' } };
const csCredential = {
	connectSafelyApi: { id: 'v1xConnectSafe01', name: 'ConnectSafely sandbox' },
};
const TRIGGER_HOOK = '5b9c1f0e-7a1d-4c55-9d3e-00000000e2e1x';
const SEND_PATH = 'e2e-1x-send';
const LIST_PATH = 'e2e-1x-list';
const sendWithFile = linearWorkflow(
	'E2E 1.x: send with a file',
	[
		webhookTrigger({ path: SEND_PATH, webhookId: '3d0f1c52-6a0e-4f7e-9c1e-0e2e5a0e1001' }),
		node(
			'File',
			'n8n-nodes-base.code',
			{
				jsCode: `return [{ json: {}, binary: { data: { data: Buffer.from('${PNG}', 'hex').toString('base64'), mimeType: 'image/png', fileName: 'logo.png' } } }];`,
			},
			{ typeVersion: 2 },
		),
		node(
			'Send',
			`${pkg.name}.unipile`,
			{
				resource: 'message',
				operation: 'send',
				account: rl(UNIPILE_SANDBOX.accountId),
				chat: rl(UNIPILE_SANDBOX.chatIds[0]),
				text: 'From n8n 1.x',
				attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
				sendingOptions: { pacing: false },
			},
			{ credentials: unipileCredential },
		),
	],
	'e2e1xSendFile01',
);
const listAll = linearWorkflow(
	'E2E 1.x: get many, paged',
	[
		webhookTrigger({ path: LIST_PATH, webhookId: '3d0f1c52-6a0e-4f7e-9c1e-0e2e5a0e1002' }),
		node(
			'Conversations',
			`${pkg.name}.connectSafely`,
			{
				resource: 'conversation',
				operation: 'getAll',
				account: rl(CONNECTSAFELY_SANDBOX.accountId),
				returnAll: true,
			},
			{ credentials: csCredential },
		),
	],
	'e2e1xListAll001',
);
const receipts = readReceiptsWorkflow('E2E 1.x: read receipts', 'e2e1xReceipts01', {
	credentials: unipileCredential,
	webhookId: TRIGGER_HOOK,
});
const TESTS = 5;
const INSTALL_AND_SETUP_TIMEOUT_MS = 35 * 60 * 1000;

describe(`real n8n ${N8N_1X_VERSION} with this package installed`, () => {
	let install: N8nInstall;
	let userFolder: string | undefined;
	let server: N8nServer | undefined;
	let unipile: UnipileSandbox;
	let cs: ConnectSafelySandbox;
	let passed = 0;
	const started = Date.now();
	const n8n = (): N8nServer => {
		if (!server) throw new Error('n8n did not start');
		return server;
	};

	beforeAll(async () => {
		install = await ensureN8nInstalled({ version: N8N_1X_VERSION });
		expect(install.version).toBe(N8N_1X_VERSION);
		expect(install.major).toBe(1);
		if (!fs.existsSync(path.join(packageDir, 'dist'))) {
			throw new Error(`${packageDir}/dist is missing: run "npm run build" first`);
		}
		userFolder = createUserFolder({ install });
		installPackage(userFolder, packageDir);
		unipile = await startUnipileSandbox();
		cs = await startConnectSafelySandbox();
		await importCredentials(
			userFolder,
			[
				unipileApi(unipileCredential.unipileApi, unipile),
				connectSafelyApi(csCredential.connectSafelyApi, cs),
			],
			{ install },
		);
		const workflows = [sendWithFile, listAll, receipts];
		for (const workflow of workflows)
			expect((workflow.id as string).length).toBeLessThanOrEqual(16);
		await importWorkflows(userFolder, workflows, { install });
		server = await startN8n({ userFolder, install });
	}, INSTALL_AND_SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await server?.stop();
		await unipile?.close();
		await cs?.close();
		if (userFolder && passed === TESTS) {
			fs.rmSync(userFolder, { recursive: true, force: true });
		} else if (userFolder) {
			progress(`--- last lines of the n8n log:\n${server?.logTail(40) ?? ''}`);
			progress(`kept ${userFolder} for inspection`);
		}
		progress(`n8n ${N8N_1X_VERSION} suite took ${Date.now() - started} ms`);
	});

	test('n8n 1.x runs with the owner set up', async () => {
		expect(n8n().version).toBe(N8N_1X_VERSION);
		const listed = await n8n().api.get<{ data: Array<{ id: string }> }>('/workflows');
		expect(listed.data.map((workflow) => workflow.id).sort()).toEqual(
			[sendWithFile, listAll, receipts].map((workflow) => workflow.id).sort(),
		);
		passed++;
	});

	test('our node types are listed', async () => {
		const names = (await n8n().listNodeTypes()).map((t) => t.name);
		for (const type of [
			'unipile',
			'connectSafely',
			'unipileTrigger',
			'connectSafelyTrigger',
			'unipileTool',
		]) {
			expect(names).toContain(`${pkg.name}.${type}`);
		}
		const credentials = (await n8n().listCredentialTypes()).map((t) => t.name);
		expect(credentials).toEqual(expect.arrayContaining(['unipileApi', 'connectSafelyApi']));
		passed++;
	});

	test('sends a message with a file', async () => {
		await n8n().activate(sendWithFile.id as string);
		expect((await n8n().callWebhook(SEND_PATH, { body: {} })).status).toBe(200);
		const [execution] = await n8n().waitForExecutions(sendWithFile.id as string, 1);
		expect(execution.status).toBe('success');
		const sends = unipile.requests.filter((request) => request.path.endsWith('/messages/send'));
		expect(sends.map((request) => request.body)).toEqual([
			{
				text: 'From n8n 1.x',
				attachments: [
					{
						content: Buffer.from(PNG, 'hex').toString('base64'),
						content_type: 'image/png',
						filename: 'logo.png',
						send_mode: 'file',
					},
				],
			},
		]);
		await n8n().deactivate(sendWithFile.id as string);
		passed++;
	});

	test('gets every conversation, page by page', async () => {
		await n8n().activate(listAll.id as string);
		expect((await n8n().callWebhook(LIST_PATH, { body: {} })).status).toBe(200);
		const [execution] = await n8n().waitForExecutions(listAll.id as string, 1);
		expect(execution.status).toBe('success');
		const items = execution.data?.resultData.runData.Conversations[0].data?.main[0] ?? [];
		expect(items).toHaveLength(CONNECTSAFELY_SANDBOX.conversationCount);
		const pages = cs.requests.filter((request) => request.path === '/linkedin/conversations');
		expect(pages.map((request) => request.query.nextCursor)).toEqual([
			undefined,
			...pages.slice(1).map(() => expect.stringMatching(/./) as unknown as string),
		]);
		expect(pages).toHaveLength(Math.ceil(CONNECTSAFELY_SANDBOX.conversationCount / 50));
		await n8n().deactivate(listAll.id as string);
		passed++;
	});

	test("the trigger's signed read receipt starts one execution; again, none", async () => {
		const workflowId = receipts.id as string;
		await n8n().activate(workflowId);
		const [endpoint] = unipile.webhooks();
		expect(endpoint.url).toBe(n8n().webhookUrl(`${TRIGGER_HOOK}/webhook`));
		const event = { id: 'evt_1x_once' };
		expect(await unipile.emitReadReceipt(UNIPILE_SANDBOX.chatIds[0], 'msg_0001_1', event)).toEqual([
			{ url: endpoint.url, status: 200 },
		]);
		const [execution] = await n8n().waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(await unipile.emitReadReceipt(UNIPILE_SANDBOX.chatIds[0], 'msg_0001_1', event)).toEqual([
			{ url: endpoint.url, status: 200 },
		]);
		expect(
			(
				await unipile.emitReadReceipt(UNIPILE_SANDBOX.chatIds[0], 'msg_x', { signature: 'forged' })
			)[0].status,
		).toBe(401);
		await sleep(2000);
		expect(await n8n().listExecutions({ workflowId })).toHaveLength(1);
		const saved = await n8n().rest.get<{ staticData?: IDataObject }>(`/workflows/${workflowId}`);
		expect(saved.staticData?.['node:Unipile Trigger']).toMatchObject({
			recentEvents: expect.any(Object),
		});
		await n8n().deactivate(workflowId);
		passed++;
	});
});
