/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: drives a real n8n, never shipped */
/**
 * Smoke test of the real-n8n tooling (tools/n8n): n8n 2.41.1 boots with this package installed as
 * a community package, runs a workflow headlessly, loads our node and credential types, and runs a
 * webhook-triggered workflow in server mode. Needs `npm run build` first (dist/).
 * N8N_E2E_PACKAGE_DIR may point at another built package directory (default: this repo).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

import {
	createUserFolder,
	ensureN8nInstalled,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	linearWorkflow,
	manualTrigger,
	noOp,
	progress,
	readPackageJson,
	repoRoot,
	startN8n,
	webhookTrigger,
	type InstalledPackage,
	type N8nInstall,
	tail,
	type N8nServer,
} from '../../tools/n8n';

const packageDir = process.env.N8N_E2E_PACKAGE_DIR
	? path.resolve(process.env.N8N_E2E_PACKAGE_DIR)
	: repoRoot();
const pkg = readPackageJson(packageDir);

/** `description.name` / `name` of each built node / credential class listed in package.json. */
async function declaredTypeNames(files: string[], field: 'node' | 'credential'): Promise<string[]> {
	const names: string[] = [];
	for (const file of files) {
		const mod = (await import(path.join(packageDir, file))) as Record<string, unknown>;
		// n8n loads the class named like the file (Unipile.node.js → Unipile), nothing else.
		const [className] = path.basename(file).split('.');
		const instance = new (mod[className] as new () => {
			description?: { name?: string };
			name?: string;
		})();
		const name = field === 'node' ? instance.description?.name : instance.name;
		if (typeof name === 'string') names.push(name);
	}
	return names;
}

const webhookPath = `e2e-smoke-${Date.now().toString(36)}`;
const headlessWorkflow = linearWorkflow(
	'E2E smoke: manual trigger -> no-op',
	[manualTrigger(), noOp()],
	'e2eSmokeManual001',
);
const webhookWorkflow = linearWorkflow(
	'E2E smoke: webhook -> no-op',
	[
		webhookTrigger({ path: webhookPath, webhookId: '3d0f1c52-6a0e-4f7e-9c1e-0e2e5a0e0001' }),
		noOp(),
	],
	'e2eSmokeWebhook01',
);

const UNIPILE_CREDENTIAL_ID = 'e2eUnipileCred01';
const TESTS = 5;
/** A first install of n8n takes about 6 minutes (more than the 5-minute test timeout). */
const INSTALL_AND_SETUP_TIMEOUT_MS = 35 * 60 * 1000;

