/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: drives a real n8n, never shipped */
/**
 * The demo `npm start` shows, set up the same way (tools/demo.ts): the outreach pipelines on
 * Unipile v2 and v1 send exactly the requests their nodes promise, the invitations demo invites
 * from profile URLs and skips who it must, and the "follow up when a message is read" and "first
 * message when an invitation is accepted" workflows answer the events the printed curl commands
 * make the sandbox send.
 */
import * as fs from 'node:fs';

import type { IDataObject } from 'n8n-workflow';

import type { DemoSandboxes } from '../../tools/demo';
import { DEMO, prepareDemoFolder, startDemoSandboxes } from '../../tools/demo';
import type { N8nInstall, N8nServer } from '../../tools/n8n';
import { ensureN8nInstalled, executeWorkflow, startN8n } from '../../tools/n8n';
import { partsOf } from '../../tools/sandbox/multipart';
import { NETWORK } from '../../tools/sandbox/network';
import { UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';

const PITCH = 'thanks for connecting! Open to a quick chat about outreach automation?';

describe('the demo that npm start runs', () => {
	let install: N8nInstall;
	let sandboxes: DemoSandboxes;
	let userFolder = '';
	let n8n: N8nServer | undefined;

	beforeAll(async () => {
		install = await ensureN8nInstalled();
		sandboxes = await startDemoSandboxes();
		userFolder = await prepareDemoFolder(install, sandboxes);
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandboxes?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('the outreach pipeline on Unipile v2 starts three chats, 2-4 s apart, then reads each', async () => {
		const result = await executeWorkflow(userFolder, DEMO.outreach, { install });
		expect(result.status).toBe('success');
		const starts = sandboxes.unipile.requests.filter((request) => request.method === 'POST');
		expect(starts.map(({ path, body }) => ({ path, body }))).toEqual(
			[
				['Ana', 0],
				['Ben', 1],
				['Chloe', 2],
			].map(([name, index]) => ({
				path: `/v2/acc_demo_linkedin/inboxes/CLASSIC_PRIMARY/chats/send`,
				body: { users_ids: UNIPILE_SANDBOX.userIds[index as number], text: `Hi ${name}, ${PITCH}` },
			})),
		);
		for (const [index, request] of starts.slice(1).entries()) {
			expect(request.receivedAt - (starts[index].respondedAt ?? 0)).toBeGreaterThanOrEqual(1990);
		}
		const chats = (result.runData['Start Chat'][0].data?.main[0] ?? []).map(
			(item) => item.json.chat_id,
		);
		expect(chats).toEqual(['chat_0001', 'chat_0002', 'chat_0003']);
		// "Skip If Already Sent" looks for the person's chat and its messages before each start;
		// then "Chat Messages" reads each new chat (n8n sends those three at once, in any order).
		const reads = sandboxes.unipile.requests
			.filter((request) => request.method === 'GET')
			.map((request) => request.path);
		expect(reads.slice(0, 6)).toEqual(
			[1, 2, 3].flatMap((n) => [
				`/v2/acc_demo_linkedin/users/ACoAAUser000${n}/chat`,
				`/v2/acc_demo_linkedin/chats/chat_000${n}/messages`,
			]),
		);
		expect(reads.slice(6).sort()).toEqual(
			chats.map((chat) => `/v2/acc_demo_linkedin/chats/${String(chat)}/messages`),
		);
	});

	test('the outreach pipeline on Unipile v1 (DSN) sends the same as multipart', async () => {
		const result = await executeWorkflow(userFolder, DEMO.outreachV1, { install });
		expect(result.status).toBe('success');
		const starts = sandboxes.unipileV1.requests.filter(
			(request) => request.method === 'POST' && request.path === '/api/v1/chats',
		);
		expect(starts.map(partsOf)).toEqual(
			['Ana', 'Ben'].map((name, index) => [
				['account_id', UNIPILE_V1_SANDBOX.accountId],
				['attendees_ids', UNIPILE_V1_SANDBOX.userIds[index]],
				['text', `Hi ${name}, ${PITCH}`],
				['linkedin[api]', 'classic'],
			]),
		);
		// Each chat: our first message on top of the sandbox's three.
		const read = (result.runData['Chat Messages'][0].data?.main[0] ?? []).map((item) => [
			item.json.chat_id,
			item.json.text,
		]);
		expect(read.filter(([, text]) => String(text).startsWith('Hi '))).toEqual([
			['chV1demo0001', `Hi Ana, ${PITCH}`],
			['chV1demo0002', `Hi Ben, ${PITCH}`],
		]);
		expect(read).toHaveLength(2 * 4);
	});

	test('the invitations demo reads four profile URLs, invites two people 2-4 s apart and skips two', async () => {
		const before = sandboxes.unipile.requests.length;
		const result = await executeWorkflow(userFolder, DEMO.invitations, { install });
		expect(result.status).toBe('success');
		const requests = sandboxes.unipile.requests.slice(before);
		const invites = requests.filter((request) => request.method === 'POST');
		const note = (name: string) =>
			`Hi ${name}, I enjoyed your posts on outbound. Happy to connect!`;
		expect(invites.map(({ path, body }) => ({ path, body }))).toEqual(
			[
				[NETWORK.stranger.providerId, 'Nora'],
				[NETWORK.openProfile.providerId, 'Oscar'],
			].map(([id, name]) => ({
				path: '/v2/acc_demo_linkedin/users/me/relation-requests',
				body: { user_id: id, message: note(name) },
			})),
		);
		expect(invites[1].receivedAt - (invites[0].respondedAt ?? 0)).toBeGreaterThanOrEqual(1990);
		// Get Profile reads the four by public identifier (n8n sends a declarative node's items'
		// requests together, so they may arrive in any order); Send reads each again by provider ID,
		// and the week's invitations once.
		const reads = requests.filter((request) => request.method === 'GET').map((r) => r.path);
		expect(reads.slice(0, 4).sort()).toEqual(
			['demo-contact-1', 'nora-new', 'oscar-open', 'pat-pending'].map(
				(id) => `/v2/acc_demo_linkedin/users/${id}`,
			),
		);
		const sent = (result.runData['Send Invitation'][0].data?.main[0] ?? []).map(
			(item) => item.json,
		);
		expect(sent.map((item) => item.reason ?? item.invitation_id)).toEqual([
			expect.stringMatching(/^\d+$/),
			expect.stringMatching(/^\d+$/),
			'already invited',
			'already connected',
		]);
	});

	test('a read receipt from the sandbox, as the printed curl sends it, gets the follow-up', async () => {
		n8n = await startN8n({ userFolder, install });
		await n8n.waitForPublished(DEMO.readReceipt);
		const before = sandboxes.unipile.requests.length;
		const chat = UNIPILE_SANDBOX.chatIds[0];
		const emitted = await fetch(`${sandboxes.unipile.url}/__sandbox/emit-read-receipt`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId: chat, messageId: UNIPILE_SANDBOX.messageIds[0] }),
			signal: AbortSignal.timeout(10_000),
		});
		expect(emitted.status).toBe(200);
		// Two demo workflows listen for read receipts: this one and the AI follow-up.
		expect(((await emitted.json()) as IDataObject[]).map((entry) => entry.status)).toEqual([
			200, 200,
		]);
		const [execution] = await n8n.waitForExecutions(DEMO.readReceipt, 1, 60_000);
		expect(execution.status).toBe('success');
		const followUps = sandboxes.unipile.requests
			.slice(before)
			.filter(
				(request) =>
					request.path === `/v2/${UNIPILE_SANDBOX.accountId}/chats/${chat}/messages/send`,
			);
		// The AI follow-up demo answers the same receipt with its own text, before or after this one.
		const template = /^Thanks for reading, .+! Does Thursday work for a call\?$/;
		const ours = followUps.filter((request) =>
			template.test(String((request.body as IDataObject).text)),
		);
		expect(ours).toHaveLength(1);
		expect(Object.keys(ours[0].body as IDataObject)).toEqual(['text']);
	});

	test('an invitation accepted in the sandbox, as the printed curl does it, gets the first message', async () => {
		n8n ??= await startN8n({ userFolder, install });
		await n8n.waitForPublished(DEMO.newRelation);
		const before = sandboxes.unipile.requests.length;
		const accepted = await fetch(`${sandboxes.unipile.url}/__sandbox/accept-invitation`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ userId: NETWORK.invited.providerId }),
			signal: AbortSignal.timeout(10_000),
		});
		expect(accepted.status).toBe(200);
		expect(((await accepted.json()) as IDataObject[]).map((entry) => entry.status)).toEqual([200]);
		const [execution] = await n8n.waitForExecutions(DEMO.newRelation, 1, 60_000);
		expect(execution.status).toBe('success');
		// The AI follow-up of the previous test may still be replying: only chat starts count here.
		const starts = sandboxes.unipile.requests
			.slice(before)
			.filter((request) => request.method === 'POST' && request.path.endsWith('/chats/send'));
		expect(starts.map(({ path, body }) => ({ path, body }))).toEqual([
			{
				path: '/v2/acc_demo_linkedin/inboxes/CLASSIC_PRIMARY/chats/send',
				body: { users_ids: NETWORK.invited.providerId, text: `Hi Pat, ${PITCH}` },
			},
		]);
	});
});
