/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: sets up the demo, never shipped */
/**
 * The demo `npm start` runs, in parts the demo end-to-end test runs too: sandbox APIs, then a user
 * folder with this package, sandbox credentials and the demo workflows (the triggers' published).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { N8nInstall, WorkflowJson } from './n8n';
import {
	createUserFolder,
	importCredentials,
	importWorkflows,
	installPackage,
	publishWorkflow,
	repoRoot,
} from './n8n';
import type { ConnectSafelySandbox } from './sandbox/connectsafely';
import { CONNECTSAFELY_SANDBOX, startConnectSafelySandbox } from './sandbox/connectsafely';
import { connectSafelyApi, openAiApi, unipileApi, unipileV1Api } from './sandbox/credentials';
import type { OpenAiSandbox } from './sandbox/openai';
import { AI_FOLLOW_UP_RULE, startOpenAiSandbox } from './sandbox/openai';
import type { UnipileSandbox } from './sandbox/unipile';
import { startUnipileSandbox } from './sandbox/unipile';
import type { UnipileV1Sandbox } from './sandbox/unipileV1';
import { startUnipileV1Sandbox } from './sandbox/unipileV1';

/** The demo workflows' IDs (demo/*.workflow.json). */
export const DEMO = {
	outreach: 'demoOutreach000001',
	outreachV1: 'demoOutreachV1001',
	readReceipt: 'demoReadReceipt001',
	reply: 'demoReplyStop001',
	aiFollowUp: 'demoAiFollowUp01',
	invitations: 'demoInvitations001',
	newRelation: 'demoNewRelation001',
	/** webhookId/path of the ConnectSafely Trigger in demo/reply.workflow.json. */
	replyWebhookPath: '9a1e4f2c-0003-4b7d-8c3a-00000000demo/webhook',
} as const;

/** The triggers' workflows, active in the demo. */
export const PUBLISHED = [DEMO.readReceipt, DEMO.reply, DEMO.aiFollowUp, DEMO.newRelation];

export interface DemoSandboxes {
	unipile: UnipileSandbox;
	unipileV1: UnipileV1Sandbox;
	connectSafely: ConnectSafelySandbox;
	model: OpenAiSandbox;
	close(): Promise<void>;
}

/** Ports: 0 (or absent) for any free one. */
export async function startDemoSandboxes(
	ports: { unipile?: number; unipileV1?: number; connectSafely?: number; model?: number } = {},
): Promise<DemoSandboxes> {
	const unipile = await startUnipileSandbox({ port: ports.unipile ?? 0 });
	const unipileV1 = await startUnipileV1Sandbox({ port: ports.unipileV1 ?? 0 });
	const connectSafely = await startConnectSafelySandbox({ port: ports.connectSafely ?? 0 });
	// The AI agent's model: scripted, in demo mode for any read receipt (tools/sandbox/openai.ts).
	const model = await startOpenAiSandbox({ port: ports.model ?? 0, rules: [AI_FOLLOW_UP_RULE] });
	return {
		unipile,
		unipileV1,
		connectSafely,
		model,
		async close() {
			await unipile.close();
			await unipileV1.close();
			await connectSafely.close();
			await model.close();
		},
	};
}

/** A user folder with the package installed, the sandbox credentials and the demo workflows. */
export async function prepareDemoFolder(
	install: N8nInstall,
	sandboxes: DemoSandboxes,
): Promise<string> {
	const root = repoRoot();
	const userFolder = createUserFolder({ install });
	installPackage(userFolder, root);
	await importCredentials(
		userFolder,
		[
			unipileApi({ id: 'demoUnipileCred01', name: 'Unipile (sandbox)' }, sandboxes.unipile),
			unipileV1Api({ id: 'demoUnipileV1Cred', name: 'Unipile v1 (sandbox)' }, sandboxes.unipileV1),
			connectSafelyApi(
				{ id: 'demoConnectSafely1', name: 'ConnectSafely (sandbox)' },
				sandboxes.connectSafely,
				{ webhookSigningSecret: CONNECTSAFELY_SANDBOX.webhookSecret },
			),
			openAiApi({ id: 'demoOpenAiCred01', name: 'Scripted model (sandbox)' }, sandboxes.model),
		],
		{ install },
	);
	const demoDir = path.join(root, 'demo');
	const workflows = readdirSync(demoDir)
		.filter((file) => file.endsWith('.workflow.json'))
		.map((file) => JSON.parse(readFileSync(path.join(demoDir, file), 'utf8')) as WorkflowJson);
	await importWorkflows(userFolder, workflows, { install });
	for (const id of PUBLISHED) await publishWorkflow(userFolder, id, { install });
	return userFolder;
}
