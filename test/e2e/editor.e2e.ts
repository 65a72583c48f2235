/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n and a browser, never shipped */
/**
 * The n8n 2.41.1 editor in a real browser: Debian's chromium (`scripts/chromium` installs it),
 * headless, driven by playwright-core, against a real n8n set up as `npm start` sets it up
 * (tools/demo.ts: this package installed as a community package, the sandbox APIs, their
 * credentials, the demo workflows). As a new user would: sign in, open a new workflow, search
 * "LinkedIn" in the nodes panel, add each action node with a send operation, and check that
 * Account comes right after Operation and that its list loads from the sandbox. Screenshots go to
 * a temporary directory whose path is printed. Every wait is bounded; only the browser, n8n and
 * the sandboxes started here are stopped.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import type { DemoSandboxes } from '../../tools/demo';
import { prepareDemoFolder, startDemoSandboxes } from '../../tools/demo';
import type { N8nServer } from '../../tools/n8n';
import { E2E_OWNER, ensureN8nInstalled, progress, settleWithin, startN8n } from '../../tools/n8n';
import { operationsOf } from './toolDescriptions';

const CHROMIUM = '/usr/bin/chromium';
const PACKAGE = 'n8n-nodes-linkedin-messaging';
/** n8n's own markers in the editor's DOM. */
const TEST_ID = 'data-test-id';
/** The credentials `npm start` imports (tools/demo.ts); Unipile has a v2 and a v1 one. */
const UNIPILE_V2_CREDENTIAL = 'demoUnipileCred01';

interface NodeCase {
	/** Shown in the nodes panel and in test names. */
	name: string;
	type: string;
	description: INodeTypeDescription;
	resource: string;
	operation: string;
	/** The credential to pick in the node, when the editor may pick another. */
	credentialId?: string;
	/** What the sandbox's account list shows. */
	accounts: string[];
}

const NODES: NodeCase[] = [
	{
		name: 'Unipile',
		type: `${PACKAGE}.unipile`,
		description: new Unipile().description,
		resource: 'message',
		operation: 'send',
		credentialId: UNIPILE_V2_CREDENTIAL,
		accounts: ['Demo LinkedIn (linkedin)'],
	},
	{
		name: 'ConnectSafely',
		type: `${PACKAGE}.connectSafely`,
		description: new ConnectSafely().description,
		resource: 'invitation',
		operation: 'send',
		accounts: ['Demo Owner (owner-demo)'],
	},
];

/** The operation's action, as the nodes panel lists it under the node. */
function actionOf(node: NodeCase): string {
	const found = operationsOf(node.description).find(
		(entry) => entry.resource === node.resource && entry.operation === node.operation,
	);
	if (!found?.action) throw new Error(`${node.name}: no action for ${node.operation}`);
	return found.action;
}

