/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: runs the demo, never shipped */
/**
 * `npm start`: a real n8n 2.41.1 with this package installed as a community package, sandbox APIs
 * playing Unipile (v2 and v1) and ConnectSafely and a scripted OpenAI model, their credentials and
 * the demo workflows (tools/demo.ts). Loopback only; Ctrl-C stops everything it started.
 */
import { DEMO, prepareDemoFolder, PUBLISHED, startDemoSandboxes } from './demo';
import { E2E_OWNER, ensureN8nInstalled, progress, startN8n } from './n8n';
import { NETWORK } from './sandbox/network';
import { UNIPILE_SANDBOX } from './sandbox/unipile';

const port = (name: string, fallback = 0) => Number(process.env[name] ?? fallback);

async function main() {
	const install = await ensureN8nInstalled();
	const sandboxes = await startDemoSandboxes({
		unipile: port('UNIPILE_SANDBOX_PORT'),
		unipileV1: port('UNIPILE_V1_SANDBOX_PORT'),
		connectSafely: port('CONNECTSAFELY_SANDBOX_PORT'),
		model: port('OPENAI_SANDBOX_PORT'),
	});
	const { unipile, unipileV1, connectSafely, model } = sandboxes;
	progress(
		`sandbox APIs: Unipile ${unipile.baseUrl}, Unipile v1 DSN ${unipileV1.dsn}, ConnectSafely ${connectSafely.baseUrl}, OpenAI (scripted) ${model.baseUrl}`,
	);
	progress('importing sandbox credentials and demo workflows');
	const userFolder = await prepareDemoFolder(install, sandboxes);

	const n8nPort = port('N8N_DEMO_PORT', 5678);
	progress(`starting n8n on http://127.0.0.1:${n8nPort} (about 15 s)`);
	const n8n = await startN8n({ userFolder, install, port: n8nPort });
	for (const id of PUBLISHED) await n8n.waitForPublished(id);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		progress('stopping n8n and the sandboxes');
		await n8n.stop();
		await sandboxes.close();
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
			'                  "Demo: LinkedIn invitations from profile URLs" (open it, Execute workflow)',
			'                  "Demo: first message when an invitation is accepted" (active)',
			'  make a prospect read a message (signed read receipt from the Unipile sandbox):',
			`    curl -s -X POST ${unipile.url}/__sandbox/emit-read-receipt -H 'content-type: application/json' \\`,
			`      -d '{"chatId":"${UNIPILE_SANDBOX.chatIds[0]}","messageId":"${UNIPILE_SANDBOX.messageIds[0]}"}'`,
			'    both read-receipt demos run: the follow-up goes out, and the AI agent reads the chat and',
			'    replies to the message read, 10-20 s later (Pace Sends spaces the sends of the account);',
			'    see its execution. Any chat of the sandbox works: chatId chat_00NN, messageId msg_00NN_1 to _3.',
			'  the invitations demo reads each profile, skips Pat (already invited) and Demo Contact 1',
			'  (already connected), and invites Nora and Oscar, 2-4 s apart (run it twice: all are skipped).',
			'  make a prospect accept an invitation (the Unipile sandbox connects them, then sends New Relation):',
			`    curl -s -X POST ${unipile.url}/__sandbox/accept-invitation -H 'content-type: application/json' \\`,
			`      -d '{"userId":"${NETWORK.invited.providerId}"}'`,
			'    "first message when an invitation is accepted" starts a chat with Pat, whose invitation is',
			`    pending from the start; after the invitations demo, Nora's works too: ${NETWORK.stranger.providerId}.`,
			'    The read-receipt curl above with that chat_id and message_id continues the sequence.',
			'  make a prospect reply (signed ConnectSafely webhook from its sandbox):',
			`    curl -s -X POST ${connectSafely.url}/__sandbox/deliver-message -H 'content-type: application/json' \\`,
			`      -d '{"url":"${n8n.webhookUrl(DEMO.replyWebhookPath)}","text":"Thanks, not now"}'`,
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
