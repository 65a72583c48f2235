/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling: runs the demo, never shipped */
/**
 * `npm start`: a real n8n 2.41.1 with this package installed as a community package, sandbox APIs
 * playing Unipile and ConnectSafely, their credentials and the demo workflows. Loopback only;
 * Ctrl-C stops everything it started.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { WorkflowJson } from './n8n';
import {
	createUserFolder,
	E2E_OWNER,
	ensureN8nInstalled,
	importCredentials,
	importWorkflows,
	installPackage,
	progress,
	publishWorkflow,
	repoRoot,
	startN8n,
} from './n8n';
import { CONNECTSAFELY_SANDBOX, startConnectSafelySandbox } from './sandbox/connectsafely';
import { AI_FOLLOW_UP_RULE, OPENAI_SANDBOX, startOpenAiSandbox } from './sandbox/openai';
import { startUnipileSandbox, UNIPILE_SANDBOX } from './sandbox/unipile';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from './sandbox/unipileV1';

const N8N_PORT = Number(process.env.N8N_DEMO_PORT ?? 5678);
const READ_RECEIPT_WORKFLOW = 'demoReadReceipt001';
const REPLY_WORKFLOW = 'demoReplyStop001';
const AI_FOLLOW_UP_WORKFLOW = 'demoAiFollowUp01';
/** webhookId/path of the ConnectSafely Trigger in demo/reply.workflow.json. */
const REPLY_WEBHOOK_PATH = '9a1e4f2c-0003-4b7d-8c3a-00000000demo/webhook';

async function main() {
	const root = repoRoot();
	const install = await ensureN8nInstalled();
	const unipile = await startUnipileSandbox({
		port: Number(process.env.UNIPILE_SANDBOX_PORT ?? 0),
	});
	const unipileV1 = await startUnipileV1Sandbox({
		port: Number(process.env.UNIPILE_V1_SANDBOX_PORT ?? 0),
	});
	const connectSafely = await startConnectSafelySandbox({
		port: Number(process.env.CONNECTSAFELY_SANDBOX_PORT ?? 0),
	});
	// The AI agent's model: scripted, in demo mode for any read receipt (tools/sandbox/openai.ts).
	const model = await startOpenAiSandbox({
		port: Number(process.env.OPENAI_SANDBOX_PORT ?? 0),
		rules: [AI_FOLLOW_UP_RULE],
	});
	progress(
		`sandbox APIs: Unipile ${unipile.baseUrl}, Unipile v1 DSN ${unipileV1.dsn}, ConnectSafely ${connectSafely.baseUrl}, OpenAI (scripted) ${model.baseUrl}`,
	);

	const userFolder = createUserFolder({ install });
	installPackage(userFolder, root);
	progress('importing sandbox credentials and demo workflows');
	await importCredentials(userFolder, [
		{
			id: 'demoUnipileCred01',
			name: 'Unipile (sandbox)',
			type: 'unipileApi',
			data: {
				apiKey: UNIPILE_SANDBOX.apiKey,
				serviceApiKey: UNIPILE_SANDBOX.serviceApiKey,
				baseUrl: unipile.baseUrl,
			},
		},
		{
			id: 'demoUnipileV1Cred',
			name: 'Unipile v1 (sandbox)',
			type: 'unipileApi',
			data: { apiVersion: 'v1', apiKey: UNIPILE_V1_SANDBOX.apiKey, dsn: unipileV1.dsn },
		},
		{
			id: 'demoConnectSafely1',
			name: 'ConnectSafely (sandbox)',
			type: 'connectSafelyApi',
			data: {
				apiKey: CONNECTSAFELY_SANDBOX.apiKey,
				baseUrl: connectSafely.baseUrl,
				webhookSigningSecret: CONNECTSAFELY_SANDBOX.webhookSecret,
			},
		},
		{
			id: 'demoOpenAiCred01',
			name: 'Scripted model (sandbox)',
			type: 'openAiApi',
			data: { apiKey: OPENAI_SANDBOX.apiKey, url: model.baseUrl },
		},
	]);
	const demoDir = path.join(root, 'demo');
	const workflows = readdirSync(demoDir)
		.filter((file) => file.endsWith('.workflow.json'))
		.map((file) => JSON.parse(readFileSync(path.join(demoDir, file), 'utf8')) as WorkflowJson);
	await importWorkflows(userFolder, workflows);
	await publishWorkflow(userFolder, READ_RECEIPT_WORKFLOW);
	await publishWorkflow(userFolder, REPLY_WORKFLOW);
	await publishWorkflow(userFolder, AI_FOLLOW_UP_WORKFLOW);

	progress(`starting n8n on http://127.0.0.1:${N8N_PORT} (about 15 s)`);
	const n8n = await startN8n({ userFolder, install, port: N8N_PORT });
	await n8n.waitForPublished(READ_RECEIPT_WORKFLOW);
	await n8n.waitForPublished(REPLY_WORKFLOW);
	await n8n.waitForPublished(AI_FOLLOW_UP_WORKFLOW);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		progress('stopping n8n and the sandboxes');
		await n8n.stop();
		await unipile.close();
		await unipileV1.close();
		await connectSafely.close();
		await model.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	process.stdout.write(
		[
			'',
			`n8n is running: ${n8n.url}`,
			`  sign in as ${E2E_OWNER.email} / ${E2E_OWNER.loginSecret}`,
			'  demo workflows: "Demo: LinkedIn outreach pipeline" (open it, Execute workflow)',
			'                  "Demo: LinkedIn outreach on Unipile API v1 (DSN)" (the same, on v1)',
			'                  "Demo: follow up when a message is read" (active)',
			'                  "Demo: stop the sequence when they reply" (active)',
			'                  "Demo: AI follow-up when a message is read" (active, scripted model)',
			'  make a prospect read a message (signed read receipt from the Unipile sandbox):',
			`    curl -s -X POST ${unipile.url}/__sandbox/emit-read-receipt -H 'content-type: application/json' \\`,
			`      -d '{"chatId":"${UNIPILE_SANDBOX.chatIds[0]}","messageId":"${UNIPILE_SANDBOX.messageIds[0]}"}'`,
			'    both read-receipt demos run: the follow-up goes out, and the AI agent reads the chat and',
			'    replies to the message read, 10-20 s later (Pace Sends spaces the sends of the account);',
			'    see its execution. Any chat of the sandbox works: chatId chat_00NN, messageId msg_00NN_1 to _3.',
			'  make a prospect reply (signed ConnectSafely webhook from its sandbox):',
			`    curl -s -X POST ${connectSafely.url}/__sandbox/deliver-message -H 'content-type: application/json' \\`,
			`      -d '{"url":"${n8n.webhookUrl(REPLY_WEBHOOK_PATH)}","text":"Thanks, not now"}'`,
			`  n8n log: ${n8n.logFile}`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