/** A panel item's node type: its keyboard-navigation ID is `<type>-<uuid>`. */
const typeOfItem = (id: string | null) =>
	(id ?? '').replace(/-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/, '');

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('the n8n 2.41.1 editor in a real browser', () => {
	let sandboxes: DemoSandboxes | undefined;
	let server: N8nServer | undefined;
	let browser: BrowserContext | undefined;
	let page: Page;
	const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-linkedin-editor-'));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-linkedin-chromium-'));
	/** Node types the panel listed for "LinkedIn": before any node (triggers), and after one. */
	const found = { triggerView: [] as string[], nextStepView: [] as string[] };

	async function screenshot(name: string) {
		const file = path.join(shots, `${name}.png`);
		await page.screenshot({ path: file });
		progress(`screenshot ${file}`);
	}

	async function newWorkflow() {
		await page.goto(`${server!.url}/workflow/new`);
		await page.getByTestId('canvas-add-button').waitFor({ timeout: 60_000 });
	}

	/**
	 * The nodes panel's items for `text` (node types, in order), once `shown` is among them: before
	 * the results render, the panel lists its categories.
	 */
	async function search(text: string, shown: string): Promise<string[]> {
		await page.getByTestId('node-creator-search-bar').fill(text);
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: exactly(shown) })
			.first()
			.waitFor();
		const items = page.getByTestId('item-iterator-item');
		return (
			await items.evaluateAll((elements) =>
				elements.map((element) => element.getAttribute('data-keyboard-nav-id')),
			)
		).map(typeOfItem);
	}

	/** A new workflow with a Manual Trigger, its "+" clicked: the panel for the next step. */
	async function nextStepPanel() {
		await newWorkflow();
		await page.getByTestId('canvas-add-button').click();
		await search('Manual Trigger', 'Manual Trigger');
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: exactly('Manual Trigger') })
			.click();
		await page.getByTestId('canvas-handle-plus').click();
		await page.getByTestId('node-creator-search-bar').waitFor();
	}

	beforeAll(
		async () => {
			if (!fs.existsSync(CHROMIUM)) {
				throw new Error(`${CHROMIUM} is missing: run scripts/chromium (apt-get install chromium)`);
			}
			const install = await ensureN8nInstalled();
			sandboxes = await startDemoSandboxes();
			server = await startN8n({ userFolder: await prepareDemoFolder(install, sandboxes), install });
			selectors.setTestIdAttribute(TEST_ID);
			// A fresh profile: playwright-core passes it as --user-data-dir.
			browser = await chromium.launchPersistentContext(profile, {
				executablePath: CHROMIUM,
				headless: true,
				args: [
					'--headless',
					'--no-sandbox',
					'--disable-gpu',
					'--disable-quic',
					'--no-first-run',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
				],
				viewport: { width: 1440, height: 900 },
				timeout: 60_000,
			});
			page = browser.pages()[0] ?? (await browser.newPage());
			page.setDefaultTimeout(20_000);
			page.setDefaultNavigationTimeout(60_000);
			progress(`screenshots in ${shots}`);
		},
		40 * 60 * 1000,
	);

	afterAll(async () => {
		if (browser) await settleWithin(browser.close(), 20_000);
		await server?.stop();
		await sandboxes?.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}, 60_000);

	it('signs in as the e2e owner', async () => {
		await page.goto(`${server!.url}/signin`);
		await page.locator('#emailOrLdapLoginId').fill(E2E_OWNER.email);
		await page.locator('#password').fill(E2E_OWNER.loginSecret);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.includes('signin'));
		await newWorkflow();
	}, 120_000);

	it('lists the nodes panel\'s results for "LinkedIn", before a trigger and after one', async () => {
		await newWorkflow();
		await page.getByTestId('canvas-add-button').click();
		// n8n's own LinkedIn node is found by its name: the results are there.
		found.triggerView = await search('LinkedIn', 'LinkedIn');
		await screenshot('search-linkedin-triggers');
		await nextStepPanel();
		found.nextStepView = await search('LinkedIn', 'LinkedIn');
		await screenshot('search-linkedin-next-step');
		progress(`"LinkedIn" finds ${JSON.stringify(found)}`);
		expect(found.triggerView).toContain('n8n-nodes-base.linkedIn');
		expect(found.nextStepView).toContain('n8n-nodes-base.linkedIn');
	}, 120_000);

	// The panel shows a node and its trigger as one item under the node's type; before a trigger it
	// lists only triggers (and nodes that have one), so there the item is our trigger.
	it.each(NODES.map((node) => [node.name, node.type]))(
		'"LinkedIn" finds %s and its trigger (codex aliases)',
		(_name, type) => {
			expect({
				triggers: found.triggerView.includes(type),
				nextStep: found.nextStepView.includes(type),
			}).toEqual({ triggers: true, nextStep: true });
		},
	);

	it.each(NODES.map((node) => [`${node.name}: ${actionOf(node)}`, node]))(
		'%s: Account comes right after Operation, and its list loads from the sandbox',
		async (_name, node) => {
			await nextStepPanel();
			await search(node.name, node.name);
			await page
				.getByTestId('node-creator-item-name')
				.filter({ hasText: exactly(node.name) })
				.click();
			await page
				.getByTestId('node-creator-item-name')
				.filter({ hasText: exactly(actionOf(node)) })
				.click();
			const account = page.getByTestId('resource-locator-account');
			await account.waitFor();
			if (node.credentialId) {
				await page.getByTestId('node-credentials-select').click();
				await page.getByTestId(`node-credentials-select-item-${node.credentialId}`).click();
			}
			const own = new Set(node.description.properties.map((property) => property.name));
			const shown = (
				await page
					.locator(`[${TEST_ID}^="parameter-input-"]`)
					.evaluateAll(
						(elements, attribute) =>
							elements.map((element) =>
								element.getAttribute(attribute)?.slice('parameter-input-'.length),
							),
						TEST_ID,
					)
			).filter((name): name is string => name !== undefined && own.has(name));
			expect(shown.slice(0, 3)).toEqual(['resource', 'operation', 'account']);
			expect(shown.length).toBeGreaterThan(3);
			await account.getByTestId('rlc-input').click();
			await page.getByTestId('rlc-item').first().waitFor();
			expect(await page.getByTestId('rlc-item').allInnerTexts()).toEqual(node.accounts);
			await screenshot(`${node.name.toLowerCase()}-${node.resource}-${node.operation}`);
		},
		120_000,
	);
});