describe('real n8n 2.41.1 with this package installed', () => {
	let install: N8nInstall;
	let userFolder: string | undefined;
	let installed: InstalledPackage;
	let server: N8nServer | undefined;
	let passed = 0;
	const started = Date.now();
	const folder = (): string => {
		if (!userFolder) throw new Error('setup failed: no user folder');
		return userFolder;
	};
	const hasUnipileCredential = (pkg.n8n?.credentials ?? []).some((f) =>
		f.endsWith('/UnipileApi.credentials.js'),
	);
	// stands in for the Unipile API: answers the credential's test request on 127.0.0.1
	const unipileRequests: string[] = [];
	const unipileStandIn = http.createServer((req, res) => {
		const key = req.headers['x-api-key'] === 'e2e-example-key' ? 'ok' : 'wrong';
		unipileRequests.push(`${req.method} ${req.url} key=${key}`);
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ object: 'AccountList', items: [], cursor: null }));
	});

	beforeAll(async () => {
		install = await ensureN8nInstalled();
		if (!fs.existsSync(path.join(packageDir, 'dist'))) {
			throw new Error(`${packageDir}/dist is missing: run "npm run build" first`);
		}
		userFolder = createUserFolder({ install });
		installed = installPackage(userFolder, packageDir);
		progress(`${installed.name} installed in ${installed.dir}`);
		await new Promise<void>((resolve) => unipileStandIn.listen(0, '127.0.0.1', resolve));
		const address = unipileStandIn.address();
		const standInPort = typeof address === 'object' && address ? address.port : 0;
		if (hasUnipileCredential) {
			await importCredentials(
				userFolder,
				[
					{
						id: UNIPILE_CREDENTIAL_ID,
						name: 'E2E Unipile',
						type: 'unipileApi',
						data: {
							apiKey: 'e2e-example-key',
							serviceApiKey: '',
							baseUrl: `http://127.0.0.1:${standInPort}/v2`,
						},
					},
				],
				{ install },
			);
		}
		await importWorkflows(userFolder, [headlessWorkflow, webhookWorkflow], { install });
	}, INSTALL_AND_SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await server?.stop();
		await new Promise<void>((resolve) => unipileStandIn.close(() => resolve()));
		if (userFolder && passed === TESTS) {
			fs.rmSync(userFolder, { recursive: true, force: true });
		} else if (userFolder) {
			for (const log of ['n8n-cli.log', 'n8n-server.log']) {
				progress(
					`--- last lines of ${path.join(userFolder, log)}:\n${tail(path.join(userFolder, log), 40, true)}`,
				);
			}
			progress(`kept ${userFolder} for inspection`);
		}
		progress(`n8n smoke suite took ${Date.now() - started} ms`);
	});

	test('headless: Manual Trigger -> NoOp runs with `n8n execute`', async () => {
		const result = await executeWorkflow(folder(), 'e2eSmokeManual001', { install });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(Object.keys(result.runData)).toEqual(['Manual Trigger', 'No Operation']);
		expect(result.runData['No Operation'][0].executionStatus).toBe('success');
		passed++;
	});

	test('server: n8n start is ready and the owner has an API key', async () => {
		server = await startN8n({ userFolder: folder(), install });
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const workflows = await server.api.get<{ data: Array<{ id: string }> }>('/workflows');
		expect(workflows.data.map((w) => w.id).sort()).toEqual([
			'e2eSmokeManual001',
			'e2eSmokeWebhook01',
		]);
		passed++;
	});

	test('server: the package node and credential types are loaded', async () => {
		if (!server) throw new Error('n8n did not start');
		const nodeTypes = (await server.listNodeTypes()).map((t) => t.name);
		expect(nodeTypes).toContain('n8n-nodes-base.noOp');
		const expectedNodes = (await declaredTypeNames(installed.nodes, 'node')).map(
			(name) => `${installed.name}.${name}`,
		);
		expect(expectedNodes).toHaveLength(installed.nodes.length);
		expect(nodeTypes).toEqual(expect.arrayContaining(expectedNodes));
		if (installed.nodes.length === 0) {
			progress(
				`package.json lists no nodes yet: only checked that n8n boots with ${installed.name}`,
			);
		}
		const credentialTypes = (await server.listCredentialTypes()).map((t) => t.name);
		const expectedCredentials = await declaredTypeNames(installed.credentials, 'credential');
		expect(expectedCredentials).toHaveLength(installed.credentials.length);
		expect(credentialTypes).toEqual(expect.arrayContaining(expectedCredentials));
		passed++;
	});

	test('server: Webhook -> NoOp, activate, POST, 1 successful execution, deactivate', async () => {
		if (!server) throw new Error('n8n did not start');
		await server.activate('e2eSmokeWebhook01');
		const response = await server.callWebhook(webhookPath, { body: { hello: 'n8n' } });
		expect(response.status).toBe(200);

		const [execution] = await server.waitForExecutions('e2eSmokeWebhook01', 1, 30000);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const out = execution.data?.resultData.runData['No Operation'][0].data?.main[0]?.[0]?.json;
		expect(out?.body).toEqual({ hello: 'n8n' });

		await server.deactivate('e2eSmokeWebhook01');
		const after = await fetch(server.webhookUrl(webhookPath), { method: 'POST' });
		expect(after.status).toBe(404);
		passed++;
	});

	test("server: credential test (public API) runs the credential's test request", async () => {
		if (!server) throw new Error('n8n did not start');
		if (!hasUnipileCredential) {
			progress('no Unipile credential in package.json: credential test skipped');
		} else {
			const result = await server.testCredential(UNIPILE_CREDENTIAL_ID);
			expect(result).toEqual({ status: 'OK', message: expect.any(String) });
			expect(unipileRequests).toHaveLength(1);
			expect(unipileRequests[0]).toMatch(/^GET \/v2\/accounts\/?\?limit=1 key=ok$/);
		}
		passed++;
	});
});
