/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * The package on n8n 1.x (N8N_1X_VERSION, the newest 1.123.x): scripts/install-n8n installs it
 * into its own home (first time 3-4 min), n8n 1.x starts with this package installed as a
 * community package, lists our node types, and the tooling's helpers work there too (CLI import,
 * owner setup over REST, synchronous activation, webhook execution). Needs `npm run build` first.
 * Workflow IDs stay at 16 characters or fewer: n8n 1.x saves no static data for longer ones.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	createUserFolder,
	ensureN8nInstalled,
	importWorkflows,
	installPackage,
	linearWorkflow,
	N8N_1X_VERSION,
	noOp,
	progress,
	readPackageJson,
	repoRoot,
	startN8n,
	webhookTrigger,
	type N8nInstall,
	type N8nServer,
} from '../../tools/n8n';

const packageDir = repoRoot();
const pkg = readPackageJson(packageDir);
const WORKFLOW_ID = 'e2e1xWebhook0001';
const webhookPath = `e2e-1x-${Date.now().toString(36)}`;
const TESTS = 3;
const INSTALL_AND_SETUP_TIMEOUT_MS = 35 * 60 * 1000;

describe(`real n8n ${N8N_1X_VERSION} with this package installed`, () => {
	let install: N8nInstall;
	let userFolder: string | undefined;
	let server: N8nServer | undefined;
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
		const workflow = linearWorkflow(
			'E2E 1.x: webhook -> no-op',
			[
				webhookTrigger({ path: webhookPath, webhookId: '3d0f1c52-6a0e-4f7e-9c1e-0e2e5a0e1001' }),
				noOp(),
			],
			WORKFLOW_ID,
		);
		expect(WORKFLOW_ID.length).toBeLessThanOrEqual(16);
		await importWorkflows(userFolder, [workflow], { install });
		server = await startN8n({ userFolder, install });
	}, INSTALL_AND_SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await server?.stop();
		if (userFolder && passed === TESTS) {
			fs.rmSync(userFolder, { recursive: true, force: true });
		} else if (userFolder) {
			progress(`--- last lines of the n8n log:\n${server?.logTail(40) ?? ''}`);
			progress(`kept ${userFolder} for inspection`);
		}
		progress(`n8n ${N8N_1X_VERSION} suite took ${Date.now() - started} ms`);
	});

	test('n8n 1.x runs, the owner is set up and has an API key', async () => {
		expect(n8n().version).toBe(N8N_1X_VERSION);
		const workflows = await n8n().api.get<{ data: Array<{ id: string }> }>('/workflows');
		expect(workflows.data.map((w) => w.id)).toEqual([WORKFLOW_ID]);
		passed++;
	});

	test('our node types are listed', async () => {
		const names = (await n8n().listNodeTypes()).map((t) => t.name);
		for (const node of ['unipile', 'connectSafely', 'unipileTrigger', 'unipileTool']) {
			expect(names).toContain(`${pkg.name}.${node}`);
		}
		const credentials = (await n8n().listCredentialTypes()).map((t) => t.name);
		expect(credentials).toEqual(expect.arrayContaining(['unipileApi', 'connectSafelyApi']));
		passed++;
	});

	test('Webhook -> NoOp: activate, POST, 1 successful execution, deactivate', async () => {
		const status = await n8n().activate(WORKFLOW_ID);
		expect(status.status).toBe('published');
		const response = await n8n().callWebhook(webhookPath, { body: { hello: '1.x' } });
		expect(response.status).toBe(200);
		const [execution] = await n8n().waitForExecutions(WORKFLOW_ID, 1);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const out = execution.data?.resultData.runData['No Operation'][0].data?.main[0]?.[0]?.json;
		expect(out?.body).toEqual({ hello: '1.x' });
		expect((await n8n().deactivate(WORKFLOW_ID)).status).toBe('not_published');
		const after = await fetch(n8n().webhookUrl(webhookPath), { method: 'POST' });
		expect(after.status).toBe(404);
		passed++;
	});
});
